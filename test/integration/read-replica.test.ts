// DATABASE_READ_URL: the needs assessment reads from a read replica while everything else, imports
// included, goes to the primary. A second database of the suite's own stands for the replica here, with
// data the primary does not have, so a report that read the primary would find nothing.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { loadConfig } from '../../src/config/config.ts'
import { type Database, openDatabase } from '../../src/db/database.ts'
import { createCommissioningService } from '../../src/services/commissioning/index.ts'
import { createServices } from '../../src/services/index.ts'
import { TEST_ENCRYPTION_KEY } from '../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { warwickshireMonth } from '../support/samples.ts'

describe('reports on a read replica (DATABASE_READ_URL)', () => {
  let primary: TestDatabase
  let replica: TestDatabase
  let folder: string
  let hub: Database
  const env = () => ({
    VICTIM_HUB_DEMO: 'false',
    VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    DATABASE_URL: primary.url,
    DATABASE_READ_URL: replica.url,
    VICTIM_HUB_DATA_DIR: folder,
  })
  const monthsIn = async (db: TestDatabase) =>
    (await db.pool.query<{ month: string }>('SELECT month FROM crime_imports ORDER BY month')).rows.map(
      (row) => row.month,
    )

  before(async () => {
    ;[primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()])
    folder = await mkdtemp(join(tmpdir(), 'victim-hub-replica-'))
    // What the replica holds: one month of Warwickshire's police.uk data.
    await createCommissioningService(replica.pool).importCrimeFile(warwickshireMonth('2025-01'))
    hub = await openDatabase(loadConfig(env()))
  })
  after(async () => {
    await hub?.close()
    await Promise.all([primary?.drop(), replica?.drop()])
    await rm(folder, { recursive: true, force: true })
  })

  it('the needs assessment and its list of forces read the replica; imports write to the primary', async () => {
    const services = createServices(hub.pool, loadConfig(env()), hub.readPool)
    assert.deepEqual(
      (await services.commissioning.listForces()).map((force) => force.name),
      ['Warwickshire Police'],
    )
    const { report } = await services.commissioning.needsAssessment({
      force: 'Warwickshire',
      from: '2025-01',
      to: '2025-01',
    })
    assert.equal(report.force.name, 'Warwickshire Police')
    assert.deepEqual(report.period.monthsWithData, ['2025-01'], 'the month only the replica holds')
    assert.ok(report.inputs.rows > 0)

    await services.commissioning.importCrimeFile(warwickshireMonth('2025-02'))
    assert.deepEqual(await monthsIn(primary), ['2025-02'], 'the import went to the primary')
    assert.deepEqual(await monthsIn(replica), ['2025-01'], 'and not to the replica')
  })

  it('connections to the replica refuse writes, so a write that strays there fails in every run', async () => {
    assert.notEqual(hub.readPool, hub.pool)
    await assert.rejects(
      hub.readPool.query(`INSERT INTO app_settings (key, value) VALUES ('stray', '1')`),
      /read-only transaction/,
    )
    const single = await openDatabase(loadConfig({ ...env(), DATABASE_READ_URL: '' }))
    try {
      assert.equal(single.readPool, single.pool, 'without DATABASE_READ_URL reports read the main pool')
    } finally {
      await single.close()
    }
  })

  it('a replica that does not answer stops start-up with a message naming DATABASE_READ_URL', async () => {
    const unreachable = new URL(replica.url)
    unreachable.pathname = '/no_such_database'
    await assert.rejects(
      openDatabase(loadConfig({ ...env(), DATABASE_READ_URL: unreachable.toString() })),
      /cannot reach the database in DATABASE_READ_URL: .*no_such_database/,
    )
  })

  it('npx victim-hub needs-assessment reads the replica named in the environment', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'bin/victim-hub.js',
        'needs-assessment',
        '--force',
        'Warwickshire',
        '--from',
        '2025-01',
        '--to',
        '2025-01',
        '--json',
      ],
      { env: { ...process.env, ...env(), LOG_LEVEL: 'silent' }, maxBuffer: 32 * 1024 * 1024 },
    )
    assert.equal(JSON.parse(stdout).force.name, 'Warwickshire Police')
  })
})
