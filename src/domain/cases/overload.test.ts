import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadDefaultCalendar } from '../calendar/bank-holidays.ts'
import { overloadWarnings } from './overload.ts'

const calendar = loadDefaultCalendar()
// Tuesday 7 April 2026, after Easter Monday.
const now = new Date('2026-04-07T10:00:00Z')

describe('no victim overloaded', () => {
  test('another service’s contact in the last two working days is a warning; an older one is not', () => {
    const wednesdayBefore = new Date('2026-04-01T15:00:00Z') // 2 working days before: Good Friday and Easter Monday are not
    assert.deepEqual(
      overloadWarnings(
        { otherContacts: [{ at: wednesdayBefore, service: 'IDVA team' }], activeServices: [] },
        now,
        calendar,
      ),
      ['IDVA team contacted this victim in the last 2 working days: agree who makes the next contact'],
    )
    const tuesdayBefore = new Date('2026-03-31T15:00:00Z') // 3 working days before
    assert.deepEqual(
      overloadWarnings(
        { otherContacts: [{ at: tuesdayBefore, service: 'IDVA team' }], activeServices: [] },
        now,
        calendar,
      ),
      [],
    )
  })

  test('three or more active services is a warning; two is not', () => {
    assert.deepEqual(overloadWarnings({ otherContacts: [], activeServices: ['A', 'B'] }, now, calendar), [])
    assert.deepEqual(
      overloadWarnings({ otherContacts: [], activeServices: ['A', 'B', 'C', 'A'] }, now, calendar),
      ['3 services are working with this victim (A, B, C): make sure they are not overwhelmed'],
    )
  })
})
