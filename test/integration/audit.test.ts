import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { createServices } from '../../src/services/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

const runCli = (db: TestDatabase, ...args: string[]) => runCliWith(db, {}, ...args)
const runCliWith = (db: TestDatabase, env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/victim-hub.js', ...args], {
    env: { ...process.env, DATABASE_URL: db.url, ...env },
    encoding: 'utf8',
  })

describe('audit log', () => {
  let db: TestDatabase
  before(async () => {
    db = await createTestDatabase()
    const services = createServices(db.pool, loadConfig({ SESSION_SECRET: 'x'.repeat(40) }))
    const actor = { userId: null, label: 'tester', ip: '127.0.0.1', requestId: 'r1' }
    for (let i = 1; i <= 5; i++) {
      await services.audit.record(actor, {
        action: 'test.event',
        recordType: 'thing',
        recordId: String(i),
        details: { i },
      })
    }
  })
  after(async () => db.drop())

  it('`victim-hub audit verify` passes on an untouched log', () => {
    const result = runCli(db, 'audit', 'verify')
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /intact: 5 rows verified/)
  })

  it('an edited row makes verify fail with exit code 1 and name the row', async () => {
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')
    await db.pool.query(`UPDATE audit_log SET details = '{"i": 99}' WHERE record_id = '3'`)
    const { rows } = await db.pool.query(`SELECT id FROM audit_log WHERE record_id = '3'`)
    const result = runCli(db, 'audit', 'verify')
    assert.equal(result.status, 1)
    assert.match(result.stderr, new RegExp(`broken at row ${rows[0].id}: its contents were changed`))
    await db.pool.query(`UPDATE audit_log SET details = '{"i": 3}' WHERE record_id = '3'`)
    assert.equal(runCli(db, 'audit', 'verify').status, 0, 'restoring the row restores the chain')
  })

  it('a deleted row makes verify fail and name the row after the gap', async () => {
    const { rows } = await db.pool.query(`SELECT id FROM audit_log WHERE record_id IN ('2', '3') ORDER BY id`)
    await db.pool.query(`DELETE FROM audit_log WHERE record_id = '2'`)
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only')
    const result = runCli(db, 'audit', 'verify')
    assert.equal(result.status, 1)
    assert.match(
      result.stderr,
      new RegExp(
        `broken at row ${rows[1].id}: does not follow the row before it \\(row ${rows[0].id} is missing\\)`,
      ),
    )
  })
})

describe('the end of the audit log', () => {
  let db: TestDatabase
  let folder: string
  let env: NodeJS.ProcessEnv
  const actor = { userId: null, label: 'tester', ip: '127.0.0.1', requestId: 'r1' }
  let services: ReturnType<typeof createServices>
  const recordRows = async (n: number, action = 'test.event') => {
    for (let i = 0; i < n; i++)
      await services.audit.record(actor, { action, recordType: 'thing', recordId: `${i}` })
  }
  const ids = async () =>
    (await db.pool.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).rows.map((r) => r.id)
  const cutOffNewest = async (n: number) => {
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')
    await db.pool.query(
      'DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT $1)',
      [n],
    )
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only')
  }

  before(async () => {
    db = await createTestDatabase()
    folder = await mkdtemp(join(tmpdir(), 'victim-hub-audit-'))
    env = { VICTIM_HUB_AUDIT_CHECKPOINT: join(folder, 'audit-checkpoint.json') }
    services = createServices(
      db.pool,
      loadConfig({
        SESSION_SECRET: 'x'.repeat(40),
        VICTIM_HUB_AUDIT_CHECKPOINT: env.VICTIM_HUB_AUDIT_CHECKPOINT,
      }),
    )
  })
  after(async () => {
    await db.drop()
    await rm(folder, { recursive: true, force: true })
  })

  it('deleting the newest rows, a restricted record view among them, makes verify name the rows cut off', async () => {
    await recordRows(5)
    const first = runCliWith(db, env, 'audit', 'verify')
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /intact: 5 rows verified/)
    await recordRows(1)
    await recordRows(1, 'restricted_record.viewed')
    assert.equal(runCliWith(db, env, 'audit', 'verify').status, 0, 'the head is checkpointed again')
    const before = await ids()

    await cutOffNewest(2)
    const result = runCliWith(db, env, 'audit', 'verify')
    assert.equal(result.status, 1, result.stdout)
    assert.match(
      result.stderr,
      new RegExp(
        `broken at row ${before[6]}: the log ends at row ${before[4]} with 5 rows, but a checkpoint of .* records 7 rows ending at row ${before[6]}: 2 rows after row ${before[4]} were cut off`,
      ),
    )
    assert.match(result.stderr, /\(5 rows before it verified\)/)
  })

  it('the hub’s own checkpoints do not move the head back over rows that were cut off', async () => {
    const file = env.VICTIM_HUB_AUDIT_CHECKPOINT as string
    const pinned = await readFile(file, 'utf8')
    const outcome = await services.audit.checkpoint()
    assert.equal(outcome.ok, false)
    await recordRows(3)
    assert.equal((await services.audit.checkpoint()).ok, false, 'new rows do not hide the cut')
    assert.equal(await readFile(file, 'utf8'), pinned, 'the checkpoint is kept as evidence')
    const result = runCliWith(db, env, 'audit', 'verify')
    assert.equal(result.status, 1)
    assert.match(result.stderr, /were cut off|does not follow/)
  })
})
