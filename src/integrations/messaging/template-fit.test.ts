import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ExpectedTemplate, notifyPlaceholders, templateProblem } from './template-fit.ts'

const general: ExpectedTemplate = {
  setting: 'NOTIFY_EMAIL_TEMPLATE',
  templateId: 't',
  channel: 'email',
  kind: 'general',
  fills: ['firstName', 'body', 'subject'],
}

describe('templateProblem', () => {
  it('accepts a general template of ((subject)) and ((body))', () => {
    assert.equal(
      templateProblem(general, { type: 'email', subject: '((subject))', body: '((body))' }, 'email'),
      null,
    )
  })

  it('says when the template is missing or of another kind', () => {
    assert.match(templateProblem(general, undefined, 'email') ?? '', /no template with this id/)
    assert.match(
      templateProblem(general, { type: 'sms', body: '((body))' }, 'email') ?? '',
      /a text message template, not an email template/,
    )
  })

  it('wants the general template to carry the whole text', () => {
    assert.match(
      templateProblem(general, { type: 'email', subject: 'Hello', body: '((body))' }, 'email') ?? '',
      /subject must be \(\(subject\)\)/,
    )
    assert.match(
      templateProblem(
        general,
        { type: 'email', subject: '((subject))', body: 'Dear ((first name))' },
        'email',
      ) ?? '',
      /message must be \(\(body\)\)/,
    )
  })

  it('matches placeholders as Notify does (case, spaces, underscores) and names those the hub does not fill', () => {
    const own: ExpectedTemplate = { ...general, kind: 'message' }
    assert.equal(
      templateProblem(
        own,
        { type: 'email', subject: 'Hi ((First Name))', body: '((first_name)) ((body))' },
        'email',
      ),
      null,
    )
    assert.match(
      templateProblem(
        own,
        { type: 'email', subject: 'Hi', body: '((case number)) ((in_wales??Croeso))' },
        'email',
      ) ?? '',
      /asks for \(\(casenumber\)\), \(\(inwales\)\)/,
    )
  })

  it('reads conditional placeholders by their name', () => {
    assert.deepEqual(notifyPlaceholders('((a)) and ((b??shown when yes))'), ['a', 'b'])
  })
})
