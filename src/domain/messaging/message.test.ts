import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type OutgoingMessage, outgoingMessageProblem, referenceProblem } from './message.ts'

const text: OutgoingMessage = {
  channel: 'text',
  phoneNumber: '07700900123',
  messageType: 'first-contact',
  language: 'en',
  reference: 'outbox-1',
  templateId: null,
  personalisation: {},
  text: { subject: null, body: 'Hello' },
}

describe('referenceProblem', () => {
  it('allows ids and codes', () => {
    for (const ok of ['outbox-1', 'b2c8a3e0-63a5-4a8e-9d5b-0b4f0e1f2a3b', 'case:42.attempt_3']) {
      assert.equal(referenceProblem(ok), null, ok)
    }
  })

  it('refuses anything with a space or an @: no name, email address or sentence can be a reference', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(' ', '@', '\n'), fc.string(), (before, bad, after) => {
        assert.notEqual(referenceProblem(`${before}${bad}${after}`), null)
      }),
    )
    assert.notEqual(referenceProblem(''), null)
    assert.notEqual(referenceProblem('x'.repeat(101)), null)
  })
})

describe('outgoingMessageProblem', () => {
  it('accepts a well formed message', () => {
    assert.equal(outgoingMessageProblem(text), null)
  })

  it('names the field at fault', () => {
    assert.equal(outgoingMessageProblem({ ...text, reference: 'Sam Jones' })?.field, 'reference')
    assert.equal(outgoingMessageProblem({ ...text, text: { subject: null, body: ' ' } })?.field, 'body')
    assert.equal(outgoingMessageProblem({ ...text, phoneNumber: '' })?.field, 'phone_number')
    const email: OutgoingMessage = { ...text, channel: 'email', emailAddress: 'sam@example.com' }
    assert.equal(outgoingMessageProblem(email)?.field, 'subject')
    const letter: OutgoingMessage = {
      ...text,
      channel: 'letter',
      addressLines: ['1 High Street', 'CV34 4AA'],
      text: { subject: 'Heading', body: 'Dear Sam' },
    }
    assert.equal(outgoingMessageProblem(letter)?.field, 'address')
    assert.equal(
      outgoingMessageProblem({ ...letter, addressLines: ['Sam', '1 High Street', 'CV34 4AA'] }),
      null,
    )
  })
})
