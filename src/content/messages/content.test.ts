import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MESSAGE_TYPES, type MessageChannel, type MessageType } from '../../domain/messaging/message.ts'
import cy from './cy.json' with { type: 'json' }
import en from './en.json' with { type: 'json' }
import {
  ContentError,
  contentText,
  MESSAGE_CONTENT,
  messagePlaceholders,
  messageText,
  placeholdersOf,
} from './index.ts'

/** Every wording as [key, text], walking the nested JSON. */
function entries(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]]
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) =>
    entries(v, prefix ? `${prefix}.${k}` : k),
  )
}

const SAMPLE = {
  firstName: 'Sam',
  senderName: 'Hub',
  contactPhone: '0300 123 4567',
  link: 'https://hub.example/me',
}
const everyMessage = (Object.keys(MESSAGE_TYPES) as MessageType[]).flatMap((type) =>
  (MESSAGE_TYPES[type] as readonly MessageChannel[]).map((channel) => [type, channel] as const),
)

describe('message content', () => {
  const english = new Map(entries(en))
  const welsh = new Map(entries(cy))

  it('has a Welsh version of every English wording, and nothing Welsh without English', () => {
    assert.deepEqual(
      [...english.keys()].filter((k) => !welsh.has(k)),
      [],
      'English keys with no Welsh',
    )
    assert.deepEqual(
      [...welsh.keys()].filter((k) => !english.has(k)),
      [],
      'Welsh keys with no English',
    )
  })

  it('uses the same placeholders in the Welsh as in the English', () => {
    for (const [key, text] of english) {
      assert.deepEqual(placeholdersOf(welsh.get(key) ?? '').sort(), placeholdersOf(text).sort(), key)
    }
  })

  it('is translated: no Welsh wording is the English one copied', () => {
    for (const [key, text] of english) assert.notEqual(welsh.get(key), text, key)
  })

  it('has the words of every message type on every channel it is sent by, in both languages', () => {
    for (const [type, channel] of everyMessage) {
      for (const language of ['en', 'cy'] as const) {
        const t = messageText(type, channel, language, SAMPLE)
        assert.ok(t.body.length > 0, `${type}.${channel}.${language}`)
        assert.equal(t.subject === null, channel === 'text', `${type}.${channel}.${language} subject`)
        assert.doesNotMatch(`${t.subject ?? ''} ${t.body}`, /\{\{|\}\}/, 'every placeholder filled')
      }
    }
  })

  it('never names a crime, the police or "victim" in a message: someone else may read the phone or the post', () => {
    const unsafe =
      /crime|victim|police|abuse|assault|violence|rape|offence|trosedd|dioddef|heddlu|cam-drin|ymosod|trais/i
    for (const [type, channel] of everyMessage) {
      for (const language of ['en', 'cy'] as const) {
        const t = messageText(type, channel, language, SAMPLE)
        assert.doesNotMatch(`${t.subject ?? ''}\n${t.body}`, unsafe, `${type}.${channel}.${language}`)
      }
    }
  })

  it('keeps texts short: each fits in two text message parts with sample values', () => {
    for (const [type, channel] of everyMessage.filter(([, c]) => c === 'text')) {
      for (const language of ['en', 'cy'] as const) {
        const { body } = messageText(type, channel, language, SAMPLE)
        assert.ok(body.length <= 306, `${type}.${language} is ${body.length} characters`)
      }
    }
  })

  it('fills placeholders with the values as given, without HTML escaping (texts and emails are plain text)', () => {
    const { body } = messageText('first-contact', 'text', 'en', { ...SAMPLE, senderName: 'Smith & Co' })
    assert.match(body, /this is Smith & Co\./)
  })

  it('refuses a missing value or an unknown key rather than sending a gap', () => {
    assert.throws(() => messageText('first-contact', 'text', 'cy', { firstName: 'Sam' }), ContentError)
    assert.throws(
      () => contentText('no-such-message.text', 'en'),
      /no English wording for "no-such-message.text"/,
    )
    assert.throws(() => messageText('new-message', 'letter', 'en', SAMPLE), ContentError)
  })

  it('lists the placeholders each message needs, and serves shared statements to pages', () => {
    assert.deepEqual(messagePlaceholders('new-message', 'text'), ['senderName', 'link'])
    assert.match(contentText('core.supportOffer', 'cy'), /am ddim/)
    assert.deepEqual(Object.keys(MESSAGE_CONTENT), ['en', 'cy'])
  })
})
