import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pino from 'pino'
import { startWorker } from '../../src/jobs/worker.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

describe('background jobs', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' })
  })
  after(async () => t.close())

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
    const { rows } = await t.db.pool.query('SELECT name, cron FROM pgboss.schedule ORDER BY name')
    assert.deepEqual(rows, [{ name: 'purge-expired-sessions', cron: '*/15 * * * *' }])
    await stop()
  })
})
