import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadDefaultCalendar } from '../calendar/bank-holidays.ts'
import { timeLeft } from './time-left.ts'

const calendar = loadDefaultCalendar()

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
