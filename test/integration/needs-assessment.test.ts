import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importCrimesCommand } from '../../src/cli/import-crimes.ts'
import { importPopulationCommand } from '../../src/cli/import-population.ts'
import { needsAssessmentCommand } from '../../src/cli/needs-assessment.ts'
import {
  type CommissioningService,
  CrimeImportError,
  createCommissioningService,
} from '../../src/services/commissioning/index.ts'
import type { TestDatabase } from '../support/database.ts'
import { createTestDatabase } from '../support/database.ts'
import { warwickshireMonth as file, ONS_POPULATION_DIR, readSample } from '../support/samples.ts'

const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']
// samples/README.md: Warwickshire rows by crime type, summed over 2025-01 to 2025-06.
const README_2025H1: Record<string, number> = {
  'Anti-social behaviour': 5122,
  'Violence and sexual offences': 8376,
  'Criminal damage and arson': 1674,
  'Vehicle crime': 1779,
  Shoplifting: 1672,
  'Other theft': 1424,
  'Public order': 1619,
  Burglary: 1017,
  'Other crime': 685,
  Drugs: 572,
  'Possession of weapons': 287,
  Robbery: 218,
  'Bicycle theft': 157,
  'Theft from the person': 113,
}
const README_ROWS: Record<string, number> = {
  '2025-01': 3701,
  '2025-02': 3529,
  '2025-03': 4175,
  '2025-04': 4287,
  '2025-05': 4437,
  '2025-06': 4586,
  '2024-01': 3882,
}

describe('needs assessment end to end', () => {
  let db: TestDatabase
  let commissioning: CommissioningService
  let dir: string
  const quiet = () => {}
  before(async () => {
    db = await createTestDatabase()
    commissioning = createCommissioningService(db.pool)
    dir = await mkdtemp(join(tmpdir(), 'na-'))
    await importPopulationCommand(commissioning, [ONS_POPULATION_DIR], quiet)
  })
  after(async () => {
    await db?.drop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('imports each month with every row: ASB duplicates and no-location rows included', async () => {
    const results = await importCrimesCommand(commissioning, MONTHS.map(file), { log: quiet })
    for (const r of results) {
      assert.equal(r.rows, README_ROWS[r.month], r.month)
      assert.equal(r.lsoaVintage, 2021)
      assert.equal(r.forceSlug, 'warwickshire')
    }
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM crime_records')
    assert.equal(rows[0].n, 24_715)
  })

  it('re-importing a month replaces it and never doubles it', async () => {
    const r = await commissioning.importCrimeFile(file('2025-03'))
    assert.equal(r.replacedRows, 4175)
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM crime_records WHERE month = '2025-03'",
    )
    assert.equal(rows[0].n, 4175)
  })

  it('a bad file is refused with line numbers and changes nothing', async () => {
    const text = readSample(file('2025-01')).toString('utf8')
    const lines = text.split('\n')
    lines[10] = (lines[10] as string).replace(
      'Warwickshire Police,Warwickshire Police,',
      'Warwickshire Police,Warwickshire Police,x',
    )
    lines[20] = (lines[20] as string).replace(/,[^,]*,[^,]*,$/, ',Fraud,,')
    const bad = join(dir, 'bad.csv')
    await writeFile(bad, lines.join('\n'))
    await assert.rejects(commissioning.importCrimeFile(bad), (e: unknown) => {
      assert.ok(e instanceof CrimeImportError)
      assert.match(e.problems.join('\n'), /line 11: Longitude/)
      assert.match(e.problems.join('\n'), /line 21: Crime type "Fraud"/)
      return true
    })
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM crime_records WHERE month = '2025-01'",
    )
    assert.equal(rows[0].n, 3701)
  })

  it('imports a CRLF file (2024) the same way, and reads its LSOAs as 2021', async () => {
    const r = await commissioning.importCrimeFile(file('2024-01'))
    assert.equal(r.rows, 3882)
    assert.equal(r.lsoaVintage, 2021)
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM crime_records WHERE month = '2024-01' AND (crime_type LIKE '%\r%' OR context IS NOT NULL)",
    )
    assert.equal(rows[0].n, 0)
  })

  it('imports 2011-LSOA files and joins them to 2011 population', async () => {
    const r = await commissioning.importCrimeFile(file('2018-10'))
    assert.equal(r.lsoaVintage, 2011)
    let json = ''
    const { report } = await needsAssessmentCommand(commissioning, {
      force: 'Warwickshire',
      from: '2018-10',
      to: '2018-10',
      json: true,
      write: (t) => {
        json += t
      },
    })
    assert.equal(report.volume.total, 4903)
    assert.ok(report.rates.lsoas.filter((l) => l.population !== null).length > 300)
    assert.equal(report.rates.homeDistricts.length, 5)
    assert.ok(JSON.parse(json).rates.homePopulation > 570_000)
  })

  it('--json totals equal the input files’ rows by crime type and month (README table)', async () => {
    let json = ''
    const out = join(dir, 'report.html')
    const csv = join(dir, 'report.csv')
    await needsAssessmentCommand(commissioning, {
      force: 'Warwickshire Police',
      from: '2025-01',
      to: '2025-06',
      json: true,
      out,
      csv,
      write: (t) => {
        json += t
      },
    })
    const j = JSON.parse(json)
    assert.deepEqual(
      Object.fromEntries(Object.entries(j.volume.byCrimeType).sort()),
      Object.fromEntries(Object.entries(README_2025H1).sort()),
    )
    for (const m of MONTHS) {
      const sum = Object.values(j.volume.byCrimeTypeAndMonth).reduce(
        (s: number, byMonth) => s + ((byMonth as Record<string, number>)[m] ?? 0),
        0,
      )
      assert.equal(sum, README_ROWS[m], m)
    }
    assert.equal(j.volume.total, 24_715)
    assert.equal(j.volume.asb, 5_122)
    assert.equal(j.volume.victimBased, 16_430)
    assert.equal(j.volume.society, 3_163)
    assert.equal(j.rates.homePopulation, 583_786)
    assert.equal(j.rates.noLocation.total, 108)
    assert.ok(j.rates.perThousand.crimes > 30 && j.rates.perThousand.crimes < 40)
    for (const s of ['low', 'central', 'high'])
      assert.equal(typeof j.victims.period.totals.supportDemand[s], 'number')
    assert.equal(j.capacity.lines.length, 3)
    assert.ok(j.assumptions.every((a: { source: string }) => a.source.length > 0))
    const html = await readFile(out, 'utf8')
    assert.equal((html.match(/<svg[^>]*role="img"/g) ?? []).length, 3)
    assert.match(html, /Methods and assumptions/)
    assert.match(html, /@media print/)
    assert.doesNotMatch(html, /<script/)
    assert.match(await readFile(csv, 'utf8'), /^table,row,column,value\r\n/)
  })

  it('refuses unknown forces and bad months with a clear message', async () => {
    await assert.rejects(
      needsAssessmentCommand(commissioning, {
        force: 'Kent',
        from: '2025-01',
        to: '2025-06',
        json: true,
        write: quiet,
      }),
      /no police.uk data imported for "Kent"/,
    )
    await assert.rejects(
      needsAssessmentCommand(commissioning, {
        force: 'Warwickshire',
        from: '2025-06',
        to: '2025-01',
        json: true,
        write: quiet,
      }),
      /after/,
    )
    await assert.rejects(
      needsAssessmentCommand(commissioning, {
        force: 'Warwickshire',
        from: '2025-01',
        to: '2025-06',
        json: true,
        assume: ['repeatVictimShare=2'],
        write: quiet,
      }),
      /between 0 and 1/,
    )
  })
})
