// The police.uk and ONS importers read the files as published (.csv) or gzip-compressed (.csv.gz, as the
// project's samples are kept): the same rows and checksum either way, and a damaged .gz file is refused by
// name with nothing changed.
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importCrimesCommand } from '../../src/cli/import-crimes.ts'
import { importPopulationCommand } from '../../src/cli/import-population.ts'
import {
  type CommissioningService,
  CrimeImportError,
  createCommissioningService,
  PopulationImportError,
} from '../../src/services/commissioning/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { ONS_POPULATION_DIR, readSample, warwickshireMonth } from '../support/samples.ts'

describe('police.uk and ONS files, plain or gzip-compressed', () => {
  let db: TestDatabase
  let commissioning: CommissioningService
  let dir: string
  const quiet = () => {}
  const count = async (sql: string) => (await db.pool.query(sql)).rows[0].n as number

  before(async () => {
    db = await createTestDatabase()
    commissioning = createCommissioningService(db.pool)
    dir = await mkdtemp(join(tmpdir(), 'commissioning-files-'))
  })
  after(async () => {
    await db?.drop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('a .csv.gz month and the same month as .csv import the same rows with the same checksum', async () => {
    const compressed = await commissioning.importCrimeFile(warwickshireMonth('2025-02'))
    const plainFile = join(dir, '2025-02-warwickshire-street.csv')
    await writeFile(plainFile, readSample(warwickshireMonth('2025-02')))
    const plain = await commissioning.importCrimeFile(plainFile)
    assert.equal(compressed.file, '2025-02-warwickshire-street.csv.gz')
    assert.equal(plain.file, '2025-02-warwickshire-street.csv')
    assert.equal(plain.replacedRows, 3529, 'the second import replaced the first, month for month')
    for (const key of ['rows', 'crimes', 'asb', 'noLocation', 'lsoaVintage', 'sha256'] as const)
      assert.equal(plain[key], compressed[key], key)
    // The checksum is of the CSV as police.uk published it (samples/SHA256SUMS).
    assert.equal(compressed.sha256, '36c38e6585760e72ca72d609c96673ce054597a85e3530de0fa275860144d124')
    assert.equal(await count("SELECT count(*)::int AS n FROM crime_records WHERE month = '2025-02'"), 3529)
  })

  it('a folder stands for its .csv and .csv.gz files alike', async () => {
    const folder = join(dir, 'mixed')
    await mkdir(folder)
    await writeFile(join(folder, 'a.csv'), readSample(warwickshireMonth('2025-04')))
    await writeFile(join(folder, 'b.csv.gz'), await readFile(warwickshireMonth('2025-05')))
    await writeFile(join(folder, 'notes.txt'), 'not a police.uk file')
    const results = await importCrimesCommand(commissioning, [folder], { log: quiet })
    assert.deepEqual(
      results.map((r) => [r.file, r.month, r.rows]),
      [
        ['a.csv', '2025-04', 4287],
        ['b.csv.gz', '2025-05', 4437],
      ],
    )
  })

  it('a damaged .gz file is refused, saying so, and its month keeps the rows it had', async () => {
    const good = await readFile(warwickshireMonth('2025-02'))
    const cut = join(dir, '2025-02-cut.csv.gz')
    await writeFile(cut, good.subarray(0, Math.floor(good.length / 2)))
    await assert.rejects(commissioning.importCrimeFile(cut), (error: unknown) => {
      assert.ok(error instanceof CrimeImportError)
      assert.equal(error.file, '2025-02-cut.csv.gz')
      assert.match(error.problems.join('\n'), /not complete gzip-compressed data/)
      return true
    })
    const notGzip = join(dir, 'plain-text.csv.gz')
    await writeFile(notGzip, 'Crime ID,Month\n')
    await assert.rejects(commissioning.importCrimeFile(notGzip), (error: unknown) => {
      assert.ok(error instanceof CrimeImportError)
      assert.match(error.problems.join('\n'), /not complete gzip-compressed data/)
      return true
    })
    assert.equal(await count("SELECT count(*)::int AS n FROM crime_records WHERE month = '2025-02'"), 3529)
  })

  it('ONS population files import from .csv.gz; a damaged one is refused by name and changes nothing', async () => {
    const results = await importPopulationCommand(commissioning, [ONS_POPULATION_DIR], quiet)
    assert.deepEqual(
      results.map((r) => r.layout),
      ['census2021-lsoa21', 'mye-lad19', 'mye-lad21', 'mye-lsoa11-syoa', 'mye-lsoa11-totals'],
    )
    const before = await count('SELECT count(*)::int AS n FROM population_district')
    assert.ok(before > 600)
    const lad = await readFile(
      join(ONS_POPULATION_DIR, 'ons_mye2020_lad21_single_year_of_age_england_wales.csv.gz'),
    )
    const cut = join(dir, 'ons_mye2021_lad21_cut.csv.gz')
    await writeFile(cut, lad.subarray(0, Math.floor(lad.length / 2)))
    await assert.rejects(commissioning.importPopulationFile(cut), (error: unknown) => {
      assert.ok(error instanceof PopulationImportError)
      assert.equal(error.file, 'ons_mye2021_lad21_cut.csv.gz')
      assert.match(error.message, /not complete gzip-compressed data/)
      return true
    })
    assert.equal(await count('SELECT count(*)::int AS n FROM population_district'), before)
  })
})
