import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { resolveAssumptions } from './assumptions.ts'
import { capacityNeeded } from './capacity.ts'
import {
  allVictimsIncludingUnreported,
  estimateDemand,
  estimateUniqueVictims,
  supportShares,
  uniqueVictimsFromCrimes,
} from './demand.ts'

const a = resolveAssumptions().values

describe('check against the source (Warwickshire VNA 2018)', () => {
  it("the source's own inputs, 30,855 crimes and a 21% repeat share, give about 24,000 unique victims", () => {
    const uv = estimateUniqueVictims(30_855, a)
    assert.equal(uv.method, 'estimated-from-repeat-share')
    assert.equal(Math.round(uv.uniqueVictims), 24_375)
    assert.ok(Math.abs(uv.uniqueVictims - 24_000) / 24_000 < 0.02)
  })
  it('gives about the recommended capacity: 20,000 referrals and 5,000 interventions', () => {
    const uv = uniqueVictimsFromCrimes(30_855, 0.21)
    const lines = capacityNeeded(
      {
        uniqueVictims: { low: uv, central: uv, high: uv },
        supportDemand: { low: uv * 0.2, central: uv * 0.2, high: uv * 0.6 },
        sexualOffences: { low: 1_497, central: 1_497, high: 1_497 },
      },
      a,
    )
    const [referrals, interventions, specialist] = lines
    assert.ok(Math.abs((referrals?.needed.central ?? 0) - 20_000) < 500)
    assert.ok(Math.abs((interventions?.needed.central ?? 0) - 5_000) < 200)
    assert.equal(Math.round(specialist?.needed.central ?? 0), 2_350)
    assert.equal(interventions?.status, 'at-risk')
  })
  it('60% unreported means reported victims are 40% of all victims', () => {
    assert.equal(allVictimsIncludingUnreported(400, 0.6), 1000)
  })
})

describe('unique victims from the hub’s own matched referrals', () => {
  it('uses the observed repeat share when victim-level data is given', () => {
    const uv = estimateUniqueVictims(10_000, a, {
      distinctVictims: 700,
      crimes: 1_000,
      source: 'hub referrals 2025',
    })
    assert.equal(uv.method, 'observed-matched-referrals')
    assert.ok(Math.abs(uv.repeatShare - 0.3) < 1e-12)
    assert.ok(Math.abs(uv.uniqueVictims - 7_000) < 1e-9)
  })
})

describe('estimateDemand', () => {
  const counts = {
    'Violence and sexual offences': 1000,
    Burglary: 300,
    Shoplifting: 200,
    Drugs: 50,
    'Anti-social behaviour': 500,
  }
  it('counts victims of victim-based crime only, splitting violence and sexual offences', () => {
    const d = estimateDemand(counts, a)
    assert.equal(d.totals.crimes, 1500)
    assert.ok(d.groups.every((g) => g.crimeType !== 'Drugs' && g.crimeType !== 'Anti-social behaviour'))
    const sexual = d.groups.find((g) => g.key === 'sexual-offences')
    assert.ok(sexual && Math.abs(sexual.crimes - 1000 * (1532 / 13428)) < 1e-9)
    assert.equal(sexual.unreportedShare, 0.85)
    assert.equal(sexual.supportShare.central, 0.5)
    const burglary = d.groups.find((g) => g.key === 'burglary')
    assert.ok(burglary && Math.abs(burglary.supportShare.central - 1 / 3) < 1e-12)
  })
  it('support shares follow the source: 1/5 overall, 1/3 burglary, 1/2 sexual, 60% high', () => {
    assert.deepEqual(supportShares('other', a), { low: 0.2, central: 0.2, high: 0.6 })
    assert.deepEqual(supportShares('sexual', a), { low: 0.2, central: 0.5, high: 0.6 })
  })
  it('property: low <= central <= high, and hidden victims >= 0, for any counts and shares', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('Violence and sexual offences', 'Burglary', 'Robbery', 'Other theft', 'Drugs'),
          fc.integer({ min: 0, max: 100_000 }),
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (byType, repeat, unreported) => {
          const values = resolveAssumptions({ repeatVictimShare: repeat, unreportedShare: unreported }).values
          const d = estimateDemand(byType, values)
          const t = d.totals.supportDemand
          assert.ok(t.low <= t.central + 1e-9 && t.central <= t.high + 1e-9)
          assert.ok(d.totals.hiddenVictims >= -1e-9)
          assert.ok(d.totals.uniqueVictims <= d.totals.crimes + 1e-9)
        },
      ),
    )
  })
})

describe('assumptions', () => {
  it('every assumption has a label and a source', () => {
    for (const item of resolveAssumptions().list) {
      assert.ok(item.label.length > 10, item.key)
      assert.ok(item.source.length > 10, item.key)
    }
  })
  it('overrides are applied, marked changed, and bad values are refused with reasons', () => {
    const r = resolveAssumptions({ repeatVictimShare: '0.3' })
    assert.equal(r.values.repeatVictimShare, 0.3)
    assert.ok(r.list.find((x) => x.key === 'repeatVictimShare')?.changed)
    assert.throws(() => resolveAssumptions({ repeatVictimShare: 2 }), /between 0 and 1/)
    assert.throws(() => resolveAssumptions({ unreportedShare: 1 }), /below 1/)
    assert.throws(() => resolveAssumptions({ nonsense: 1 }), /unknown assumption/)
    assert.throws(() => resolveAssumptions({ lsoa21FirstMonth: '2023-13' }), /YYYY-MM/)
  })
})
