import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createPool } from '../../src/db/database.ts'
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

describe('database connections the server ends', () => {
  let db: TestDatabase
  before(async () => {
    db = await createTestDatabase()
  })
  after(async () => db.drop())

  const waitFor = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50))
  }

  it('a connection ended while in use is reported and the pool carries on with a new one', async () => {
    const lost: Error[] = []
    const pool = createPool(db.url, 2, (error) => lost.push(error))
    try {
      // Checked out and between two queries, as a transaction is while the hub works out its next step.
      const client = await pool.connect()
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid])
      await waitFor(() => lost.length > 0)
      assert.match(String(lost[0]?.message), /terminating connection/)
      await assert.rejects(client.query('SELECT 1'))
      client.release()
      // And one idle in the pool.
      const idle = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      await db.pool.query('SELECT pg_terminate_backend($1)', [idle.rows[0]?.pid])
      await waitFor(() => lost.length > 1)
      assert.equal(lost.length, 2, 'each lost connection is reported once')
      assert.equal((await pool.query('SELECT 1 AS one')).rows[0]?.one, 1)
    } finally {
      await pool.end()
    }
  })
})
