import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ageOn, birthdayOfAge, isUnder } from './age.ts'

describe('birthdayOfAge', () => {
  for (const [dob, years, expected] of [
    ['2008-06-10', 18, '2026-06-10'],
    ['2008-02-29', 18, '2026-03-01'], // no 29 Feb in 2026: 1 March
    ['2008-02-29', 16, '2024-02-29'], // leap year: the day itself
    ['2008-02-29', 17, '2025-03-01'],
    ['2007-12-31', 18, '2025-12-31'],
    ['2008-01-01', 0, '2008-01-01'],
  ] as const) {
    it(`${dob} reaches ${years} on ${expected}`, () => assert.equal(birthdayOfAge(dob, years), expected))
  }
})

describe('ageOn and isUnder', () => {
  for (const [dob, on, age] of [
    ['2008-06-10', '2026-06-09', 17],
    ['2008-06-10', '2026-06-10', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2024-02-28', 15],
    ['2008-02-29', '2024-02-29', 16],
    ['2008-03-01', '2026-02-28', 17],
    ['2008-03-01', '2026-03-01', 18],
    ['2026-06-10', '2026-06-09', -1],
    ['1906-06-10', '2026-06-10', 120],
  ] as const) {
    it(`born ${dob}, on ${on}: ${age}`, () => {
      assert.equal(ageOn(dob, on), age)
      assert.equal(isUnder(dob, on, 18), age < 18)
    })
  }

  it('agrees with isUnder for any dates (property)', () => {
    const day = fc
      .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 100 }), (dob, on, years) => {
        if (on < dob) return true
        assert.equal(isUnder(dob, on, years), ageOn(dob, on) < years)
        return true
      }),
      { numRuns: 2000 },
    )
  })
})
