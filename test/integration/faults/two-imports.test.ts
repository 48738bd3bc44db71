import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { toCsv, toJsonl } from '../../../src/demo/feed-files.ts'
import { generateReferrals } from '../../../src/demo/referrals.ts'
import { TEST_ENCRYPTION_KEY } from '../../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { startHubProcess } from '../../support/hub-process.ts'

const PER_FILE = 6_000

describe('two imports of different files at once', () => {
  const databases: TestDatabase[] = []
  let dir: string
  let a: string
  let b: string
  const env = (db: TestDatabase) => ({
    ...process.env,
    DATABASE_URL: db.url,
    VICTIM_HUB_DEMO: 'false',
    VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    LOG_LEVEL: 'silent',
  })
  const count = async (db: TestDatabase, sql: string) =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n ?? 0

  /** Imports both files into a fresh database, at once or one after the other; what the hub then holds. */
  async function importBoth(together: boolean) {
    const db = await createTestDatabase()
    databases.push(db)
    const run = (file: string) =>
      startHubProcess(['bin/victim-hub.js', 'import', 'referrals', file, '--json'], env(db))
    const runs = together ? [run(a), run(b)] : []
    if (!together) {
      const one = run(a)
      await one.exited
      runs.push(one, run(b))
    }
    for (const r of runs) assert.equal(await r.exited, 0, r.output())
    const received = runs.map((r) => JSON.parse(r.output())[0].reconciliation.received)
    const states = await db.pool.query(
      'SELECT state, count(*)::int AS n FROM referral_receipts GROUP BY state ORDER BY state',
    )
    return {
      received,
      finishedBatches: await count(db, `import_batches WHERE status = 'finished'`),
      receipts: await count(db, 'referral_receipts'),
      states: states.rows,
      referrals: await count(db, 'referrals'),
      victims: await count(db, 'victims'),
      possibleMatches: await count(db, 'match_reviews'),
      // A victim no record points to, or a batch whose counts are not its records, would be a lost write.
      orphanVictims: await count(
        db,
        'victims v WHERE NOT EXISTS (SELECT 1 FROM referral_receipts r WHERE r.victim_id = v.id OR r.original_victim_id = v.id)',
      ),
      batchesMiscounted: await count(
        db,
        `import_batches b WHERE received <> (SELECT count(*) FROM referral_receipts r WHERE r.batch_id = b.id)
            OR accepted <> (SELECT count(*) FROM referrals f JOIN referral_receipts r ON r.id = f.receipt_id WHERE r.batch_id = b.id)`,
      ),
    }
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vh-two-imports-'))
    // One feed split in two: the second file holds later referrals, some for victims of the first.
    const records = generateReferrals({
      seed: 21,
      count: 2 * PER_FILE,
      from: '2026-05-01T00:00:00Z',
      to: '2026-10-31T00:00:00Z',
    })
    a = join(dir, 'a.csv')
    b = join(dir, 'b.jsonl')
    await writeFile(a, toCsv(records.slice(0, PER_FILE)))
    await writeFile(b, toJsonl(records.slice(PER_FILE)))
  })
  after(async () => {
    await Promise.all(databases.map((db) => db.drop()))
    await rm(dir, { recursive: true, force: true })
  })

  it('both finish with every record once, and the hub holds what one import after the other gives', async () => {
    const together = await importBoth(true)
    assert.deepEqual(together.received, [PER_FILE, PER_FILE])
    assert.equal(together.finishedBatches, 2)
    assert.equal(together.receipts, 2 * PER_FILE)
    assert.equal(together.orphanVictims, 0)
    assert.equal(together.batchesMiscounted, 0)
    // What became of each record is the same as one import after the other: nothing lost to the other
    // import. Which victim a record links to can differ, as it does between any two orders of the same
    // records (matching sees the victims stored before it): the counts are printed.
    const oneAfterOther = await importBoth(false)
    assert.deepEqual(together.states, oneAfterOther.states)
    assert.equal(together.referrals, oneAfterOther.referrals)
    console.log(
      `victims ${together.victims} (one after the other: ${oneAfterOther.victims}), possible matches ${together.possibleMatches} (${oneAfterOther.possibleMatches})`,
    )
  })
})
