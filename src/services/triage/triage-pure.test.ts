import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadDefaultCalendar } from '../../domain/calendar/bank-holidays.ts'
import { CapacityLedger, londonMonthStart } from './capacity.ts'
import { fastLondonDate, priorityOf, routingAge, routingFacts, type TriageInput } from './facts.ts'
import { timeLeft } from './time-left.ts'

const calendar = loadDefaultCalendar()
const base: TriageInput = {
  crimeCategory: 'violence_with_injury',
  domesticAbuse: 'N',
  hateCrime: 'U',
  cse: 'U',
  cyber: 'U',
  rural: 'U',
  enhanced: false,
  repeatCount: 1,
  dateOfBirth: null,
  under18: false,
  reportedAt: '2026-03-10T12:00:00.000Z',
  town: 'Warwick',
  policeThrive: {},
}

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

describe('triage facts', () => {
  it('London date of an instant in the last UTC hour in summer is the next day', () => {
    assert.equal(fastLondonDate('2026-06-30T23:30:00.000Z'), '2026-07-01')
    assert.equal(fastLondonDate('2026-12-31T23:30:00.000Z'), '2026-12-31')
    assert.equal(fastLondonDate('2026-06-30T12:00:00.000Z'), '2026-06-30')
  })

  it('age from the date of birth, or 17 for a child of unknown age', () => {
    assert.equal(routingAge({ ...base, dateOfBirth: '2010-03-11' }), 15)
    assert.equal(routingAge({ ...base, under18: true }), 17)
    assert.equal(routingAge(base), null)
  })

  it('repeat victim means this and one more referral in 12 months', () => {
    assert.equal(routingFacts(base).flags?.repeatVictim, false)
    assert.equal(routingFacts({ ...base, repeatCount: 2 }).flags?.repeatVictim, true)
    assert.equal(routingFacts(base).district, 'Warwick')
  })

  it('risk rank is the highest of THRIVE (hub over police), checklist and needs level', () => {
    assert.deepEqual(priorityOf(base), { thrive: null, rank: 0 })
    assert.deepEqual(priorityOf({ ...base, policeThrive: { harm: 'medium' } }), { thrive: 'medium', rank: 2 })
    assert.deepEqual(priorityOf({ ...base, policeThrive: { harm: 'high' }, hubThrive: { harm: 'low' } }), {
      thrive: 'low',
      rank: 1,
    })
    assert.equal(priorityOf({ ...base, riskLevel: 'high' }).rank, 3)
    assert.equal(priorityOf({ ...base, needsLevel: 'medium' }).rank, 2)
  })
})

describe('time left to first contact', () => {
  it('counts working hours today and working days after', () => {
    // Tuesday 10 March 2026, 10:00 GMT; due Thursday 12 March.
    const t = timeLeft(calendar, new Date('2026-03-10T10:00:00Z'), '2026-03-12')
    assert.equal(t.state, 'due_later')
    assert.equal(t.workingHours, 7 + 16)
    assert.equal(t.label, '2 working days and 7 h left')
  })

  it('shows hours left on the due day and overdue after it, skipping weekends and holidays', () => {
    assert.equal(
      timeLeft(calendar, new Date('2026-03-12T15:30:00Z'), '2026-03-12').label,
      '1 h 30 min left today',
    )
    assert.equal(
      timeLeft(calendar, new Date('2026-03-12T18:00:00Z'), '2026-03-12').label,
      'Due by the end of today',
    )
    // Due Thursday 24 December 2026; on Tuesday 29 December it is 1 working day late (25, 28 are holidays).
    const late = timeLeft(calendar, new Date('2026-12-29T10:00:00Z'), '2026-12-24')
    assert.equal(late.state, 'overdue')
    assert.equal(late.label, 'Overdue by 1 working day')
    assert.equal(timeLeft(calendar, new Date(), null).state, 'unknown')
  })
})
