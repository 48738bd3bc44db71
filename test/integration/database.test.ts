import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { migrate } from '../../src/db/migrate.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

describe('database migrations', () => {
  let db: TestDatabase
  before(async () => {
    db = await createTestDatabase()
  })
  after(async () => db.drop())

  it('are all applied and re-running them changes nothing', async () => {
    const result = await migrate(db.pool)
    assert.deepEqual(result.applied, [])
    assert.ok(result.alreadyApplied >= 1)
    const { rows } = await db.pool.query("SELECT to_regclass('public.audit_log') AS t")
    assert.equal(rows[0].t, 'audit_log')
  })

  it('refuse to update or delete audit rows', async () => {
    await db.pool.query(
      "INSERT INTO audit_log (actor, action, prev_hash, hash) VALUES ('test', 'x', 'genesis', 'h')",
    )
    await assert.rejects(db.pool.query("UPDATE audit_log SET action = 'y'"), /append-only/)
    await assert.rejects(db.pool.query('DELETE FROM audit_log'), /append-only/)
  })
})
