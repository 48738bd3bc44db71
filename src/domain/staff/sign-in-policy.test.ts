import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { afterFailedSignIn, isLocked, passwordProblem, sessionExpired } from './sign-in-policy.ts'

const policy = { maxFailures: 5, lockMinutes: 15 }
const now = new Date('2026-11-26T10:00:00Z')

describe('sign-in policy', () => {
  it('does not lock before the limit', () => {
    assert.deepEqual(afterFailedSignIn(3, now, policy), { failures: 4, lockedUntil: null })
  })
  it('locks for the lock period at the limit', () => {
    const result = afterFailedSignIn(4, now, policy)
    assert.equal(result.failures, 5)
    assert.equal(result.lockedUntil?.toISOString(), '2026-11-26T10:15:00.000Z')
  })
  it('a lock ends when its time passes', () => {
    const until = new Date('2026-11-26T10:15:00Z')
    assert.equal(isLocked(until, now), true)
    assert.equal(isLocked(until, new Date('2026-11-26T10:15:00.001Z')), false)
    assert.equal(isLocked(null, now), false)
  })
  it('expires idle and old sessions', () => {
    const limits = { idleMinutes: 30, absoluteHours: 12 }
    const created = new Date('2026-11-26T00:00:00Z')
    assert.equal(
      sessionExpired({ createdAt: created, lastSeenAt: new Date('2026-11-26T09:45:00Z') }, now, limits),
      false,
    )
    assert.equal(
      sessionExpired({ createdAt: created, lastSeenAt: new Date('2026-11-26T09:29:00Z') }, now, limits),
      true,
    )
    assert.equal(
      sessionExpired({ createdAt: new Date('2026-11-25T21:59:00Z'), lastSeenAt: now }, now, limits),
      true,
    )
  })
  it('asks for long passwords', () => {
    assert.match(passwordProblem('short') ?? '', /12 characters/)
    assert.equal(passwordProblem('correct horse battery'), null)
  })
})
