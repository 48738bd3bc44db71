import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import pino from 'pino'
import { startWorker } from '../../src/jobs/worker.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'

/** Waits for something the worker does in its own time; gives up (and fails) after a generous while. */
async function eventually(what: string, done: () => Promise<boolean>, giveUpMs = 180_000): Promise<void> {
  const deadline = Date.now() + giveUpMs
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`gave up waiting: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('background jobs', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' })
  })
  after(async () => t.close())

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ?? 0
  const untriaged = () =>
    count('referrals r WHERE NOT EXISTS (SELECT 1 FROM triage t WHERE t.referral_id = r.id)')
  const triageRuns = () => count(`pgboss.job WHERE name = 'triage-pending' AND state = 'completed'`)

  it('purging sessions removes idle and too-old ones and keeps live ones', async () => {
    const insert = (id: string, createdAgo: string, seenAgo: string) =>
      t.db.pool.query(
        `INSERT INTO sessions (id, data, created_at, last_seen_at) VALUES ($1, '{}', now() - $2::interval, now() - $3::interval)`,
        [id, createdAgo, seenAgo],
      )
    await insert('live', '1 hour', '1 minute')
    await insert('idle', '1 hour', '31 minutes')
    await insert('old', '13 hours', '1 minute')
    assert.equal(await t.services.sessions.purgeExpired(), 2)
    const { rows } = await t.db.pool.query('SELECT id FROM sessions')
    assert.deepEqual(
      rows.map((r) => r.id),
      ['live'],
    )
  })

  it('the worker schedules its recurring jobs in the database and stops cleanly', async () => {
    const stop = await startWorker(t.services, t.db.url, pino({ level: 'silent' }))
    try {
      const { rows } = await t.db.pool.query('SELECT name, cron FROM pgboss.schedule ORDER BY name')
      assert.deepEqual(rows, [
        { name: 'outbox-send', cron: '* * * * *' },
        { name: 'purge-expired-sessions', cron: '*/15 * * * *' },
        { name: 'triage-pending', cron: '* * * * *' },
      ])
      const { rows: queues } = await t.db.pool.query(
        `SELECT policy FROM pgboss.queue WHERE name = 'triage-pending'`,
      )
      assert.deepEqual(queues, [{ policy: 'stately' }], 'at most one triage run waiting and one running')
    } finally {
      await stop()
    }
  })

  it('triage is a job: three workers triage every referral once, never two runs at a time', async () => {
    const before = await receiveGeneratedReferrals(t.services, { seed: 31, count: 300, days: 60 })
    assert.ok(before.accepted > 0)
    assert.equal(await untriaged(), before.accepted, 'nothing triaged before a worker runs')
    const runsBefore = await triageRuns()

    // Three hub processes' workers on one database, each sending a first run as it starts.
    const log = pino({ level: 'silent' })
    const stops = await Promise.all([1, 2, 3].map(() => startWorker(t.services, t.db.url, log)))
    try {
      await eventually('the waiting referrals triaged', async () => (await untriaged()) === 0)
      // Referrals arriving while the workers run are triaged without anyone asking.
      const later = await receiveGeneratedReferrals(t.services, { seed: 32, count: 100, days: 30 })
      assert.ok(later.accepted > 0)
      await eventually('the later referrals triaged', async () => (await untriaged()) === 0)
      // Each run sends the next: the job keeps coming round, not once per worker start.
      await eventually('more runs after the backlog', async () => (await triageRuns()) >= runsBefore + 3)
    } finally {
      await Promise.all(stops.map((stop) => stop()))
    }

    // Every referral triaged exactly once: one triage row and one routing decision each.
    const accepted = await count('referrals')
    assert.equal(await count('triage'), accepted)
    assert.equal(
      await count(`(SELECT referral_id FROM routing_history GROUP BY referral_id HAVING count(*) > 1) twice`),
      0,
      'no referral routed twice',
    )
    assert.equal(await count('routing_history'), accepted)

    // No two runs overlapped, across all three workers, and none failed.
    const { rows: runs } = await t.db.pool.query<{ started: Date; ended: Date; state: string }>(
      `SELECT started_on AS started, completed_on AS ended, state FROM pgboss.job
       WHERE name = 'triage-pending' AND started_on IS NOT NULL ORDER BY started_on`,
    )
    assert.ok(runs.length >= 3)
    for (const run of runs) assert.equal(run.state, 'completed')
    for (let i = 1; i < runs.length; i++) {
      const previous = runs[i - 1] as (typeof runs)[number]
      const run = runs[i] as (typeof runs)[number]
      assert.ok(run.started >= previous.ended, `run ${i} started before run ${i - 1} had finished`)
    }
    assert.ok(
      (await count(`pgboss.job WHERE name = 'triage-pending' AND state = 'created'`)) <= 1,
      'at most one run waiting, however many workers sent one',
    )
  })

  it('npx victim-hub triage pending still triages what is waiting, and says how many', async () => {
    const received = await receiveGeneratedReferrals(t.services, { seed: 33, count: 60, days: 30 })
    const run = () =>
      promisify(execFile)(process.execPath, ['bin/victim-hub.js', 'triage', 'pending'], {
        env: { ...process.env, DATABASE_URL: t.db.url, VICTIM_HUB_DEMO: 'false', LOG_LEVEL: 'silent' },
      })
    const first = await run()
    assert.match(first.stdout, new RegExp(`^Triaged ${received.accepted} referrals in \\d+ ms`))
    assert.equal(await untriaged(), 0)
    assert.match((await run()).stdout, /^Triaged 0 referrals/)
  })
})
