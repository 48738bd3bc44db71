import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  BankHolidayDataError,
  buildCalendar,
  calendarFromGovUkJson,
  isIsoDate,
  loadDefaultCalendar,
  parseBankHolidays,
} from './bank-holidays.ts'

const event = (date: string, title = 'Holiday') => ({ title, date, notes: '', bunting: true })
const feed = (events: unknown[], division = 'england-and-wales') => ({
  [division]: { division, events },
})

function throwsField(fn: () => unknown, field: string, detail?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BankHolidayDataError, `expected BankHolidayDataError, got ${String(error)}`)
    assert.equal(error.field, field)
    assert.ok(error.message.includes(field), error.message)
    if (detail) assert.match(error.message, detail)
    return true
  })
}

describe('isIsoDate', () => {
  for (const [value, ok] of [
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-13-01', false],
    ['2023-1-01', false],
    ['2023-01-01T00:00:00Z', false],
    ['', false],
  ] as const) {
    it(`${JSON.stringify(value)} -> ${ok}`, () => assert.equal(isIsoDate(value), ok))
  }
})

describe('parseBankHolidays', () => {
  it('reads the GOV.UK layout and sorts events by date', () => {
    const events = parseBankHolidays(
      feed([event('2024-12-26', 'Boxing Day'), event('2024-12-25', 'Christmas Day')]),
    )
    assert.deepEqual(
      events.map((e) => e.date),
      ['2024-12-25', '2024-12-26'],
    )
    assert.equal(events[0]?.title, 'Christmas Day')
  })

  it('tolerates missing notes and bunting (they do not affect working days)', () => {
    const events = parseBankHolidays(feed([{ title: 'Christmas Day', date: '2024-12-25' }]))
    assert.deepEqual(events[0], { title: 'Christmas Day', date: '2024-12-25', notes: '', bunting: false })
  })

  it('ignores the other divisions', () => {
    const json = { ...feed([event('2024-12-25')]), scotland: { division: 'scotland', events: 'garbage' } }
    assert.equal(parseBankHolidays(json).length, 1)
  })

  it('refuses a root that is not an object', () => {
    throwsField(() => parseBankHolidays([]), '(root)')
    throwsField(() => parseBankHolidays(null), '(root)')
    throwsField(() => parseBankHolidays('x'), '(root)')
  })

  it('names a missing division', () => {
    throwsField(
      () => parseBankHolidays(feed([event('2024-12-25')], 'scotland')),
      'england-and-wales',
      /missing/,
    )
  })

  it('names a division whose own name disagrees', () => {
    const json = { 'england-and-wales': { division: 'scotland', events: [event('2024-12-25')] } }
    throwsField(() => parseBankHolidays(json), 'england-and-wales.division', /scotland/)
  })

  it('names a missing events array', () => {
    throwsField(
      () => parseBankHolidays({ 'england-and-wales': { division: 'england-and-wales' } }),
      'england-and-wales.events',
    )
  })

  it('names an empty events array', () => {
    throwsField(() => parseBankHolidays(feed([])), 'england-and-wales.events', /at least one/)
  })

  it('names the bad date by index', () => {
    throwsField(
      () => parseBankHolidays(feed([event('2023-01-02'), event('2023-02-30')])),
      'england-and-wales.events[1].date',
      /YYYY-MM-DD/,
    )
    throwsField(() => parseBankHolidays(feed([event('25/12/2023')])), 'england-and-wales.events[0].date')
  })

  it('names a missing or blank title', () => {
    throwsField(() => parseBankHolidays(feed([{ date: '2023-12-25' }])), 'england-and-wales.events[0].title')
    throwsField(
      () => parseBankHolidays(feed([event('2023-12-25', '  ')])),
      'england-and-wales.events[0].title',
    )
  })

  it('names a bunting that is not a boolean', () => {
    throwsField(
      () => parseBankHolidays(feed([{ ...event('2023-12-25'), bunting: 'yes' }])),
      'england-and-wales.events[0].bunting',
    )
  })

  it('refuses a date listed twice', () => {
    throwsField(
      () => parseBankHolidays(feed([event('2023-12-25'), event('2023-12-26'), event('2023-12-25')])),
      'england-and-wales.events[2].date',
      /twice.*events\[0\]/,
    )
  })
})

describe('buildCalendar', () => {
  it('covers the first to the last year of the data', () => {
    const calendar = buildCalendar(parseBankHolidays(feed([event('2020-12-25'), event('2021-12-27')])))
    assert.equal(calendar.firstYear, 2020)
    assert.equal(calendar.lastYear, 2021)
    assert.equal(calendar.division, 'england-and-wales')
    assert.equal(calendar.holidays.get('2021-12-27'), 'Holiday')
  })

  it('refuses a gap year, which would make its Christmas a working day', () => {
    throwsField(
      () => calendarFromGovUkJson(feed([event('2020-12-25'), event('2022-12-26')])),
      'england-and-wales.events',
      /2021/,
    )
  })

  it('refuses no events at all', () => {
    throwsField(() => buildCalendar([]), 'england-and-wales.events')
  })
})

describe('loadDefaultCalendar (shipped GOV.UK data)', () => {
  const calendar = loadDefaultCalendar()

  it('covers 2019 to 2027 for England and Wales', () => {
    assert.equal(calendar.division, 'england-and-wales')
    assert.equal(calendar.firstYear, 2019)
    assert.equal(calendar.lastYear, 2027)
    assert.equal(calendar.holidays.size, 75)
  })

  it('is cached', () => assert.equal(loadDefaultCalendar(), calendar))

  for (const [date, title] of [
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2020-12-28', 'Boxing Day'],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ['2026-12-28', 'Boxing Day'],
    ['2027-12-28', 'Boxing Day'],
  ] as const) {
    it(`has ${date} ${title}`, () => assert.equal(calendar.holidays.get(date), title))
  }

  it('has no Scottish holidays (2 January, St Andrew’s Day)', () => {
    assert.equal(calendar.holidays.has('2024-01-02'), false)
    assert.equal(calendar.holidays.has('2024-12-02'), false)
  })

  it('has 8 holidays a year except the years with special ones', () => {
    const perYear = new Map<number, number>()
    for (const date of calendar.holidays.keys()) {
      const year = Number(date.slice(0, 4))
      perYear.set(year, (perYear.get(year) ?? 0) + 1)
    }
    assert.deepEqual(Object.fromEntries(perYear), {
      2019: 8,
      2020: 8,
      2021: 8,
      2022: 10,
      2023: 9,
      2024: 8,
      2025: 8,
      2026: 8,
      2027: 8,
    })
  })
})
