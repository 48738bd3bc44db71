import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CapacityLedger, londonMonthStart } from './capacity.ts'

describe('capacity ledger', () => {
  const ledger = () =>
    new CapacityLedger([
      { id: 'a', monthlyReferralCapacity: 2, activeCaseCapacity: 3, expectedWaitDays: 5, timeLimited: true },
    ])

  it('counts referrals in the London month received and open cases in the 91-day window', () => {
    const l = ledger()
    l.add('a', Date.parse('2026-01-20T10:00:00Z'))
    l.add('a', Date.parse('2026-03-01T00:30:00Z'))
    l.add('a', Date.parse('2026-03-05T10:00:00Z'))
    const at = Date.parse('2026-03-10T10:00:00Z')
    assert.deepEqual(l.loadAt('a', at), { referralsThisMonth: 2, activeCases: 3 })
    assert.deepEqual(l.loadAt('a', Date.parse('2026-05-01T10:00:00Z')), {
      referralsThisMonth: 0,
      activeCases: 2,
    })
    assert.equal(l.snapshotAt(at).a?.expectedWaitDays, 5)
  })

  it('a late backlog fills the months it belongs to, inserted in order', () => {
    const l = ledger()
    l.add('a', Date.parse('2026-03-05T10:00:00Z'))
    l.add('a', Date.parse('2026-02-05T10:00:00Z'))
    assert.equal(l.loadAt('a', Date.parse('2026-02-28T10:00:00Z')).referralsThisMonth, 1)
  })

  it('takes the month start in London time, across the clock change', () => {
    // 00:30 BST on 1 June is 23:30 UTC on 31 May: already June in London.
    assert.equal(londonMonthStart(Date.parse('2026-05-31T23:30:00Z')), Date.parse('2026-05-31T23:00:00Z'))
    assert.equal(londonMonthStart(Date.parse('2026-01-15T12:00:00Z')), Date.parse('2026-01-01T00:00:00Z'))
  })
})
