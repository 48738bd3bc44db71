// The production adapter (the official notifications-node-client, real HTTP) against the fake Notify.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import {
  MessagingConfigurationError,
  PermanentMessageError,
  RetryableMessageError,
} from '../../src/domain/messaging/errors.ts'
import { createMessagingService, type MessagingService } from '../../src/services/messaging/index.ts'
import { type FakeNotify, startFakeNotify } from '../support/fake-notify/index.ts'

const values = {
  firstName: 'Sam',
  senderName: 'Hub',
  contactPhone: '0300 123 4567',
  link: 'https://hub.example/me',
}
let reference = 0
const nextReference = () => `msg-${++reference}`

describe('messages through GOV.UK Notify (the fake, with the real client)', () => {
  let fake: FakeNotify
  let templates: { text: string; email: string; letter: string }
  let apiKey: string

  const messaging = (env: Record<string, string> = {}): MessagingService =>
    createMessagingService(
      loadConfig({
        NOTIFY_API_KEY: apiKey,
        NOTIFY_BASE_URL: fake.baseUrl,
        NOTIFY_TEXT_TEMPLATE: templates.text,
        NOTIFY_EMAIL_TEMPLATE: templates.email,
        NOTIFY_LETTER_TEMPLATE: templates.letter,
        ...env,
      }).notify,
    )
  const text = (service: MessagingService, phoneNumber = '07700 900123', language: 'en' | 'cy' = 'en') =>
    service.compose({
      type: 'first-contact',
      channel: 'text',
      language,
      values,
      reference: nextReference(),
      recipient: { phoneNumber },
    })

  before(async () => {
    fake = await startFakeNotify()
    templates = fake.addGeneralTemplates()
  })
  beforeEach(() => {
    apiKey = fake.createApiKey({ name: `hub_${reference}` })
  })
  after(() => fake.close())

  it('sends a text that Notify receives with the general template, the whole text and our reference', async () => {
    const service = messaging()
    const message = text(service)
    const accepted = await service.send(message)
    const got = fake.received.find((n) => n.id === accepted.providerId)
    assert.ok(got, 'the fake received the message')
    assert.equal(got.type, 'sms')
    assert.equal(got.templateId, templates.text)
    assert.equal(got.phoneNumber, '07700 900123')
    assert.equal(got.reference, message.reference)
    assert.equal(got.personalisation.body, message.text.body)
    assert.equal(got.personalisation.firstName, 'Sam')
    assert.match(got.body, /^Hello Sam, this is Hub\. We have been asked to get in touch/)
    assert.equal(accepted.transport, 'notify')
  })

  it('sends a Welsh email with its subject, and a letter to the address lines', async () => {
    const service = messaging()
    const email = service.compose({
      type: 'first-contact',
      channel: 'email',
      language: 'cy',
      values,
      reference: nextReference(),
      recipient: { emailAddress: 'sam@example.com' },
    })
    const sentEmail = await service.send(email)
    const gotEmail = fake.received.find((n) => n.id === sentEmail.providerId)
    assert.equal(gotEmail?.templateId, templates.email)
    assert.equal(gotEmail?.subject, 'Neges gan Hub')
    assert.match(gotEmail?.body ?? '', /^Helo Sam,/)

    const letter = service.compose({
      type: 'closing-no-contact',
      channel: 'letter',
      language: 'en',
      values,
      reference: nextReference(),
      recipient: { addressLines: ['Sam Jones', '1 High Street', 'Warwick', 'CV34 4AA'] },
    })
    const sentLetter = await service.send(letter)
    const gotLetter = fake.received.find((n) => n.id === sentLetter.providerId)
    assert.deepEqual(gotLetter?.addressLines, ['Sam Jones', '1 High Street', 'Warwick', 'CV34 4AA'])
    assert.equal(gotLetter?.subject, 'We tried to get in touch with you')
  })

  it('a number that is not a UK mobile is a permanent error naming the field; nothing is kept at Notify', async () => {
    const service = messaging()
    const before = fake.received.length
    await assert.rejects(service.send(text(service, '0121 496 0000')), (error: unknown) => {
      assert.ok(error instanceof PermanentMessageError)
      assert.equal(error.field, 'phone_number')
      assert.equal(error.httpStatus, 400)
      assert.deepEqual(error.providerErrors, [
        { error: 'ValidationError', message: 'phone_number Not a UK mobile number' },
      ])
      return true
    })
    await assert.rejects(service.send(text(service, '07700 9001')), /phone_number Not enough digits/)
    await assert.rejects(
      service.send(text(service, '07700 9OO123')),
      /phone_number Must not contain letters or symbols/,
    )
    assert.equal(fake.received.length, before)
  })

  it('a rate limit or the daily limit is a retryable error, known not to have been sent', async () => {
    const service = messaging()
    fake.forceNext('rate-limit')
    await assert.rejects(service.send(text(service)), (error: unknown) => {
      assert.ok(error instanceof RetryableMessageError)
      assert.equal(error.httpStatus, 429)
      assert.equal(error.providerErrors[0]?.error, 'RateLimitError')
      assert.equal(error.outcome, 'not-sent')
      assert.equal(error.retryAfterSeconds, 60)
      return true
    })
    fake.forceNext('daily-limit')
    await assert.rejects(service.send(text(service)), (error: unknown) => {
      assert.ok(error instanceof RetryableMessageError)
      assert.equal(error.providerErrors[0]?.error, 'TooManyRequestsError')
      assert.match(error.message, /Exceeded send limits \(sms: 250000\) for today/)
      assert.ok(error.retryAfterSeconds >= 60)
      return true
    })
  })

  it("Notify's own rate limit counts a key type's requests: past it, the next one is refused with 429", async () => {
    const own = await startFakeNotify()
    try {
      const general = own.addGeneralTemplates()
      const service = createMessagingService(
        loadConfig({
          NOTIFY_API_KEY: own.createApiKey(),
          NOTIFY_BASE_URL: own.baseUrl,
          NOTIFY_TEXT_TEMPLATE: general.text,
        }).notify,
      )
      own.setRateLimit(2)
      await service.send(text(service))
      await service.send(text(service))
      await assert.rejects(service.send(text(service)), (error: unknown) => {
        assert.ok(error instanceof RetryableMessageError)
        assert.match(error.message, /Exceeded rate limit for key type LIVE of 2 requests per 60 seconds/)
        return true
      })
      assert.equal(own.received.length, 2)
    } finally {
      await own.close()
    }
  })

  it('a fault at Notify or a lost answer is retryable with the outcome unknown, and found again by reference', async () => {
    const service = messaging()
    fake.forceNext('server-error')
    await assert.rejects(service.send(text(service)), (error: unknown) => {
      assert.ok(error instanceof RetryableMessageError)
      assert.equal(error.httpStatus, 500)
      assert.equal(error.outcome, 'unknown')
      return true
    })

    const message = text(service)
    fake.forceNext('accept-then-drop')
    await assert.rejects(service.send(message), (error: unknown) => {
      assert.ok(error instanceof RetryableMessageError)
      assert.equal(error.httpStatus, null)
      assert.equal(error.outcome, 'unknown')
      return true
    })
    // The answer was lost but Notify took it: the reference finds it, so a retry need not send again.
    const found = await service.findByReference(message.reference)
    assert.equal(found.length, 1)
    assert.equal(found[0]?.reference, message.reference)
  })

  it('a wrong, revoked or badly timed key is a configuration error, naming what to fix', async () => {
    const wrong = messaging({ NOTIFY_API_KEY: `hub_wrong-${fake.serviceId}-${crypto.randomUUID()}` })
    await assert.rejects(wrong.send(text(wrong)), (error: unknown) => {
      assert.ok(error instanceof MessagingConfigurationError)
      assert.equal(error.httpStatus, 403)
      assert.equal(error.variable, 'NOTIFY_API_KEY')
      assert.deepEqual(error.providerErrors, [
        { error: 'AuthError', message: 'Invalid token: API key not found' },
      ])
      return true
    })
    const otherService = messaging({ NOTIFY_API_KEY: `hub-${crypto.randomUUID()}-${crypto.randomUUID()}` })
    await assert.rejects(otherService.send(text(otherService)), /Invalid token: service not found/)

    fake.revokeApiKey(apiKey)
    const revoked = messaging()
    await assert.rejects(revoked.send(text(revoked)), /Invalid token: API key revoked/)

    apiKey = fake.createApiKey({ name: 'hub_clock' })
    // Clear of the 30 seconds Notify allows, and of the client's rounding of iat to the nearest second.
    fake.setClockOffset(32)
    try {
      const late = messaging()
      await assert.rejects(late.send(text(late)), (error: unknown) => {
        assert.ok(error instanceof MessagingConfigurationError)
        assert.equal(error.variable, null)
        assert.match(error.message, /clock/)
        return true
      })
    } finally {
      fake.setClockOffset(0)
    }
  })

  it('a template that is missing or asks for what the hub does not fill is a configuration error', async () => {
    const missing = messaging({ NOTIFY_TEXT_TEMPLATE: crypto.randomUUID() })
    await assert.rejects(missing.send(text(missing)), (error: unknown) => {
      assert.ok(error instanceof MessagingConfigurationError)
      assert.equal(error.variable, 'NOTIFY_TEXT_TEMPLATE')
      assert.match(error.message, /Template not found/)
      return true
    })
    const ownTemplate = fake.addTemplate({ type: 'sms', body: 'Hi ((first name)), your code is ((code)).' })
    const own = messaging({ NOTIFY_TEMPLATES: JSON.stringify({ 'first-contact.text': ownTemplate }) })
    await assert.rejects(own.send(text(own)), (error: unknown) => {
      assert.ok(error instanceof MessagingConfigurationError)
      assert.equal(error.variable, 'NOTIFY_TEMPLATES "first-contact.text"')
      assert.deepEqual(error.providerErrors, [
        { error: 'BadRequestError', message: 'Missing personalisation: code' },
      ])
      return true
    })
  })

  it('reads back the status Notify gives a message: pending, then delivered or failed', async () => {
    const service = messaging()
    const sent = await service.send(text(service))
    const first = await service.status(sent.providerId)
    assert.equal(first.providerStatus, 'created')
    assert.equal(first.state, 'pending')
    assert.equal(first.final, false)

    fake.setStatus(sent.providerId, 'delivered')
    const delivered = await service.status(sent.providerId)
    assert.equal(delivered.state, 'delivered')
    assert.equal(delivered.final, true)
    assert.ok(delivered.completedAt instanceof Date)

    fake.setStatus(sent.providerId, 'permanent-failure')
    const failed = await service.status(sent.providerId)
    assert.equal(failed.state, 'permanent-failure')
    assert.equal(failed.nextStep, 'check-contact-details')

    fake.setStatus(sent.providerId, 'temporary-failure')
    assert.equal((await service.status(sent.providerId)).nextStep, 'try-again-later')
    fake.setStatus(sent.providerId, 'technical-failure')
    assert.equal((await service.status(sent.providerId)).nextStep, 'send-again')

    await assert.rejects(service.status(crypto.randomUUID()), (error: unknown) => {
      assert.ok(error instanceof PermanentMessageError)
      assert.equal(error.httpStatus, 404)
      return true
    })
  })

  it("a test key's messages come back as Notify's simulator numbers say", async () => {
    apiKey = fake.createApiKey({ name: 'hub_test_key', type: 'test' })
    const service = messaging()
    const ok = await service.send(text(service, '07700 900123'))
    const perm = await service.send(text(service, '07700900002'))
    const temp = await service.send(text(service, '07700900003'))
    assert.equal((await service.status(ok.providerId)).state, 'delivered')
    assert.equal((await service.status(perm.providerId)).state, 'permanent-failure')
    assert.equal((await service.status(temp.providerId)).state, 'temporary-failure')
  })

  it('a team key sends only to the guest list: anyone else is a configuration error', async () => {
    apiKey = fake.createApiKey({ name: 'hub_team_key', type: 'team' })
    fake.addToGuestList('07700 900999')
    const service = messaging()
    await service.send(text(service, '07700 900999'))
    await assert.rejects(service.send(text(service, '07700 900123')), (error: unknown) => {
      assert.ok(error instanceof MessagingConfigurationError)
      assert.equal(error.variable, 'NOTIFY_API_KEY')
      assert.match(error.message, /team-only API key/)
      return true
    })
  })

  it('check: the key works and the templates fit, without sending anything', async () => {
    const ownLetter = fake.addTemplate({
      type: 'letter',
      subject: 'Closing',
      body: '((first name)), ((unknown))',
    })
    const service = messaging({
      NOTIFY_LETTER_TEMPLATE: templates.email,
      NOTIFY_TEMPLATES: JSON.stringify({ 'closing-no-contact.letter.cy': ownLetter }),
    })
    const before = fake.received.length
    const check = await service.check()
    assert.equal(check.mode, 'notify')
    const problems = Object.fromEntries(check.templates.map((t) => [t.setting, t.problem]))
    assert.equal(problems.NOTIFY_TEXT_TEMPLATE, null)
    assert.equal(problems.NOTIFY_EMAIL_TEMPLATE, null)
    assert.match(problems.NOTIFY_LETTER_TEMPLATE ?? '', /an email template, not a letter template/)
    assert.match(problems['NOTIFY_TEMPLATES "closing-no-contact.letter.cy"'] ?? '', /\(\(unknown\)\)/)
    assert.equal(fake.received.length, before, 'nothing was sent')

    const wrong = messaging({ NOTIFY_API_KEY: `hub_wrong-${fake.serviceId}-${crypto.randomUUID()}` })
    await assert.rejects(wrong.check(), MessagingConfigurationError)
  })
})
