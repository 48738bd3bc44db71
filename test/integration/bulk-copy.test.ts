import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { copyRows } from '../../src/repositories/bulk.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

describe('copyRows', () => {
  let db: TestDatabase
  before(async () => {
    db = await createTestDatabase()
    await db.pool.query('CREATE TABLE copy_probe (id int, doc jsonb)')
  })
  after(async () => db.drop())

  it('ends the COPY at once when a row cannot be written after the copy began, freeing the connection', async () => {
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('LOCK TABLE copy_probe IN EXCLUSIVE MODE')
      const circular: Record<string, unknown> = {}
      circular.self = circular
      const rows = [
        ...Array.from({ length: 20_000 }, (_, i) => ({ id: i, doc: { text: 'x'.repeat(100) } })),
        { id: -1, doc: circular },
      ]
      await assert.rejects(copyRows(client, 'copy_probe', ['id', 'doc'], rows, new Set(['doc'])), TypeError)
      await client.query('ROLLBACK')
      // The same connection answers again, and nothing of the failed copy was kept.
      const { rows: count } = await client.query('SELECT count(*)::int AS n FROM copy_probe')
      assert.equal(count[0].n, 0)
    } finally {
      client.release()
    }
    // The lock is gone: another connection takes it without waiting.
    const other = await db.pool.connect()
    try {
      await other.query('BEGIN')
      await other.query('LOCK TABLE copy_probe IN EXCLUSIVE MODE NOWAIT')
      await other.query('ROLLBACK')
    } finally {
      other.release()
    }
    const { rows: copying } = await db.pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY copy_probe%' AND state = 'active'`,
    )
    assert.equal(copying[0].n, 0)
  })

  it('still stores every row when nothing goes wrong', async () => {
    const client = await db.pool.connect()
    try {
      const rows = Array.from({ length: 30_000 }, (_, i) => ({ id: i, doc: { n: i, t: 'tab\there\\' } }))
      await copyRows(client, 'copy_probe', ['id', 'doc'], rows, new Set(['doc']))
      const { rows: out } = await client.query(
        `SELECT count(*)::int AS n, max(doc->>'t') AS t FROM copy_probe`,
      )
      assert.deepEqual(out[0], { n: 30_000, t: 'tab\there\\' })
    } finally {
      client.release()
    }
  })
})
