// The per-record checks take quicker routes for the usual shapes of input (a record split once, plain
// UK drama-range numbers, usual date-times, days without a clock change near). Each route must give
// exactly what the general one gives; these properties hold them together.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { londonDate as calendarLondonDate } from '../calendar/working-days.ts'
import { dramaRangePhone, normalisePhone, parsePhoneWithLibrary } from './contacts.ts'
import {
  isoString,
  LONDON,
  londonDate,
  parseDate,
  parseDateTime,
  parseDateTimeByPattern,
  parseUsualDateTime,
  resolveLocalTime,
} from './dates.ts'
import { FEED_FIELD_NAMES, FEED_FIELDS, feedFieldIndex } from './fields.ts'
import { fingerprint } from './fingerprint.ts'
import { normaliseRecord, readText, splitRaw, splitRecord } from './normalise.ts'
import { type RawFeedRecord, SAMPLE_NOW, sampleReferral } from './sample.ts'
import { assessForIntake, assessRecord, FUTURE_TOLERANCE_MS } from './validate.ts'

const runs = { numRuns: 2000 }
const HOUR = 3_600_000
const DAY = 24 * HOUR
// Date.UTC reads years 0–99 as 1900–1999.
const YEAR_0 = new Date(0).setUTCFullYear(0, 0, 1)
const YEAR_10000 = new Date(0).setUTCFullYear(10000, 0, 1)

const digits = (count: number) =>
  fc.integer({ min: 0, max: 10 ** count - 1 }).map((n) => String(n).padStart(count, '0'))
/** A result, or the name of the error thrown, so two routes can be compared even when both throw. */
const outcome = <T>(f: () => T): T | string => {
  try {
    return f()
  } catch (error) {
    return `throws ${(error as Error).name}`
  }
}

describe('phone numbers in Ofcom drama ranges', () => {
  // National significant digits: every drama range, and near misses on either side.
  const prefixes = [
    '7700900',
    '1632960',
    '1134960',
    '1144960',
    '1154960',
    '1164960',
    '1174960',
    '1184960',
    '1214960',
    '1314960',
    '1414960',
    '1514960',
    '1614960',
    '1914980',
    '2079460',
    '2890180',
    '2920180',
    '7700901',
    '7700800',
    '1632961',
    '2079461',
    '7911123',
    '7624123',
  ]
  const significant = fc.oneof(
    fc.tuple(fc.constantFrom(...prefixes), digits(3)).map(([p, d]) => p + d),
    fc.tuple(fc.constantFrom(...prefixes), fc.oneof(digits(2), digits(4))).map(([p, d]) => p + d),
    fc.stringMatching(/^[0-9]{8,11}$/),
  )
  const lead = fc.constantFrom(
    '0',
    '+44',
    '+44 ',
    '+44 (0)',
    '+44(0) ',
    '0044 ',
    '44',
    '+440',
    '',
    '(0)',
    ' 0',
  )
  const gap = fc.constantFrom('', '', '', ' ', ' ', '  ', '-', '.', '/')
  const written = fc
    .tuple(
      lead,
      significant,
      fc.array(fc.tuple(fc.nat(11), gap), { maxLength: 3 }),
      fc.constantFrom('', '', ' '),
    )
    .map(([start, body, gaps, end]) => {
      let text = body
      for (const [at, g] of gaps.sort((a, b) => b[0] - a[0])) text = text.slice(0, at) + g + text.slice(at)
      return start + text + end
    })

  test('the quick answer, when there is one, is the library answer', () => {
    fc.assert(
      fc.property(written, (text) => {
        const cleaned = text.replace(/\(0\)/g, '')
        const quick = dramaRangePhone(cleaned)
        if (quick !== null) assert.deepEqual(quick, parsePhoneWithLibrary(cleaned), text)
        assert.deepEqual(normalisePhone(text), parsePhoneWithLibrary(cleaned), text)
      }),
      { numRuns: 3000 },
    )
  })
  test('every drama range, in the usual ways of writing it, is answered without the library', () => {
    for (const prefix of prefixes.slice(0, 17)) {
      for (const last of ['000', '123', '999']) {
        const digitsOnly = prefix + last
        const spaced = `${digitsOnly.slice(0, 4)} ${digitsOnly.slice(4)}`
        for (const text of [`0${digitsOnly}`, `0${spaced}`, `+44${digitsOnly}`, `+44 ${spaced}`]) {
          const quick = dramaRangePhone(text)
          assert.notEqual(quick, null, text)
          assert.deepEqual(quick, parsePhoneWithLibrary(text), text)
        }
      }
    }
  })
})

describe('date-times', () => {
  const year = fc.oneof(
    digits(4),
    fc.constantFrom('0000', '0099', '0100', '0999', '1000', '1847', '1947', '1970', '2026', '9999'),
  )
  const twoDigitsUpTo = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'))
  const time = fc
    .tuple(
      twoDigitsUpTo(25),
      twoDigitsUpTo(61),
      fc.option(twoDigitsUpTo(61)),
      fc.constantFrom('', '', '', '.5', ',123', '.1234567891', '.'),
    )
    .map(([h, m, s, frac]) => `${h}:${m}${s === null ? '' : `:${s}${frac}`}`)
  const zone = fc.constantFrom(
    ...['', '', 'Z', 'Z', 'z', ' Z', '+01:00', '-05:30', '+00:00', '-00:00', '+14:00', '+14:01', '-14:00'],
    ...['+15:00', '+1400', '+01', '+01:60', '+05:3', ' +01:00', '+1:00', 'Z ', 'GMT'],
  )
  const dateTimeText = fc.oneof(
    fc
      .tuple(year, twoDigitsUpTo(13), twoDigitsUpTo(32), fc.constantFrom('T', 'T', ' ', 't', 'x'), time, zone)
      .map(([y, mo, d, sep, t, z]) => `${y}-${mo}-${d}${sep}${t}${z}`),
    fc.tuple(year, twoDigitsUpTo(13), twoDigitsUpTo(32)).map(([y, mo, d]) => `${y}-${mo}-${d}`),
    fc.string({ maxLength: 26 }),
  )

  test('the quick reader, when it answers, answers as the pattern does', () => {
    fc.assert(
      fc.property(dateTimeText, (text) => {
        const quick = parseUsualDateTime(text)
        if (quick !== undefined) assert.equal(quick, parseDateTimeByPattern(text), text)
        assert.equal(parseDateTime(text), parseDateTimeByPattern(text), text)
      }),
      { numRuns: 5000 },
    )
  })
  test('the quick reader answers the usual shapes', () => {
    for (const text of ['2026-03-09T10:15:00Z', '2026-03-09 10:15', '2026-03-09T10:15:00+01:00']) {
      assert.notEqual(parseUsualDateTime(text), undefined, text)
    }
  })

  test('isoString is toISOString', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
          fc.integer({ min: Date.UTC(999, 0, 1), max: Date.UTC(10000, 0, 2) }),
          fc.constantFrom(Date.UTC(1000, 0, 1) - 1, Date.UTC(1000, 0, 1), Date.UTC(10000, 0, 1) - 1),
        ),
        (ms) => assert.equal(isoString(ms), new Date(ms).toISOString()),
      ),
      runs,
    )
    assert.equal(
      outcome(() => isoString(Number.NaN)),
      outcome(() => new Date(Number.NaN).toISOString()),
    )
  })

  // The cached London offsets give what working the offset out hour by hour gives: a separate
  // zone object goes the uncached way.
  const uncachedLondon = new IANAZone(LONDON)
  const hourByHour = (wallMs: number): number => {
    const hourStart = Math.floor(wallMs / HOUR) * HOUR
    return wallMs - (hourStart - resolveLocalTime(hourStart, uncachedLondon))
  }
  test('London wall-clock times resolve as hour by hour, clock changes included', () => {
    const anyTime = fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2200, 0, 1) })
    // Every London clock change there has been fell in March to November.
    const nearChanges = fc
      .tuple(
        fc.integer({ min: 1900, max: 2100 }),
        fc.constantFrom(2, 3, 4, 7, 8, 9, 10),
        fc.integer({ min: 0, max: 31 * DAY - 1 }),
      )
      .map(([y, monthIndex, into]) => Date.UTC(y, monthIndex, 1) + into)
    fc.assert(
      fc.property(fc.oneof(anyTime, nearChanges), (wallMs) => {
        assert.equal(resolveLocalTime(wallMs), hourByHour(wallMs), new Date(wallMs).toISOString())
      }),
      { numRuns: 3000 },
    )
    for (const year of [1916, 1941, 1947, 1968, 1971, 1995, 1996, 2026]) {
      for (const monthIndex of [2, 9]) {
        for (
          let wallMs = Date.UTC(year, monthIndex, 18);
          wallMs < Date.UTC(year, monthIndex + 1, 3);
          wallMs += HOUR
        ) {
          assert.equal(resolveLocalTime(wallMs + 1), hourByHour(wallMs + 1), new Date(wallMs).toISOString())
        }
      }
    }
  })

  test('londonDate gives the calendar date working-days gives', () => {
    const instant = fc.oneof(
      fc.integer({ min: YEAR_0, max: YEAR_10000 - 1 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc
        .tuple(
          fc.integer({ min: 1900, max: 2100 }),
          fc.constantFrom(2, 3, 9, 10),
          fc.integer({ min: 0, max: 31 * DAY }),
        )
        .map(([y, monthIndex, into]) => Date.UTC(y, monthIndex, 1) + into),
      fc.integer({ min: 1, max: 3 * HOUR }).map((back) => Date.UTC(2026, 5, 1) - back),
    )
    fc.assert(
      fc.property(instant, (ms) => {
        const iso = new Date(ms).toISOString()
        assert.equal(
          outcome(() => londonDate(iso)),
          outcome(() => calendarLondonDate(iso)),
          iso,
        )
      }),
      runs,
    )
    for (const text of [
      '2025-02-30T12:00:00.000Z',
      '2024-02-29T23:30:00.000Z',
      '2025-01-01T24:00:00.000Z',
      '2025-01-01T23:60:00.000Z',
      '0000-01-01T00:00:30.000Z',
      '2026-03-29T00:59:59.999Z',
      '2026-10-24T23:00:00.000Z',
    ]) {
      assert.equal(
        outcome(() => londonDate(text)),
        outcome(() => calendarLondonDate(text)),
        text,
      )
    }
  })

  test('a reported_at more than the tolerance after now is in the future, to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 0, 1) }),
        fc.oneof(
          fc.integer({ min: -2 * FUTURE_TOLERANCE_MS, max: 2 * FUTURE_TOLERANCE_MS }),
          fc.constantFrom(FUTURE_TOLERANCE_MS - 1, FUTURE_TOLERANCE_MS, FUTURE_TOLERANCE_MS + 1),
        ),
        fc.constantFrom(0, 0.5),
        (nowMs, ahead, fraction) => {
          const reportedAt = isoString(nowMs + ahead)
          const raw = sampleReferral({ reported_at: reportedAt, sent_at: reportedAt })
          const { reasons } = assessRecord(raw, { now: nowMs + fraction })
          const limit = nowMs + fraction + FUTURE_TOLERANCE_MS
          assert.equal(reasons.includes('date_in_future:reported_at'), Date.parse(reportedAt) > limit)
        },
      ),
      runs,
    )
  })
})

describe('dates of birth', () => {
  const luxonReading = (text: string): string | null => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
    if (!m) return null
    const date = DateTime.fromObject(
      { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
      { zone: 'utc' },
    )
    return date.isValid ? text : null
  }
  test('parseDate answers as luxon does', () => {
    const text = fc.oneof(
      fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc
        .tuple(digits(4), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.string({ maxLength: 11 }),
    )
    fc.assert(
      fc.property(text, (t) => assert.equal(parseDate(t), luxonReading(t), t)),
      runs,
    )
    for (const year of ['0000', '0001', '0004', '0100', '0400', '1900', '2000', '2023', '2024', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const t = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
          assert.equal(parseDate(t), luxonReading(t), t)
        }
      }
    }
  })
})

describe('a record split once', () => {
  const value = fc.oneof(
    fc.constantFrom(
      '',
      ' x ',
      'Y',
      'WARKS',
      '2026-03-09T10:15:00Z',
      '07700 900123',
      null,
      undefined,
      true,
      0,
    ),
    fc.string(),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.constant({ nested: 1 }),
  )
  const key = fc.constantFrom(
    ...FEED_FIELD_NAMES,
    '\uFEFFreferral_id',
    '\uFEFF\uFEFFreferral_id',
    '\uFEFFforename',
    'extra',
    '\uFEFFextra',
  )
  const rawRecord = fc.oneof(
    fc.array(fc.tuple(key, value), { maxLength: 20 }).map((entries) => {
      const raw: Record<string, unknown> = {}
      for (const [k, v] of entries) raw[k] = v
      return raw
    }),
    fc
      .dictionary(fc.constantFrom(...FEED_FIELD_NAMES), value, { maxKeys: 6 })
      .map((o) => sampleReferral(o as RawFeedRecord)),
  )

  test('splitRecord holds what splitRaw holds', () => {
    fc.assert(
      fc.property(rawRecord, (raw) => {
        const { values, extras } = splitRecord(raw)
        const split = splitRaw(raw)
        for (const name of FEED_FIELD_NAMES) {
          assert.ok(Object.is(values[feedFieldIndex(name) as number], split.fields[name]), name)
        }
        assert.deepEqual(extras, split.extras)
      }),
      runs,
    )
  })
  test('assessForIntake is assessRecord, fingerprint and the referral_id together', () => {
    fc.assert(
      fc.property(rawRecord, (raw) => {
        assert.deepEqual(assessForIntake(raw, { now: SAMPLE_NOW }), {
          assessment: assessRecord(raw, { now: SAMPLE_NOW }),
          fingerprint: fingerprint(raw),
          referralId: readText(splitRaw(raw).fields.referral_id).text,
        })
      }),
      runs,
    )
  })
  test('a normalised record lists its fields in spec order', () => {
    assert.deepEqual(Object.keys(normaliseRecord(sampleReferral()).record), FEED_FIELD_NAMES)
    assert.deepEqual(
      Object.keys(normaliseRecord({}).record),
      FEED_FIELDS.map((f) => f.name),
    )
  })
})
