// Each quirk of the real police.uk and ONS files that samples/README.md lists, checked against the files
// themselves (the project's own copies in samples/, gzip-compressed as published).
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { ONS_POPULATION_DIR, readSample, WARWICKSHIRE_DIR } from '../../../test/support/samples.ts'
import { checkHeader, normaliseRow, type PoliceUkRow, resolveFileVintage } from './police-uk-row.ts'
import { districtRates } from './rates.ts'

interface FileRows {
  name: string
  raw: Buffer
  records: string[][]
  rows: PoliceUkRow[]
}

function load(dir: string): FileRows[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv.gz'))
    .sort()
    .map((name) => {
      const raw = readSample(join(dir, name))
      const records = parse(raw, { relax_column_count: true }) as string[][]
      const [header, ...data] = records
      assert.deepEqual(checkHeader(header ?? []), [], name)
      const month = data[0]?.[1] ?? ''
      const vintage = resolveFileVintage(
        data.map((r) => r[7] ?? '').filter((c) => c !== ''),
        month,
      )
      const rows = data.map((fields, i) => {
        const r = normaliseRow(fields, { vintage })
        assert.ok(r.ok, `${name} line ${i + 2}: ${r.ok ? '' : r.errors.join('; ')}`)
        return r.row
      })
      return { name, raw, records: data, rows }
    })
}

// samples/README.md's table of Warwickshire rows by crime type and month.
const TYPES = [
  'Anti-social behaviour',
  'Violence and sexual offences',
  'Criminal damage and arson',
  'Vehicle crime',
  'Shoplifting',
  'Other theft',
  'Public order',
  'Burglary',
  'Other crime',
  'Drugs',
  'Possession of weapons',
  'Robbery',
  'Bicycle theft',
  'Theft from the person',
]
const README_TABLE: Record<string, number[]> = {
  '2018-10': [1045, 1294, 365, 498, 315, 462, 208, 385, 65, 62, 39, 47, 72, 46],
  '2018-11': [974, 1262, 384, 480, 288, 381, 184, 432, 76, 64, 43, 58, 68, 48],
  '2018-12': [961, 1375, 358, 397, 211, 352, 156, 380, 48, 82, 35, 43, 43, 45],
  '2019-01': [982, 1241, 422, 418, 237, 382, 165, 346, 70, 89, 28, 42, 40, 24],
  '2019-02': [956, 1095, 346, 381, 240, 324, 154, 299, 39, 72, 27, 30, 40, 28],
  '2024-01': [531, 1377, 240, 338, 294, 315, 230, 211, 112, 94, 55, 32, 43, 10],
  '2024-02': [591, 1362, 223, 294, 293, 246, 257, 173, 115, 101, 57, 25, 28, 15],
  '2024-03': [624, 1319, 249, 381, 327, 273, 252, 189, 105, 103, 57, 40, 38, 9],
  '2024-04': [711, 1419, 275, 399, 351, 258, 259, 176, 122, 106, 57, 38, 24, 15],
  '2025-01': [581, 1353, 234, 327, 241, 233, 212, 196, 127, 101, 41, 25, 19, 11],
  '2025-02': [617, 1277, 217, 238, 268, 234, 202, 157, 104, 92, 43, 37, 24, 19],
  '2025-03': [849, 1401, 270, 279, 342, 229, 261, 185, 117, 97, 51, 46, 24, 24],
  '2025-04': [950, 1281, 314, 349, 324, 259, 308, 159, 125, 83, 52, 32, 27, 24],
  '2025-05': [1011, 1527, 329, 295, 241, 227, 294, 178, 122, 93, 45, 35, 26, 14],
  '2025-06': [1114, 1537, 310, 291, 256, 242, 342, 142, 90, 106, 55, 43, 37, 21],
}

describe('real police.uk files: every quirk in samples/README.md', () => {
  const files = load(WARWICKSHIRE_DIR)
  const all = files.flatMap((f) => f.rows)

  it('every row of all 15 Warwickshire files is accepted: 63,201 rows', () => {
    assert.equal(files.length, 15)
    assert.equal(all.length, 63_201)
  })

  it("rows by crime type and month equal the README's table", () => {
    for (const f of files) {
      const month = f.rows[0]?.month as string
      const counts = TYPES.map((t) => f.rows.filter((r) => r.crimeType === t).length)
      assert.deepEqual(counts, README_TABLE[month], month)
    }
  })

  it('LSOA vintage: 2018-19 files read as 2011 LSOAs, 2024-25 files as 2021, and the codes are in those ONS lists', () => {
    const lsoa11 = new Set(
      (
        parse(
          readSample(join(ONS_POPULATION_DIR, 'ons_mye_lsoa11_totals_2017_2019_2020_england_wales.csv.gz')),
          {
            columns: true,
          },
        ) as Array<{ lsoa11_code: string }>
      ).map((r) => r.lsoa11_code),
    )
    const lsoa21 = new Set(
      (
        parse(
          readSample(join(ONS_POPULATION_DIR, 'ons_census2021_lsoa21_usual_residents_england_wales.csv.gz')),
          {
            columns: true,
          },
        ) as Array<{ lsoa21_code: string }>
      ).map((r) => r.lsoa21_code),
    )
    const codes11 = new Set<string>()
    for (const f of files) {
      const month = f.rows[0]?.month as string
      const expected = month < '2020-01' ? 2011 : 2021
      for (const r of f.rows) {
        if (r.lsoaCode === null) continue
        assert.equal(r.lsoaVintage, expected, `${f.name} ${r.lsoaCode}`)
        assert.ok(
          (expected === 2011 ? lsoa11 : lsoa21).has(r.lsoaCode),
          `${r.lsoaCode} not in ${expected} list`,
        )
        if (expected === 2011) codes11.add(r.lsoaCode)
      }
    }
    // The five 2018-19 files hold 457 distinct codes (some outside the county), all of them in the 2011 list.
    assert.equal(codes11.size, 457)
    // The 2021 files carry codes that only exist in 2021, so their vintage does not rest on the month alone.
    for (const f of files.filter((x) => (x.rows[0]?.month ?? '') >= '2024-01')) {
      assert.equal(
        resolveFileVintage(
          f.rows.map((r) => r.lsoaCode ?? ''),
          '2000-01',
        ),
        2021,
        f.name,
      )
    }
  })

  it('ASB rows have an empty Crime ID and outcome; exact duplicate rows are all ASB and all kept', () => {
    const asb = all.filter((r) => r.category === 'asb')
    assert.equal(asb.length, 12_497)
    assert.ok(asb.every((r) => r.crimeId === null && r.lastOutcome === null))
    let duplicates = 0
    for (const f of files) {
      const seen = new Map<string, number>()
      for (const rec of f.records) seen.set(rec.join('\u0000'), (seen.get(rec.join('\u0000')) ?? 0) + 1)
      let fileDups = 0
      for (const [key, n] of seen) {
        if (n < 2) continue
        fileDups += n - 1
        assert.equal(key.split('\u0000')[9], 'Anti-social behaviour')
      }
      // Between 107 and 332 a month in these files.
      assert.ok(fileDups >= 107 && fileDups <= 412, `${f.name}: ${fileDups}`)
      duplicates += fileDups
      assert.equal(f.rows.length, f.records.length, 'no row dropped')
    }
    // 3,359 in all over the 15 files.
    assert.equal(duplicates, 3_359)
  })

  it('Crime ID is not unique: the 2024-03 ID a38e23af…2ca0 appears twice, at two locations, both kept', () => {
    const march = files.find((f) => f.name.startsWith('2024-03'))?.rows ?? []
    const hits = march.filter((r) => r.crimeId?.startsWith('a38e23af') && r.crimeId.endsWith('2ca0'))
    assert.equal(hits.length, 2)
    assert.notEqual(
      `${hits[0]?.longitude},${hits[0]?.latitude}`,
      `${hits[1]?.longitude},${hits[1]?.latitude}`,
    )
  })

  it('"No Location" rows are kept with no coordinates or LSOA, and are all crimes', () => {
    const noLoc = all.filter((r) => r.location === null)
    // 402 over the 15 files.
    assert.equal(noLoc.length, 402)
    assert.ok(noLoc.every((r) => r.category !== 'asb' && r.lsoaCode === null && r.longitude === null))
  })

  it('"Reported by" is not the area: rows outside the county are found and kept out of the home districts', () => {
    const counts = new Map<string | null, number>()
    for (const r of all) counts.set(r.district, (counts.get(r.district) ?? 0) + 1)
    const area = districtRates(
      [...counts].map(([district, total]) => ({
        district,
        total,
        crimes: total,
        victimBased: 0,
        society: 0,
        asb: 0,
      })),
      new Map(),
      0.01,
      15,
    )
    assert.deepEqual([...area.homeDistricts].sort(), [
      'North Warwickshire',
      'Nuneaton and Bedworth',
      'Rugby',
      'Stratford-on-Avon',
      'Warwick',
    ])
    assert.equal(counts.get('Coventry'), 239)
    assert.ok(area.outsideArea.total > 500)
    assert.ok(all.every((r) => r.reportedBy === 'Warwickshire Police'))
  })

  it('Context is always empty', () => {
    assert.ok(all.every((r) => r.context === null))
  })

  it('line endings: the 2024 files are CRLF, the rest LF, none has a BOM, and both parse the same way', () => {
    for (const f of files) {
      const crlf = f.raw.includes('\r\n')
      assert.equal(crlf, f.name.startsWith('2024-'), f.name)
      assert.notEqual(f.raw[0], 0xef, `${f.name} has a BOM`)
      assert.ok(f.rows.every((r) => !r.crimeType.includes('\r') && (r.context ?? '') === ''))
    }
  })

  it('location text keeps its title-case quirks', () => {
    assert.ok(all.some((r) => r.location === "On or near Robey'S Lane"))
  })

  it('last outcome categories are kept as published', () => {
    const crimes = all.filter((r) => r.category !== 'asb')
    assert.equal(crimes.length, 50_704)
    const count = (o: string) => crimes.filter((r) => r.lastOutcome === o).length
    assert.equal(count('Unable to prosecute suspect'), 19_205)
    assert.equal(count('Under investigation'), 5_779)
    assert.equal(count('Offender sent to prison'), 143)
    assert.equal(new Set(crimes.map((r) => r.lastOutcome)).size, 26)
  })
})
