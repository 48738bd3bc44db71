import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CURRENT_CRIME_TYPES } from './classification.ts'
import { districtOf } from './police-uk-row.ts'
import { districtRates, lsoaRates, ratePerThousand } from './rates.ts'
import { addMonths, monthlySeries, monthsBetween, summariseVolume } from './volume.ts'

describe('months', () => {
  it('lists months across a year end', () => {
    assert.deepEqual(monthsBetween('2024-11', '2025-02'), ['2024-11', '2024-12', '2025-01', '2025-02'])
    assert.equal(addMonths('2025-01', -1), '2024-12')
    assert.equal(addMonths('2024-12', 13), '2026-01')
  })
})

describe('summariseVolume', () => {
  const rows = [
    { month: '2025-01', crimeType: 'Burglary', count: 10 },
    { month: '2025-01', crimeType: 'Drugs', count: 5 },
    { month: '2025-01', crimeType: 'Anti-social behaviour', count: 7 },
    { month: '2025-02', crimeType: 'Violence and sexual offences', count: 20 },
    { month: '2024-12', crimeType: 'Burglary', count: 99 },
  ]
  it('splits victim-based, against society and ASB, and keeps ASB out of crime totals', () => {
    const v = summariseVolume(rows, ['2025-01', '2025-02'])
    assert.equal(v.total, 42)
    assert.equal(v.crimes, 35)
    assert.equal(v.victimBased, 30)
    assert.equal(v.society, 5)
    assert.equal(v.asb, 7)
    assert.equal(v.theft, 10)
    assert.equal(v.byCrimeType.Robbery, 0)
    assert.equal(Object.keys(v.byCrimeType).length, 14)
    assert.deepEqual(v.byCrimeTypeAndMonth.Burglary, { '2025-01': 10, '2025-02': 0 })
    assert.deepEqual(v.byMonth['2025-02'], { total: 20, crimes: 20, victimBased: 20, society: 0, asb: 0 })
  })
  it('fails loudly on a crime type it does not know', () => {
    assert.throws(
      () => summariseVolume([{ month: '2025-01', crimeType: 'Fraud', count: 1 }], ['2025-01']),
      /Fraud/,
    )
  })
  it('property: totals add up however the counts fall', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            month: fc.constantFrom('2025-01', '2025-02', '2025-03'),
            crimeType: fc.constantFrom(...CURRENT_CRIME_TYPES),
            count: fc.integer({ min: 0, max: 10_000 }),
          }),
        ),
        (cells) => {
          const v = summariseVolume(cells, ['2025-01', '2025-02', '2025-03'])
          const all = cells.reduce((s, c) => s + c.count, 0)
          assert.equal(v.total, all)
          assert.equal(v.victimBased + v.society + v.asb, all)
          assert.equal(
            Object.values(v.byCrimeType).reduce((s, n) => s + n, 0),
            all,
          )
          assert.equal(
            Object.values(v.byMonth).reduce((s, m) => s + m.total, 0),
            all,
          )
        },
      ),
    )
  })
  it('monthly series fills observed months with zero and leaves others as gaps', () => {
    const s = monthlySeries(rows, ['2025-01', '2025-02', '2025-03'], (t) => t === 'Burglary')
    assert.deepEqual(
      [...s],
      [
        ['2025-01', 10],
        ['2025-02', 0],
        ['2025-03', 0],
      ],
    )
  })
})

describe('rates', () => {
  it('rate per 1,000', () => {
    assert.equal(ratePerThousand(74, 1000), 74)
    assert.equal(ratePerThousand(5, 0), null)
    assert.equal(ratePerThousand(5, null), null)
  })
  it('separates home districts from crimes recorded elsewhere, and keeps no-location rows', () => {
    const c = (district: string | null, total: number) => ({
      district,
      total,
      crimes: total,
      victimBased: total,
      society: 0,
      asb: 0,
    })
    const r = districtRates(
      [c('Rugby', 1000), c('Warwick', 2000), c('Coventry', 10), c(null, 5)],
      new Map([
        ['Rugby', { population: 100_000, source: 'test' }],
        ['Warwick', { population: 200_000, source: 'test' }],
      ]),
      0.01,
      6,
    )
    assert.deepEqual(r.homeDistricts.sort(), ['Rugby', 'Warwick'])
    assert.equal(r.outsideArea.total, 10)
    assert.equal(r.noLocation.total, 5)
    assert.equal(r.homePopulation, 300_000)
    assert.ok(r.homePopulationComplete)
    const rugby = r.districts.find((d) => d.district === 'Rugby')
    assert.equal(rugby?.crimesPerThousand, 10)
    assert.equal(rugby?.crimesPerThousandAnnualised, 20)
  })
  it('ranks LSOAs by rate and leaves those without population last', () => {
    const r = lsoaRates(
      [
        {
          code: 'E1',
          name: 'Rugby 001A',
          vintage: 2021,
          crimes: 10,
          total: 12,
          population: 1000,
          populationSource: 's',
        },
        {
          code: 'E2',
          name: 'Rugby 002A',
          vintage: 2021,
          crimes: 50,
          total: 50,
          population: 1000,
          populationSource: 's',
        },
        {
          code: 'E3',
          name: 'Rugby 003A',
          vintage: 2021,
          crimes: 50,
          total: 50,
          population: null,
          populationSource: null,
        },
      ],
      districtOf,
    )
    assert.deepEqual(
      r.map((x) => x.code),
      ['E2', 'E1', 'E3'],
    )
    assert.equal(r[0]?.district, 'Rugby')
  })
})
