import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { loadDefaultCalendar } from './bank-holidays.ts'
import {
  addWorkingDays,
  endOfLondonDay,
  isCalendarRangeError,
  isWorkingDay,
  LONDON,
  londonDate,
  workingDaysBetween,
} from './working-days.ts'

const calendar = loadDefaultCalendar()

function dateAfter(instant: Date | string, n: number): string {
  const result = addWorkingDays(calendar, instant, n)
  if ('error' in result) assert.fail(`unexpected ${result.error}`)
  return result.date
}

describe('londonDate', () => {
  for (const [input, expected] of [
    ['2026-07-02', '2026-07-02'],
    ['2026-07-02T22:59:59.999Z', '2026-07-02'],
    ['2026-07-02T23:00:00.000Z', '2026-07-03'], // midnight BST
    ['2026-07-02T23:30:00Z', '2026-07-03'],
    ['2026-07-02T23:30:00+00:00', '2026-07-03'],
    ['2026-07-03T00:30:00+01:00', '2026-07-03'],
    ['2026-07-03T00:30:00', '2026-07-03'], // no offset: Europe/London
    ['2026-01-15T23:30:00Z', '2026-01-15'], // GMT: UTC and London agree
    ['2026-01-15T23:59:59.999Z', '2026-01-15'],
    ['2026-01-16T00:00:00Z', '2026-01-16'],
    ['2026-07-03T01:30:00+02:00', '2026-07-03'],
    ['2026-07-02T19:30:00-04:00', '2026-07-03'],
  ] as const) {
    it(`${input} -> ${expected}`, () => assert.equal(londonDate(input), expected))
  }

  it('reads a Date in London time', () => {
    assert.equal(londonDate(new Date('2026-07-02T23:30:00Z')), '2026-07-03')
  })

  it('throws on input that is not an instant', () => {
    assert.throws(() => londonDate('yesterday'), RangeError)
    assert.throws(() => londonDate('2026-02-30'), RangeError)
    assert.throws(() => londonDate(new Date(Number.NaN)), RangeError)
  })
})

describe('endOfLondonDay', () => {
  it('is 23:59:59.999Z in winter and 22:59:59.999Z in summer', () => {
    assert.equal(endOfLondonDay('2026-12-29'), '2026-12-29T23:59:59.999Z')
    assert.equal(endOfLondonDay('2026-06-30'), '2026-06-30T22:59:59.999Z')
  })

  it('uses the offset in force at the end of a clock-change day', () => {
    // Clocks go forward at 01:00 GMT on Sunday 29 March 2026 and back at 01:00 GMT on 25 October.
    assert.equal(endOfLondonDay('2026-03-28'), '2026-03-28T23:59:59.999Z')
    assert.equal(endOfLondonDay('2026-03-29'), '2026-03-29T22:59:59.999Z')
    assert.equal(endOfLondonDay('2026-10-24'), '2026-10-24T22:59:59.999Z')
    assert.equal(endOfLondonDay('2026-10-25'), '2026-10-25T23:59:59.999Z')
  })

  it('throws for an impossible date', () => assert.throws(() => endOfLondonDay('2026-02-30'), RangeError))
})

describe('isWorkingDay', () => {
  it('is false on every bank holiday in the data', () => {
    for (const date of calendar.holidays.keys()) assert.equal(isWorkingDay(calendar, date), false, date)
  })

  it('is false on weekends and true on ordinary weekdays', () => {
    assert.equal(isWorkingDay(calendar, '2026-06-13'), false) // Saturday
    assert.equal(isWorkingDay(calendar, '2026-06-14'), false) // Sunday
    for (const date of ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19']) {
      assert.equal(isWorkingDay(calendar, date), true, date)
    }
  })

  it('knows moved and one-off holidays, and the normal dates they displaced', () => {
    assert.equal(isWorkingDay(calendar, '2020-05-04'), true) // early May moved to VE day, Fri 8 May
    assert.equal(isWorkingDay(calendar, '2020-05-08'), false)
    assert.equal(isWorkingDay(calendar, '2022-05-30'), true) // spring holiday moved to 2 June (Jubilee)
    assert.equal(isWorkingDay(calendar, '2022-06-02'), false)
    assert.equal(isWorkingDay(calendar, '2022-06-03'), false)
    assert.equal(isWorkingDay(calendar, '2022-09-19'), false) // state funeral
    assert.equal(isWorkingDay(calendar, '2023-05-08'), false) // coronation
  })

  it('uses the London date of an instant', () => {
    assert.equal(isWorkingDay(calendar, '2026-06-12T23:30:00Z'), false) // Saturday 00:30 BST
    assert.equal(isWorkingDay(calendar, '2026-06-12T22:30:00Z'), true) // Friday 23:30 BST
  })

  it('refuses to guess outside the data', () => {
    assert.throws(() => isWorkingDay(calendar, '2028-01-04'), RangeError)
    assert.throws(() => isWorkingDay(calendar, '2018-12-31'), RangeError)
  })
})

describe('addWorkingDays: examples', () => {
  const cases: [label: string, from: string, n: number, expected: string][] = [
    // The spec's example: 25 Dec holiday, 26-27 weekend, 28 Dec substitute Boxing Day.
    ['spec example, 1 day', '2026-12-24T10:00:00Z', 1, '2026-12-29'],
    ['spec example, 2 days', '2026-12-24T10:00:00Z', 2, '2026-12-30'],
    ['spec example, T at 00:00', '2026-12-24T00:00:00Z', 1, '2026-12-29'],
    ['spec example, T at 23:59', '2026-12-24T23:59:00Z', 1, '2026-12-29'],
    ['spec example from a bare date', '2026-12-24', 2, '2026-12-30'],
    // Christmas and Boxing Day substitutes.
    ['2020: Boxing Day Saturday -> Monday 28', '2020-12-24T12:00:00Z', 1, '2020-12-29'],
    ['2021: both on a weekend -> 27 and 28', '2021-12-24T12:00:00Z', 1, '2021-12-29'],
    ['2021 into 2022: New Year substitute Mon 3 Jan', '2021-12-24T12:00:00Z', 4, '2022-01-04'],
    ['2022: Christmas Sunday -> Tue 27 substitute', '2022-12-23T12:00:00Z', 1, '2022-12-28'],
    ['2022 into 2023: New Year substitute Mon 2 Jan', '2022-12-30T12:00:00Z', 1, '2023-01-03'],
    ['2027: Christmas Saturday -> 27 and 28', '2027-12-24T12:00:00Z', 1, '2027-12-29'],
    ['2027: 3 days reaches New Year’s Eve', '2027-12-24T12:00:00Z', 3, '2027-12-31'],
    ['2023: Christmas Monday, Boxing Tuesday', '2023-12-22T12:00:00Z', 1, '2023-12-27'],
    // Easter.
    ['Easter 2024 (and BST starts Sun 31 Mar)', '2024-03-28T12:00:00Z', 1, '2024-04-02'],
    ['Easter 2025', '2025-04-17T12:00:00+01:00', 1, '2025-04-22'],
    ['Easter 2025, Good Friday itself', '2025-04-18T12:00:00+01:00', 1, '2025-04-22'],
    ['Easter 2027 (in March)', '2027-03-25T12:00:00Z', 2, '2027-03-31'],
    // Early May and spring.
    ['Early May 2026', '2026-05-01T12:00:00+01:00', 1, '2026-05-05'],
    ['2020 early May moved to Friday 8 (VE day)', '2020-05-07T12:00:00+01:00', 1, '2020-05-11'],
    ['2020 Monday 4 May was a working day', '2020-05-01T12:00:00+01:00', 1, '2020-05-04'],
    // One-off holidays.
    ['2022 Platinum Jubilee Thu 2 + Fri 3 June', '2022-06-01T12:00:00+01:00', 1, '2022-06-06'],
    ['2022 Monday 30 May was a working day', '2022-05-27T12:00:00+01:00', 1, '2022-05-30'],
    ['2022 state funeral Monday 19 September', '2022-09-16T12:00:00+01:00', 1, '2022-09-20'],
    ['2023 early May then coronation', '2023-04-28T12:00:00+01:00', 1, '2023-05-02'],
    ['2023 coronation Monday 8 May', '2023-05-05T12:00:00+01:00', 1, '2023-05-09'],
    ['2023 both May holidays in 6 days', '2023-04-28T12:00:00+01:00', 5, '2023-05-09'],
    // Clock changes (2026: forward Sun 29 Mar, back Sun 25 Oct).
    ['BST starts: Friday -> Monday', '2026-03-27T16:00:00Z', 1, '2026-03-30'],
    ['BST starts: Saturday night London', '2026-03-28T23:30:00Z', 1, '2026-03-30'],
    ['BST starts: Sunday 23:30 BST is still Sunday', '2026-03-29T22:30:00Z', 1, '2026-03-30'],
    ['BST starts: Sunday 00:30 BST is already Monday', '2026-03-29T23:30:00Z', 1, '2026-03-31'],
    ['GMT returns: Friday -> Monday', '2026-10-23T16:00:00+01:00', 1, '2026-10-26'],
    ['GMT returns: repeated hour on Sunday', '2026-10-25T01:30:00+01:00', 1, '2026-10-26'],
    ['GMT returns: Sunday 23:30 GMT is Sunday', '2026-10-25T23:30:00Z', 1, '2026-10-26'],
    // Just before midnight UTC, already the next day in London (BST).
    ['Thu 23:30Z = Fri 00:30 BST', '2026-07-02T23:30:00Z', 1, '2026-07-06'],
    ['Thu 22:59:59.999Z = Thu 23:59 BST', '2026-07-02T22:59:59.999Z', 1, '2026-07-03'],
    ['Fri 23:30Z = Sat 00:30 BST', '2026-07-03T23:30:00Z', 1, '2026-07-06'],
    ['Sun 23:30Z = Mon 00:30 BST', '2026-07-05T23:30:00Z', 1, '2026-07-07'],
    ['in GMT 23:30Z is the same day', '2026-01-15T23:30:00Z', 1, '2026-01-16'],
    ['no offset reads as London', '2026-07-03T00:30:00', 1, '2026-07-06'],
    // Weekends.
    ['from a Saturday', '2026-06-13T10:00:00+01:00', 1, '2026-06-15'],
    ['from a Sunday', '2026-06-14T10:00:00+01:00', 1, '2026-06-15'],
    ['5 days is a week', '2026-06-15T10:00:00+01:00', 5, '2026-06-22'],
    ['0 days is the day of T', '2026-06-13T10:00:00+01:00', 0, '2026-06-13'],
  ]
  for (const [label, from, n, expected] of cases) {
    it(`${label}: ${from} + ${n} -> ${expected}`, () => assert.equal(dateAfter(from, n), expected))
  }

  it('accepts a Date', () => assert.equal(dateAfter(new Date('2026-07-02T23:30:00Z'), 1), '2026-07-06'))

  it('gives the deadline as the end of that London day', () => {
    assert.deepEqual(addWorkingDays(calendar, '2026-12-24T10:00:00Z', 1), {
      date: '2026-12-29',
      deadline: '2026-12-29T23:59:59.999Z',
    })
    assert.deepEqual(addWorkingDays(calendar, '2026-03-27T16:00:00Z', 1), {
      date: '2026-03-30',
      deadline: '2026-03-30T22:59:59.999Z',
    })
    assert.deepEqual(addWorkingDays(calendar, '2026-10-23T16:00:00+01:00', 1), {
      date: '2026-10-26',
      deadline: '2026-10-26T23:59:59.999Z',
    })
  })

  it('rejects a negative or fractional count', () => {
    assert.throws(() => addWorkingDays(calendar, '2026-06-15', -1), RangeError)
    assert.throws(() => addWorkingDays(calendar, '2026-06-15', 1.5), RangeError)
    assert.throws(() => addWorkingDays(calendar, '2026-06-15', Number.NaN), RangeError)
  })
})

describe('addWorkingDays: beyond the data', () => {
  it('counts up to the last working day of the last year', () => {
    assert.equal(dateAfter('2027-12-30T12:00:00Z', 1), '2027-12-31')
  })

  it('refuses a deadline in the year after the data', () => {
    assert.deepEqual(addWorkingDays(calendar, '2027-12-30T12:00:00Z', 2), {
      error: 'beyond_calendar',
      lastYear: 2027,
    })
    assert.deepEqual(addWorkingDays(calendar, '2027-12-24T12:00:00Z', 4), {
      error: 'beyond_calendar',
      lastYear: 2027,
    })
  })

  it('refuses when T is the last day of the data', () => {
    assert.deepEqual(addWorkingDays(calendar, '2027-12-31T12:00:00Z', 1), {
      error: 'beyond_calendar',
      lastYear: 2027,
    })
  })

  it('refuses when T’s London date is already in the next year', () => {
    assert.deepEqual(addWorkingDays(calendar, '2028-01-04T12:00:00Z', 0), {
      error: 'beyond_calendar',
      lastYear: 2027,
    })
  })

  it('refuses when T is before the data', () => {
    assert.deepEqual(addWorkingDays(calendar, '2018-12-31T12:00:00Z', 1), {
      error: 'before_calendar',
      firstYear: 2019,
    })
    assert.ok(isCalendarRangeError(addWorkingDays(calendar, '2018-06-01', 1)))
  })
})

describe('workingDaysBetween', () => {
  for (const [from, to, expected] of [
    ['2026-12-24', '2026-12-24', 0],
    ['2026-12-24', '2026-12-29', 1],
    ['2026-12-24', '2026-12-30', 2],
    ['2026-12-24', '2026-12-28', 0],
    ['2026-12-30', '2026-12-24', -2],
    ['2026-06-15', '2026-06-22', 5],
    ['2026-01-01', '2026-12-31', 253], // 261 weekdays less 8 holidays
    ['2026-07-02T23:30:00Z', '2026-07-06T09:00:00+01:00', 1],
  ] as const) {
    it(`${from} -> ${to} = ${expected}`, () => assert.equal(workingDaysBetween(calendar, from, to), expected))
  }

  it('refuses outside the data', () => {
    assert.deepEqual(workingDaysBetween(calendar, '2027-12-01', '2028-01-10'), {
      error: 'beyond_calendar',
      lastYear: 2027,
    })
    assert.deepEqual(workingDaysBetween(calendar, '2018-12-01', '2019-01-10'), {
      error: 'before_calendar',
      firstYear: 2019,
    })
  })
})

describe('addWorkingDays: properties', () => {
  const start = Date.parse('2019-01-01T00:00:00Z')
  const end = Date.parse('2027-12-31T23:59:59Z')
  const instant = fc.integer({ min: start, max: end }).map((ms) => new Date(ms))
  const count = fc.integer({ min: 1, max: 30 })
  const ok = (r: ReturnType<typeof addWorkingDays>) => ('error' in r ? null : r)

  it('lands on a working day strictly after T’s London date, n working days later', () => {
    fc.assert(
      fc.property(instant, count, (t, n) => {
        const r = ok(addWorkingDays(calendar, t, n))
        if (r === null) return true
        assert.equal(isWorkingDay(calendar, r.date), true)
        assert.ok(r.date > londonDate(t))
        assert.equal(workingDaysBetween(calendar, t, r.date), n)
        return true
      }),
      { numRuns: 2000 },
    )
  })

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 10 }), (t, n, k) => {
        const a = ok(addWorkingDays(calendar, t, n))
        const b = ok(addWorkingDays(calendar, t, n + k))
        if (a === null || b === null) return true
        assert.ok(a.date < b.date, `${a.date} < ${b.date}`)
        return true
      }),
      { numRuns: 1000 },
    )
  })

  it('n+1 days is one working day after n days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (t, n) => {
        const a = ok(addWorkingDays(calendar, t, n))
        const b = ok(addWorkingDays(calendar, t, n + 1))
        if (a === null || b === null) return true
        assert.equal(ok(addWorkingDays(calendar, a.date, 1))?.date, b.date)
        return true
      }),
      { numRuns: 1000 },
    )
  })

  it('deadline is 23:59:59.999 London time on the due date', () => {
    fc.assert(
      fc.property(instant, count, (t, n) => {
        const r = ok(addWorkingDays(calendar, t, n))
        if (r === null) return true
        const local = DateTime.fromISO(r.deadline, { zone: LONDON })
        assert.equal(local.toFormat('yyyy-MM-dd HH:mm:ss.SSS'), `${r.date} 23:59:59.999`)
        return true
      }),
      { numRuns: 1000 },
    )
  })

  it('refuses only when the answer would be after the last year', () => {
    fc.assert(
      fc.property(instant, count, (t, n) => {
        const r = addWorkingDays(calendar, t, n)
        if (!('error' in r)) return true
        assert.deepEqual(r, { error: 'beyond_calendar', lastYear: 2027 })
        // There really are fewer than n working days left in the data after T.
        const left = workingDaysBetween(calendar, t, '2027-12-31')
        assert.ok(typeof left === 'number' && left < n)
        return true
      }),
      { numRuns: 1000 },
    )
  })
})
