import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { endOfLondonDay, londonDate } from './working-days.ts'

// The fast paths (cached offsets per hour, cached end of day) must agree with luxon's zone maths exactly.
describe('London dates on the fast path', () => {
  const instants = fc.date({
    min: new Date('2012-01-01T00:00:00Z'),
    max: new Date('2030-12-31T23:59:59Z'),
    noInvalidDate: true,
  })

  it('an instant with Z has the same London date as luxon gives', () => {
    fc.assert(
      fc.property(
        instants,
        (d) => londonDate(d.toISOString()) === DateTime.fromJSDate(d, { zone: 'Europe/London' }).toISODate(),
      ),
      { numRuns: 2000 },
    )
  })

  it('an instant with an offset, and a Date, agree with luxon', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -12, max: 14 }), (d, hours) => {
        const shifted = DateTime.fromJSDate(d)
          .setZone(`UTC${hours >= 0 ? '+' : ''}${hours}`)
          .toISO() as string
        const expected = DateTime.fromJSDate(d, { zone: 'Europe/London' }).toISODate()
        return londonDate(shifted) === expected && londonDate(d) === expected
      }),
      { numRuns: 2000 },
    )
  })

  it('around the clock changes', () => {
    assert.equal(londonDate('2026-03-29T00:59:59.999Z'), '2026-03-29')
    assert.equal(londonDate('2026-10-24T23:00:00Z'), '2026-10-25')
    assert.equal(londonDate('2026-10-24T22:59:59Z'), '2026-10-24')
    assert.equal(londonDate('2026-12-31T23:30:00Z'), '2026-12-31')
    assert.equal(endOfLondonDay('2026-06-30'), '2026-06-30T22:59:59.999Z')
    assert.equal(endOfLondonDay('2026-06-30'), '2026-06-30T22:59:59.999Z', 'cached answer is the same')
    assert.equal(endOfLondonDay('2026-12-30'), '2026-12-30T23:59:59.999Z')
  })
})
