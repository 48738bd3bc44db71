import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PermanentMessageError } from '../../domain/messaging/errors.ts'
import type { OutgoingMessage } from '../../domain/messaging/message.ts'
import { createOutboxOnlyTransport, type KeptMessage } from './outbox-only-transport.ts'

const message: OutgoingMessage = {
  channel: 'email',
  emailAddress: 'sam@example.com',
  messageType: 'first-contact',
  language: 'en',
  reference: 'outbox-7',
  templateId: null,
  personalisation: { body: 'Hello Sam', subject: 'A message' },
  text: { subject: 'A message', body: 'Hello Sam' },
}

describe('the outbox-only transport (no Notify key)', () => {
  it('keeps the message for staff, sends nothing, and reports it as kept', async () => {
    const recorded: KeptMessage[] = []
    const transport = createOutboxOnlyTransport({ keep: (kept) => void recorded.push(kept) })
    assert.equal(transport.mode, 'outbox-only')
    const accepted = await transport.send(message)
    assert.equal(accepted.transport, 'outbox-only')
    assert.equal(recorded.length, 1)
    assert.equal(recorded[0]?.message.text.body, 'Hello Sam')
    const report = await transport.status(accepted.providerId)
    assert.equal(report.state, 'kept')
    assert.equal(report.providerStatus, 'kept')
    assert.equal(report.final, false)
    assert.deepEqual(
      (await transport.findByReference('outbox-7')).map((r) => r.providerId),
      [accepted.providerId],
    )
  })

  it('keeps a retried message (same reference) once', async () => {
    const transport = createOutboxOnlyTransport()
    const first = await transport.send(message)
    const again = await transport.send(message)
    assert.equal(again.providerId, first.providerId)
    assert.equal(transport.kept().length, 1)
  })

  it('refuses what Notify would refuse before sending, naming the field', async () => {
    const transport = createOutboxOnlyTransport()
    await assert.rejects(transport.send({ ...message, reference: 'sam@example.com' }), (error: unknown) => {
      assert.ok(error instanceof PermanentMessageError)
      assert.equal(error.field, 'reference')
      return true
    })
    assert.equal(transport.kept().length, 0)
  })

  it('check says where messages go and which channels have no template', async () => {
    const check = await createOutboxOnlyTransport().check()
    assert.equal(check.mode, 'outbox-only')
    assert.match(check.destination, /nothing leaves this machine/)
    assert.deepEqual(check.channelsWithoutTemplate, ['text', 'email', 'letter'])
  })
})
