import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { toCsv } from '../../../src/demo/feed-files.ts'
import { generateReferrals } from '../../../src/demo/referrals.ts'
import { TEST_ENCRYPTION_KEY } from '../../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { startHubProcess } from '../../support/hub-process.ts'

const RECORDS = 15_000
const CHUNK = 2_500

describe('the database connection cut during an import', () => {
  let db: TestDatabase
  let dir: string
  let file: string
  const env = () => ({
    ...process.env,
    DATABASE_URL: db.url,
    VICTIM_HUB_DEMO: 'false',
    VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    LOG_LEVEL: 'silent',
  })
  const count = async (sql: string) =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n ?? 0

  before(async () => {
    db = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'vh-connection-cut-'))
    file = join(dir, 'feed.csv')
    const records = generateReferrals({
      seed: 7,
      count: RECORDS,
      from: '2026-05-01T00:00:00Z',
      to: '2026-10-31T00:00:00Z',
    })
    await writeFile(file, toCsv(records))
  })
  after(async () => {
    await db?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  it('stops with a clear error, keeps only whole chunks, and a rerun completes', async () => {
    const first = startHubProcess(['bin/victim-hub.js', 'import', 'referrals', file], env())
    for (;;) {
      if ((await count('referral_receipts')) >= CHUNK) break
      if (first.child.exitCode !== null) assert.fail(`the import ended first:\n${first.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    // The database server ends every other session on this database, as a failover or a restart would.
    await db.pool.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
    const code = await first.exited
    assert.notEqual(code, 0)
    const output = first.output()
    assert.match(output, /lost its connection to the database/)
    assert.match(output, /run the same command again/i)
    assert.doesNotMatch(output, /^\s+at /m, 'no stack trace')

    // Nothing half-written: the batch's counts match its receipts, which are whole chunks.
    const batch = await db.pool.query<{ received: number; accepted: number }>(
      'SELECT received, accepted FROM import_batches',
    )
    const stored = await count('referral_receipts')
    assert.equal(batch.rows[0]?.received, stored)
    assert.equal(stored % CHUNK, 0, `${stored} receipts: whole chunks only`)
    assert.equal(await count('referrals'), batch.rows[0]?.accepted)

    const again = startHubProcess(['bin/victim-hub.js', 'import', 'referrals', file, '--json'], env())
    assert.equal(await again.exited, 0, again.output())
    const [result] = JSON.parse(again.output())
    assert.equal(result.reconciliation.received, RECORDS)
    assert.equal(await count('referral_receipts'), RECORDS)
    assert.equal(await count(`import_batches WHERE status = 'finished'`), 1)
  })
})
