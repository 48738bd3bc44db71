import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { loadDefaultCalendar } from '../calendar/bank-holidays.ts'
import { isWorkingDay, workingDaysBetween } from '../calendar/working-days.ts'
import { affectedVictims, type CrimeReferral, updateClockStart, updateDue } from './affected.ts'

const calendar = loadDefaultCalendar()
const referral = (n: number, overrides: Partial<CrimeReferral> = {}): CrimeReferral => ({
  referralId: `r${n}`,
  victimId: `v${n}`,
  enhanced: false,
  contactIsProxy: false,
  receivedAt: `2026-03-0${n}T10:00:00Z`,
  ...overrides,
})
const onTime = (occurredAt: string) => ({ occurredAt, receivedAt: occurredAt })

describe('when a case update is due', () => {
  test('enhanced: the next working day; others: the fifth working day', () => {
    // Wednesday 11 March 2026.
    assert.equal(updateDue(calendar, '2026-03-11T09:00:00Z', true)?.date, '2026-03-12')
    assert.equal(updateDue(calendar, '2026-03-11T09:00:00Z', false)?.date, '2026-03-18')
    // Friday evening: the weekend does not count.
    assert.equal(updateDue(calendar, '2026-03-13T19:00:00Z', true)?.date, '2026-03-16')
  })

  test('bank holidays do not count: Easter 2026 and Christmas 2026', () => {
    // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays.
    assert.equal(updateDue(calendar, '2026-04-02T12:00:00+01:00', true)?.date, '2026-04-07')
    assert.equal(updateDue(calendar, '2026-04-02T12:00:00+01:00', false)?.date, '2026-04-13')
    // Thursday 24 December 2026: 25 and 28 December (Boxing Day's substitute) are bank holidays.
    assert.equal(updateDue(calendar, '2026-12-24T15:00:00Z', true)?.date, '2026-12-29')
  })

  test('the London date counts: 23:30 UTC in summer is already the next day', () => {
    // 23:30 UTC on Tuesday 9 June 2026 is 00:30 on Wednesday 10 June in London.
    assert.equal(updateDue(calendar, '2026-06-09T23:30:00Z', true)?.date, '2026-06-11')
  })

  test('past the bank-holiday data there is no due date rather than a wrong one', () => {
    assert.equal(updateDue(calendar, '2099-06-01T10:00:00Z', true), null)
  })

  test('a held event, or a victim referred later: the clock runs from when their referral arrived', () => {
    const timing = { occurredAt: '2026-03-02T10:00:00Z', receivedAt: '2026-03-02T11:00:00Z' }
    assert.equal(updateClockStart(timing, '2026-03-20T09:00:00Z'), '2026-03-20T09:00:00.000Z')
    assert.equal(updateClockStart(timing, '2026-03-01T09:00:00Z'), '2026-03-02T10:00:00.000Z')
    const [early, late] = affectedVictims(calendar, timing, [
      referral(1, { enhanced: true }),
      referral(2, { enhanced: true, receivedAt: '2026-03-20T09:00:00Z' }),
    ])
    assert.deepEqual([early?.due, early?.lateOnArrival], ['2026-03-03', false])
    // Friday 20 March: the next working day is Monday 23 March.
    assert.deepEqual([late?.due, late?.lateOnArrival], ['2026-03-23', false])
  })

  test('a late event (sent after its due day had passed) keeps the Code date and is marked late on arrival', () => {
    const [v] = affectedVictims(
      calendar,
      { occurredAt: '2026-03-02T10:00:00Z', receivedAt: '2026-03-10T10:00:00Z' },
      [referral(1, { enhanced: true })],
    )
    assert.equal(v?.due, '2026-03-03')
    assert.equal(v?.lateOnArrival, true)
    const [same] = affectedVictims(calendar, onTime('2026-03-02T10:00:00Z'), [referral(1)])
    assert.equal(same?.lateOnArrival, false)
  })

  test('property: the due date is a working day, exactly 1 or 5 working days after the clock starts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2027-06-01') }),
        fc.boolean(),
        (ms, enhanced) => {
          const start = new Date(Math.floor(ms / 60_000) * 60_000).toISOString()
          const due = updateDue(calendar, start, enhanced)
          assert.ok(due)
          assert.ok(isWorkingDay(calendar, due.date))
          assert.equal(workingDaysBetween(calendar, start, due.deadline), enhanced ? 1 : 5)
          assert.ok(Date.parse(due.deadline) > Date.parse(start))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('who a case event affects', () => {
  test('every victim referred on the crime gets their own update, by their own timescale', () => {
    const affected = affectedVictims(calendar, onTime('2026-03-11T09:00:00Z'), [
      referral(1, { enhanced: true }),
      referral(2),
    ])
    assert.deepEqual(
      affected.map((a) => [a.victimId, a.enhanced, a.due, a.recipient]),
      [
        ['v1', true, '2026-03-12', 'victim'],
        ['v2', false, '2026-03-18', 'victim'],
      ],
    )
  })

  test("a parent_guardian referral's update goes to the parent or guardian", () => {
    const [a] = affectedVictims(calendar, onTime('2026-03-11T09:00:00Z'), [
      referral(1, { contactIsProxy: true, enhanced: true }),
    ])
    assert.equal(a?.recipient, 'parent_guardian')
  })

  test('one victim referred twice (or merged) gets one update, enhanced if any referral is', () => {
    const affected = affectedVictims(calendar, onTime('2026-03-11T09:00:00Z'), [
      referral(1, { victimId: 'v1' }),
      referral(2, { victimId: 'v1', enhanced: true }),
    ])
    assert.equal(affected.length, 1)
    assert.deepEqual(
      [affected[0]?.referralId, affected[0]?.enhanced, affected[0]?.due],
      ['r2', true, '2026-03-12'],
    )
  })

  test('no accepted referral, no one: consent refused and quarantined records are never passed in', () => {
    assert.deepEqual(affectedVictims(calendar, onTime('2026-03-11T09:00:00Z'), []), [])
  })

  test('property: exactly one update per distinct victim, whatever the order of the referrals', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            v: fc.integer({ min: 1, max: 5 }),
            enhanced: fc.boolean(),
            day: fc.integer({ min: 1, max: 9 }),
          }),
          { maxLength: 12 },
        ),
        (rows) => {
          const referrals = rows.map((r, i) =>
            referral(r.day, { referralId: `r${i}`, victimId: `v${r.v}`, enhanced: r.enhanced }),
          )
          const affected = affectedVictims(calendar, onTime('2026-03-11T09:00:00Z'), referrals)
          assert.deepEqual(
            affected.map((a) => a.victimId).sort(),
            [...new Set(referrals.map((r) => r.victimId))].sort(),
          )
          for (const a of affected) {
            const anyEnhanced = referrals.some((r) => r.victimId === a.victimId && r.enhanced)
            assert.equal(a.enhanced, anyEnhanced)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
