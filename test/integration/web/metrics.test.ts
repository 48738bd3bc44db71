import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import PgBoss from 'pg-boss'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { startTestApp, type TestApp } from '../../support/app.ts'

const TOKEN = 'metrics-token-for-tests-0123456789abcdef'

/** The value of one sample line of the exposition, `name{labels} value`, or undefined when it is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('/metrics', () => {
  let t: TestApp
  const scrape = async (authorization = `Bearer ${TOKEN}`) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } })

  before(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN })
  })
  after(async () => t.close())

  it('answers 404 when no METRICS_TOKEN is set, as for any unknown address', async () => {
    const bare = await startTestApp()
    try {
      const response = await bare.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      assert.equal(response.statusCode, 404)
    } finally {
      await bare.close()
    }
  })

  it('refuses a scraper without the token, or with another one (401)', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' })
    assert.equal(none.statusCode, 401)
    assert.equal(none.headers['www-authenticate'], 'Bearer')
    assert.equal((await scrape('Bearer not-the-token-not-the-token-not-the-token')).statusCode, 401)
    assert.equal((await scrape(TOKEN)).statusCode, 401)
  })

  it('is scraped in the Prometheus format with requests, records, overdue referrals, job queues and the pool', async () => {
    const now = Date.now()
    const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString()
    const record = (n: number, extra: Record<string, unknown> = {}) =>
      sampleReferral({
        referral_id: `MET-${n}`,
        crime_reference: `MET/${n}`,
        forename: `Metric${n}`,
        phone_mobile: `07700 900${String(n).padStart(3, '0')}`,
        email: `metric${n}@example.org`,
        reported_at: iso(2),
        crime_recorded_at: iso(2),
        consent_recorded_at: iso(2),
        sent_at: iso(1),
        ...extra,
      })
    await t.services.intake.receive(
      [record(1), record(2), record(3), record(4, { crime_reference: '' })],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
    )
    // One referral's first-contact deadline ended three days ago and no one has contacted the victim.
    await t.db.pool.query(
      `UPDATE referrals SET first_contact_due = (now() AT TIME ZONE 'Europe/London')::date - 4
        WHERE referral_id = 'MET-1'`,
    )
    const boss = new PgBoss({ connectionString: t.db.url, max: 1 })
    await boss.start()
    await boss.createQueue('triage-pending')
    await boss.send('triage-pending', {})
    await boss.stop({ graceful: false })

    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: '/health/live' })
    await t.app.inject({ method: 'GET', url: '/staff/victims/00000000-0000-0000-0000-000000000000' })

    const response = await scrape()
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/)
    const text = response.body

    const live = 'route="/health/live",method="GET",status="200"'
    assert.equal(sample(text, 'victim_hub_http_requests_total', live), 3)
    assert.equal(sample(text, 'victim_hub_http_request_duration_seconds_count', live), 3)
    assert.equal(sample(text, 'victim_hub_http_request_duration_seconds_bucket', `le="+Inf",${live}`), 3)
    // The route's pattern is kept, never the path with a record's id in it.
    assert.ok(text.includes('route="/staff/victims/:id"'))
    assert.ok(!text.includes('00000000-0000-0000-0000-000000000000'))

    assert.equal(sample(text, 'victim_hub_database_up'), 1)
    assert.equal(sample(text, 'victim_hub_import_batches', 'status="finished"'), 1)
    assert.equal(sample(text, 'victim_hub_records_received', 'state="accepted"'), 3)
    assert.equal(sample(text, 'victim_hub_records_received', 'state="quarantined"'), 1)
    assert.equal(sample(text, 'victim_hub_quarantine_open'), 1)

    assert.equal(sample(text, 'victim_hub_first_contact_overdue'), 1)
    const oldest = sample(text, 'victim_hub_first_contact_oldest_overdue_seconds') ?? 0
    assert.ok(oldest > 2 * 86_400 && oldest < 4 * 86_400, `oldest overdue ${oldest} s`)

    assert.equal(sample(text, 'victim_hub_jobs_waiting', 'queue="triage-pending"'), 1)
    assert.ok((sample(text, 'victim_hub_jobs_oldest_waiting_seconds', 'queue="triage-pending"') ?? -1) >= 0)

    assert.equal(sample(text, 'victim_hub_db_pool_max'), 5)
    assert.ok((sample(text, 'victim_hub_db_pool_connections', 'use="idle"') ?? -1) >= 0)
    assert.ok(sample(text, 'victim_hub_process_resident_memory_bytes') !== undefined)
  })
})
