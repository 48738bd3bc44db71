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

const RECORDS = 50_000

describe('an import killed with SIGKILL part way through', () => {
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
    dir = await mkdtemp(join(tmpdir(), 'vh-import-killed-'))
    file = join(dir, 'feed.csv')
    const records = generateReferrals({
      seed: 18,
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

  it(`carries on from where it stopped when run again, and ends with each of ${RECORDS.toLocaleString('en-GB')} records once`, async () => {
    const first = startHubProcess(['bin/victim-hub.js', 'import', 'referrals', file], env())
    // Kill it once its first chunks are stored (each chunk commits on its own), without waiting for more.
    for (;;) {
      if ((await count('referral_receipts')) >= 5_000) break
      if (first.child.exitCode !== null)
        assert.fail(`the import ended before it could be killed:\n${first.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    first.child.kill('SIGKILL')
    await first.exited
    const storedWhenKilled = await count('referral_receipts')
    assert.ok(storedWhenKilled < RECORDS, `killed after ${storedWhenKilled} records, before the end`)
    assert.equal(await count(`import_batches WHERE status = 'running'`), 1)

    const again = startHubProcess(['bin/victim-hub.js', 'import', 'referrals', file, '--json'], env())
    assert.equal(await again.exited, 0, again.output())
    const [result] = JSON.parse(again.output())
    assert.equal(result.reconciliation.resumed, true)
    const c = result.reconciliation
    assert.equal(c.received, RECORDS)
    assert.equal(c.accepted + c.duplicate + c.quarantined + c.consent_refused, RECORDS)

    // Every record of the file once: one receipt per line number, 1 to 50,000, in one finished batch.
    assert.equal(await count('import_batches'), 1)
    assert.equal(await count(`import_batches WHERE status = 'finished' AND received = ${RECORDS}`), 1)
    assert.equal(await count('referral_receipts'), RECORDS)
    const numbers = await db.pool.query<{ distinct: number; low: number; high: number }>(
      'SELECT count(DISTINCT record_number)::int AS distinct, min(record_number) AS low, max(record_number) AS high FROM referral_receipts',
    )
    assert.deepEqual(numbers.rows[0], { distinct: RECORDS, low: 1, high: RECORDS })
    assert.equal(await count('referrals'), c.accepted)
    console.log(`killed after ${storedWhenKilled} of ${RECORDS} records; the second run stored the rest`)
  })
})
