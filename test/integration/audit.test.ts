import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { createServices } from '../../src/services/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

const runCli = (db: TestDatabase, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/victim-hub.js', ...args], {
    env: { ...process.env, DATABASE_URL: db.url },
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
