import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { outcomeOf, outcomeOfNotifyStatus } from './delivery-status.ts'

describe('outcomeOfNotifyStatus', () => {
  it("reads each of Notify's statuses for texts and emails", () => {
    const read = (status: string) => {
      const o = outcomeOfNotifyStatus(status)
      return [o.state, o.final, o.nextStep]
    }
    assert.deepEqual(read('created'), ['pending', false, 'wait'])
    assert.deepEqual(read('sending'), ['pending', false, 'wait'])
    assert.deepEqual(read('pending'), ['pending', false, 'wait'])
    assert.deepEqual(read('sent'), ['delivered', true, 'done'])
    assert.deepEqual(read('delivered'), ['delivered', true, 'done'])
    assert.deepEqual(read('permanent-failure'), ['permanent-failure', true, 'check-contact-details'])
    assert.deepEqual(read('temporary-failure'), ['temporary-failure', true, 'try-again-later'])
    assert.deepEqual(read('technical-failure'), ['technical-failure', true, 'send-again'])
  })

  it("reads a letter's statuses: accepted is waiting, received is posted", () => {
    assert.equal(outcomeOfNotifyStatus('accepted').state, 'pending')
    assert.equal(outcomeOfNotifyStatus('received').state, 'delivered')
    assert.equal(outcomeOfNotifyStatus('cancelled').state, 'cancelled')
    assert.equal(outcomeOfNotifyStatus('validation-failed').state, 'permanent-failure')
    assert.equal(outcomeOfNotifyStatus('pending-virus-check').final, false)
  })

  it('treats a status word it does not know as still waiting, never as delivered', () => {
    const o = outcomeOfNotifyStatus('some-new-status')
    assert.equal(o.state, 'unknown')
    assert.equal(o.final, false)
  })

  it('a kept message (no Notify key) waits in the outbox', () => {
    assert.deepEqual(outcomeOf('kept'), { state: 'kept', final: false, nextStep: 'wait' })
  })
})
