import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { forecastNextYear, zForCoverage } from './forecast.ts'
import { addMonths, monthsBetween } from './volume.ts'

const SHAPE = [0.8, 0.85, 0.95, 1.0, 1.1, 1.2, 1.2, 1.15, 1.05, 1.0, 0.9, 0.8]

describe('forecastNextYear', () => {
  it('z for 95% is 1.96', () => {
    assert.ok(Math.abs(zForCoverage(0.95) - 1.959964) < 1e-4)
    assert.ok(Math.abs(zForCoverage(0.8) - 1.281552) < 1e-4)
  })
  it('recovers a stable seasonal pattern from three full years', () => {
    const months = monthsBetween('2022-01', '2024-12')
    const series = months.map((month) => ({
      month,
      value: 1000 * (SHAPE[Number(month.slice(5)) - 1] as number),
    }))
    const f = forecastNextYear(series, '2024-12')
    const mean = SHAPE.reduce((s, v) => s + v, 0) / 12
    assert.equal(f.points.length, 12)
    assert.equal(f.points[0]?.month, '2025-01')
    for (const p of f.points) {
      const expected = 1000 * (SHAPE[Number(p.month.slice(5)) - 1] as number)
      assert.ok(Math.abs(p.mean - expected) / expected < 0.03, `${p.month} ${p.mean} vs ${expected}`)
    }
    assert.ok(Math.abs(f.total.mean - 12_000 * mean) / (12_000 * mean) < 0.01)
    assert.ok(f.total.lower < f.total.mean && f.total.mean < f.total.upper)
    assert.deepEqual(f.calendarMonthsWithoutData, [])
    // A steady series: no year-on-year change, so the drift term is zero.
    assert.equal(f.driftSource, 'observed-year-on-year')
    assert.ok(f.driftSd < 1e-9)
  })
  it('widens the interval by the observed year-on-year change', () => {
    const months = [...monthsBetween('2024-01', '2024-04'), ...monthsBetween('2025-01', '2025-04')]
    const series = months.map((month) => ({ month, value: month.startsWith('2024') ? 1000 : 1200 }))
    const f = forecastNextYear(series, '2025-04')
    assert.equal(f.yearOnYearPairs, 4)
    assert.ok(Math.abs(f.driftSd - Math.log(1.2)) < 1e-9)
    assert.ok(f.total.upper - f.total.lower > 2 * 1.96 * 0.18 * f.total.mean)
  })
  it('works on gappy history and says which calendar months it never saw', () => {
    const months = [...monthsBetween('2018-10', '2019-02'), ...monthsBetween('2025-01', '2025-06')]
    const f = forecastNextYear(
      months.map((month) => ({ month, value: 500 })),
      '2025-06',
    )
    assert.deepEqual(f.calendarMonthsWithoutData, [7, 8, 9])
    assert.equal(f.levelMonths, 6)
    assert.ok(Math.abs(f.total.mean - 6000) < 1e-6)
    // Flat data still gets an interval: the Poisson floor plus the default 10% drift.
    assert.equal(f.driftSource, 'default')
    assert.ok(f.total.upper - f.total.lower > 2 * 1.96 * 0.1 * 6000)
  })
  it('refuses to forecast with no data in the last 12 months', () => {
    assert.throws(() => forecastNextYear([{ month: '2018-01', value: 1 }], '2025-06'), /no observed months/)
  })
  it('property: interval is ordered, non-negative, and the 12 months add to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 36 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        (values, level) => {
          const series = values.map((value, i) => ({ month: addMonths('2022-01', i), value }))
          const last = series[series.length - 1]?.month as string
          const f = forecastNextYear(series, last, { intervalLevel: level })
          const sum = f.points.reduce((s, p) => s + p.mean, 0)
          assert.ok(Math.abs(sum - f.total.mean) < 1e-6 * Math.max(1, sum))
          for (const p of [...f.points, f.total]) {
            assert.ok(p.lower >= 0 && p.lower <= p.mean + 1e-9 && p.mean <= p.upper + 1e-9)
          }
        },
      ),
    )
  })
})
