import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../../config/config.ts'
import { createMessagingService, expectedTemplates } from './index.ts'

const TEXT = '11111111-1111-4111-8111-111111111111'
const EMAIL = '22222222-2222-4222-8222-222222222222'
const OWN_LETTER_CY = '33333333-3333-4333-8333-333333333333'
const config = loadConfig({
  NOTIFY_TEXT_TEMPLATE: TEXT,
  NOTIFY_EMAIL_TEMPLATE: EMAIL,
  NOTIFY_TEMPLATES: JSON.stringify({ 'closing-no-contact.letter.cy': OWN_LETTER_CY }),
}).notify
const values = { firstName: 'Sam', senderName: 'Hub', contactPhone: '0300 123 4567' }

describe('the messaging service', () => {
  it('is outbox only without a key, and keeps what it is given', async () => {
    const messaging = createMessagingService(config)
    assert.equal(messaging.mode, 'outbox-only')
    const message = messaging.compose({
      type: 'tried-to-reach',
      channel: 'text',
      language: 'en',
      values,
      reference: 'outbox-1',
      recipient: { phoneNumber: '07700900123' },
    })
    const accepted = await messaging.send(message)
    assert.equal((await messaging.status(accepted.providerId)).state, 'kept')
  })

  it('composes a message: its words, its template and its personalisation', () => {
    const messaging = createMessagingService(config)
    const email = messaging.compose({
      type: 'first-contact',
      channel: 'email',
      language: 'cy',
      values,
      reference: 'outbox-2',
      recipient: { emailAddress: 'sam@example.com' },
    })
    assert.equal(email.channel, 'email')
    assert.equal(email.templateId, EMAIL)
    assert.equal(email.text.subject, 'Neges gan Hub')
    assert.equal(email.personalisation.subject, 'Neges gan Hub')
    assert.equal(email.personalisation.body, email.text.body)
    assert.equal(email.personalisation.firstName, 'Sam')

    const letter = messaging.compose({
      type: 'closing-no-contact',
      channel: 'letter',
      language: 'cy',
      values,
      reference: 'outbox-3',
      recipient: { addressLines: ['Sam', '1 Stryd Fawr', 'CF10 1AA'] },
    })
    assert.equal(letter.templateId, OWN_LETTER_CY)
    const english = messaging.compose({
      type: 'closing-no-contact',
      channel: 'letter',
      language: 'en',
      values,
      reference: 'outbox-4',
      recipient: { addressLines: ['Sam', '1 High Street', 'CV34 4AA'] },
    })
    assert.equal(english.templateId, null, 'no English letter template is set')
  })

  it('refuses a recipient that does not fit the channel', () => {
    const messaging = createMessagingService(config)
    assert.throws(
      () =>
        messaging.compose({
          type: 'first-contact',
          channel: 'text',
          language: 'en',
          values,
          reference: 'outbox-5',
          recipient: { emailAddress: 'sam@example.com' },
        }),
      /A text message needs a phone number/,
    )
  })

  it("expects each template to take the content's values, the text and, for letters, the address", () => {
    const expected = expectedTemplates(config.templates)
    const text = expected.find((t) => t.setting === 'NOTIFY_TEXT_TEMPLATE')
    assert.ok(text?.fills.includes('body'))
    assert.ok(text?.fills.includes('link'), 'new-message needs a link')
    assert.ok(!text?.fills.includes('subject'))
    const letter = expected.find((t) => t.setting === 'NOTIFY_TEMPLATES "closing-no-contact.letter.cy"')
    assert.equal(letter?.kind, 'message')
    assert.ok(letter?.fills.includes('address_line_7'))
    assert.ok(letter?.fills.includes('contactPhone'))
  })
})
