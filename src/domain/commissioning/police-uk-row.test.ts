import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CURRENT_CRIME_TYPES } from './classification.ts'
import {
  checkHeader,
  districtOf,
  forceSlug,
  isLsoa21OnlyCode,
  lsoaVintage,
  normaliseRow,
  POLICE_UK_HEADER,
  resolveFileVintage,
} from './police-uk-row.ts'

const crime = [
  'c8ecef89a00f78d5a9311620da1aee6e724fd3b22d9883c9e4c39ee2fa1502ae',
  '2018-10',
  'Warwickshire Police',
  'Warwickshire Police',
  '-1.909747',
  '52.491822',
  'On or near Barr Street',
  'E01033559',
  'Birmingham 049E',
  'Violence and sexual offences',
  'Status update unavailable',
  '',
]
const asb = [
  '',
  '2025-01',
  'Warwickshire Police',
  'Warwickshire Police',
  '-1.5',
  '52.3',
  'On or near Park',
  'E01031005',
  'North Warwickshire 005A',
  'Anti-social behaviour',
  '',
  '',
]
const noLocation = [
  'abc',
  '2024-03',
  'Warwickshire Police',
  'Warwickshire Police',
  '',
  '',
  'No Location',
  '',
  '',
  'Burglary',
  'Under investigation',
  '',
]

describe('police.uk header', () => {
  it('accepts the 12-column header, with or without a BOM', () => {
    assert.deepEqual(checkHeader([...POLICE_UK_HEADER]), [])
    assert.deepEqual(checkHeader([`\uFEFF${POLICE_UK_HEADER[0]}`, ...POLICE_UK_HEADER.slice(1)]), [])
  })
  it('rejects a wrong or shifted header with the column named', () => {
    assert.match(checkHeader(POLICE_UK_HEADER.slice(1))[0] ?? '', /12-column/)
    const swapped = [...POLICE_UK_HEADER]
    swapped[7] = 'LSOA name'
    assert.match(checkHeader(swapped).join(), /column 8 should be "LSOA code"/)
  })
})

describe('normaliseRow', () => {
  it('normalises a crime row', () => {
    const r = normaliseRow(crime, { firstMonth2021: '2023-01' })
    assert.ok(r.ok)
    assert.equal(r.row.category, 'victim-based')
    assert.equal(r.row.district, 'Birmingham')
    assert.equal(r.row.longitude, -1.909747)
    assert.equal(r.row.context, null)
    // E01033559 is a 2011 code in a 2018 file.
    assert.equal(r.row.lsoaVintage, 2011)
  })
  it('keeps ASB rows, which have no Crime ID and no outcome', () => {
    const r = normaliseRow(asb)
    assert.ok(r.ok)
    assert.equal(r.row.crimeId, null)
    assert.equal(r.row.lastOutcome, null)
    assert.equal(r.row.category, 'asb')
  })
  it('rejects an ASB row that carries a Crime ID (shifted columns)', () => {
    const bad = [...asb]
    bad[0] = 'deadbeef'
    const r = normaliseRow(bad)
    assert.ok(!r.ok)
    assert.match(r.errors.join(), /Crime ID/)
  })
  it('keeps rows with "No Location": no coordinates, no LSOA, no district', () => {
    const r = normaliseRow(noLocation)
    assert.ok(r.ok)
    assert.equal(r.row.location, null)
    assert.equal(r.row.lsoaCode, null)
    assert.equal(r.row.district, null)
    assert.equal(r.row.lsoaVintage, null)
  })
  it('keeps location text verbatim, title-case quirks included', () => {
    const row = [...crime]
    row[6] = "On or near Robey'S Lane"
    const r = normaliseRow(row)
    assert.ok(r.ok)
    assert.equal(r.row.location, "On or near Robey'S Lane")
  })
  it('reports every problem in a bad row', () => {
    const bad = [...crime]
    bad[1] = '2018-13'
    bad[4] = 'west'
    bad[7] = 'X01'
    bad[9] = 'Fraud'
    const r = normaliseRow(bad)
    assert.ok(!r.ok)
    assert.equal(r.errors.length, 5)
  })
  it('rejects a row with the wrong number of fields', () => {
    assert.ok(!normaliseRow(crime.slice(0, 11)).ok)
  })
})

describe('LSOA vintage', () => {
  it('a code created in 2021 is 2021 whatever the month', () => {
    assert.ok(isLsoa21OnlyCode('E01033769'))
    assert.ok(!isLsoa21OnlyCode('E01033768'))
    assert.ok(isLsoa21OnlyCode('W01001959'))
    assert.equal(lsoaVintage('E01035000', '2015-01'), 2021)
  })
  it('a code in both sets is read by month', () => {
    assert.equal(lsoaVintage('E01031005', '2019-02'), 2011)
    assert.equal(lsoaVintage('E01031005', '2024-01'), 2021)
    assert.equal(lsoaVintage('E01031005', '2020-06', '2020-01'), 2021)
  })
  it('one 2021-only code makes the whole file 2021', () => {
    assert.equal(resolveFileVintage(['E01031005', 'E01034000'], '2020-01'), 2021)
    assert.equal(resolveFileVintage(['E01031005'], '2020-01'), 2011)
  })
})

describe('districtOf', () => {
  it('takes the name before the final " 001A" suffix', () => {
    assert.equal(districtOf('Nuneaton and Bedworth 012C'), 'Nuneaton and Bedworth')
    assert.equal(districtOf('Stratford-on-Avon 001A'), 'Stratford-on-Avon')
    assert.equal(districtOf('Stratford-on-Avon'), undefined)
  })
  it('property: district + " NNNX" gives the district back', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.length > 0 && !/[\r\n]/.test(s)),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        (name, n, letter) => {
          assert.equal(districtOf(`${name} ${String(n).padStart(3, '0')}${letter}`), name)
        },
      ),
    )
  })
})

describe('forceSlug', () => {
  it('matches the force however it is written', () => {
    assert.equal(forceSlug('Warwickshire Police'), 'warwickshire')
    assert.equal(forceSlug('warwickshire'), 'warwickshire')
    assert.equal(forceSlug('West Mercia Police'), 'west-mercia')
    assert.equal(forceSlug('Thames Valley'), 'thames-valley')
  })
})

const hex = fc.stringMatching(/^[0-9a-f]{64}$/)
const month = fc
  .record({ y: fc.integer({ min: 2010, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`)
const lsoa = fc
  .record({
    c: fc.constantFrom('E', 'W'),
    n: fc.integer({ min: 1, max: 35_000 }),
    district: fc.constantFrom('Rugby', 'Warwick', 'Nuneaton and Bedworth', 'Cardiff'),
    k: fc.integer({ min: 1, max: 99 }),
  })
  .map(({ c, n, district, k }) => ({
    code: `${c}01${String(n).padStart(6, '0')}`,
    name: `${district} ${String(k).padStart(3, '0')}B`,
    district,
  }))
const validRow = fc.record({
  crimeType: fc.constantFrom(...CURRENT_CRIME_TYPES),
  id: hex,
  month,
  lon: fc.double({ min: -8, max: 2, noNaN: true }),
  lat: fc.double({ min: 49, max: 56, noNaN: true }),
  located: fc.boolean(),
  lsoa,
  outcome: fc.constantFrom('Under investigation', 'Unable to prosecute suspect'),
})

describe('normaliseRow properties', () => {
  it('every well-formed police.uk row is accepted and classified, ASB never carrying an ID', () => {
    fc.assert(
      fc.property(validRow, (g) => {
        const isAsb = g.crimeType === 'Anti-social behaviour'
        const fields = [
          isAsb ? '' : g.id,
          g.month,
          'Warwickshire Police',
          'Warwickshire Police',
          g.located ? String(g.lon) : '',
          g.located ? String(g.lat) : '',
          g.located ? 'On or near High Street' : 'No Location',
          g.located ? g.lsoa.code : '',
          g.located ? g.lsoa.name : '',
          g.crimeType,
          isAsb ? '' : g.outcome,
          '',
        ]
        const r = normaliseRow(fields)
        assert.ok(r.ok, r.ok ? '' : r.errors.join('; '))
        assert.equal(r.row.crimeId === null, isAsb)
        assert.equal(r.row.district, g.located ? g.lsoa.district : null)
        assert.equal(r.row.lsoaVintage === null, !g.located)
        assert.equal(r.row.category === 'asb', isAsb)
      }),
    )
  })
  it('never throws on arbitrary input; returns ok or a list of errors', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 0, maxLength: 14 }), (fields) => {
        const r = normaliseRow(fields)
        if (!r.ok) assert.ok(r.errors.length > 0)
      }),
    )
  })
})
