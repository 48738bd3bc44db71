import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { chooseTemplate, personalisationFor, type TemplateSettings } from './templates.ts'

const GENERAL = { text: 'general-text', email: 'general-email', letter: 'general-letter' }

describe('chooseTemplate', () => {
  it("takes the channel's general template when none is named for the message", () => {
    const settings: TemplateSettings = { general: GENERAL, byMessage: {} }
    assert.deepEqual(chooseTemplate(settings, 'first-contact', 'text', 'en'), {
      id: 'general-text',
      kind: 'general',
    })
    assert.deepEqual(chooseTemplate(settings, 'first-contact', 'email', 'cy'), {
      id: 'general-email',
      kind: 'general',
    })
  })

  it('takes a template named for the message type and channel, and a language-specific one first', () => {
    const settings: TemplateSettings = {
      general: GENERAL,
      byMessage: {
        'closing-no-contact.letter': 'own-letter',
        'closing-no-contact.letter.cy': 'own-letter-cy',
      },
    }
    assert.deepEqual(chooseTemplate(settings, 'closing-no-contact', 'letter', 'en'), {
      id: 'own-letter',
      kind: 'message',
    })
    assert.deepEqual(chooseTemplate(settings, 'closing-no-contact', 'letter', 'cy'), {
      id: 'own-letter-cy',
      kind: 'message',
    })
    assert.deepEqual(chooseTemplate(settings, 'closing-no-contact', 'email', 'en'), {
      id: 'general-email',
      kind: 'general',
    })
  })

  it('never sends a Welsh message in a template named without a language (its words are English)', () => {
    const settings: TemplateSettings = { general: GENERAL, byMessage: { 'first-contact.text': 'own-text' } }
    assert.deepEqual(chooseTemplate(settings, 'first-contact', 'text', 'cy'), {
      id: 'general-text',
      kind: 'general',
    })
    assert.equal(
      chooseTemplate(
        { general: {}, byMessage: { 'first-contact.text': 'own-text' } },
        'first-contact',
        'text',
        'cy',
      ),
      null,
    )
  })

  it('is null when nothing is configured for the channel', () => {
    assert.equal(
      chooseTemplate({ general: { text: 'x' }, byMessage: {} }, 'closing-no-contact', 'letter', 'en'),
      null,
    )
  })
})

describe('personalisationFor', () => {
  it("sends the content's values with the whole text as body, and subject where there is one", () => {
    assert.deepEqual(personalisationFor({ firstName: 'Sam' }, { subject: null, body: 'Hello Sam' }), {
      firstName: 'Sam',
      body: 'Hello Sam',
    })
    assert.deepEqual(personalisationFor({ firstName: 'Sam' }, { subject: 'Hi', body: 'Hello Sam' }), {
      firstName: 'Sam',
      body: 'Hello Sam',
      subject: 'Hi',
    })
  })
})
