// The hub as a provider runs it when one machine is not enough: two web-only processes
// (VICTIM_HUB_WORKER=false) and a separate `victim-hub worker`, real processes started from the project's
// own entry points, on one database: the suite's own (its embedded PostgreSQL, or the server in
// DATABASE_URL), so this runs in every test run.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { createDemoOrganisations } from '../../src/demo/county.ts'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createServices } from '../../src/services/index.ts'
import { createStaffUser, TEST_ENCRYPTION_KEY, type TestUser } from '../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { HttpBrowserClient } from '../support/http-client.ts'
import { type HubProcess, startWebProcess, startWorkerProcess } from '../support/hub-process.ts'

const sent = new Date(Date.now() - 3_600_000)
const hoursBefore = (hours: number) => new Date(sent.getTime() - hours * 3_600_000).toISOString()
const FORENAMES = ['Morwenna', 'Ifeoma', 'Tadhg', 'Saoirse', 'Bronwen', 'Kwabena', 'Eilidh']
const referral = (n: number) =>
  sampleReferral({
    referral_id: `MULTI-${n}`,
    crime_reference: `MP/${n}/26`,
    victim_person_ref: `MP${n}`,
    reported_at: hoursBefore(24),
    crime_recorded_at: hoursBefore(23),
    consent_recorded_at: hoursBefore(23),
    sent_at: sent.toISOString(),
    forename: FORENAMES[n - 1],
    surname: ['Trevithick', 'Okafor', 'Byrne', 'Gallagher', 'Pryce', 'Mensah', 'Mackay'][n - 1],
    address_line1: `${n} Orchard Row`,
    date_of_birth: `1980-01-${String(n + 1).padStart(2, '0')}`,
    postcode: `CV3${n % 10} 1AB`,
    phone_mobile: `07700 900${String(500 + n)}`,
    phone_other: '',
    email: `multi${n}@example.org`,
  })

/** Polls until `done` holds; fails naming what was awaited once the deadline passes. */
async function eventually(what: string, done: () => Promise<boolean>, giveUpMs = 120_000): Promise<void> {
  const deadline = Date.now() + giveUpMs
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`gave up waiting: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** The queue page's row for one victim, by name. */
const queueRow = (page: string, name: string) =>
  page.split('<tr').find((row) => row.includes(`>${name}</a>`)) ?? assert.fail(`${name} is not in the queue`)

describe('two web processes and a separate worker on one database', () => {
  let db: TestDatabase
  let folder: string
  let apiKey: string
  let caseworker: TestUser
  const processes: HubProcess[] = []
  const checkpoint = (name: string) => join(folder, `${name}-audit-checkpoint.json`)

  const count = async (sql: string) =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n ?? 0
  const untriaged = () =>
    count('referrals r WHERE NOT EXISTS (SELECT 1 FROM triage t WHERE t.referral_id = r.id)')
  /** Connections the job queue holds on this database (pg-boss names them so). */
  const jobQueueConnections = () =>
    count(`pg_stat_activity WHERE datname = current_database() AND application_name = 'victim-hub-worker'`)
  const env = (name: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: db.url,
    VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    VICTIM_HUB_DATA_DIR: join(folder, name),
    VICTIM_HUB_DEMO: 'false',
    VICTIM_HUB_AUDIT_CHECKPOINT: checkpoint(name),
    LOG_LEVEL: 'info',
    // No SESSION_SECRET: the processes agree on the one the first of them keeps in the database.
    SESSION_SECRET: '',
    ...extra,
  })
  const postReferrals = (url: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  before(async () => {
    db = await createTestDatabase()
    folder = await mkdtemp(join(tmpdir(), 'victim-hub-processes-'))
    const services = createServices(
      db.pool,
      loadConfig({ VICTIM_HUB_DEMO: 'false', VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }),
    )
    await createDemoOrganisations(db.pool)
    apiKey = (
      await services.apiKeys.create(
        { organisation: 'County Police', label: 'feed', scopes: ['referrals'] },
        SYSTEM_ACTOR,
      )
    ).key
    caseworker = await createStaffUser(services, 'hub_caseworker')
  })
  after(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    await db.drop()
    await rm(folder, { recursive: true, force: true })
  })

  it('a referral posted to one is triaged by the worker and seen on the other; sessions work on both; each job runs once', async () => {
    const [webA, webB] = await Promise.all([
      startWebProcess(env('web-a', { VICTIM_HUB_WORKER: 'false' })),
      startWebProcess(env('web-b', { VICTIM_HUB_WORKER: 'false' })),
    ])
    processes.push(webA, webB)

    // A referral from the police feed reaches the first web process.
    const posted = await postReferrals(webA.url, '/api/v1/referrals', referral(1))
    assert.equal(posted.status, 201)
    assert.equal(((await posted.json()) as { state: string }).state, 'accepted')

    // Signed in on the first, the caseworker's session works on the second: it finds the referral there.
    const browser = new HttpBrowserClient()
    await browser.get(`${webA.url}/sign-in`)
    const signedIn = await browser.post(`${webA.url}/sign-in`, {
      email: caseworker.email,
      password: caseworker.password,
    })
    assert.equal(signedIn.location, '/staff', 'signed in on the first process')
    const waiting = await browser.get(`${webB.url}/staff/queue`)
    assert.equal(waiting.status, 200, 'the second process knows the session')
    assert.match(
      queueRow(waiting.body, 'Morwenna Trevithick'),
      /Not triaged yet/,
      'web-only processes triage nothing',
    )
    assert.equal(await jobQueueConnections(), 0, 'no web-only process opened the job queue')
    assert.equal(await untriaged(), 1)

    // The same environment as the web processes, as from one shared file: the command runs the jobs anyway.
    const worker = await startWorkerProcess(env('worker', { VICTIM_HUB_WORKER: 'false' }))
    processes.push(worker)
    await eventually('the worker triaged the referral', async () => (await untriaged()) === 0)
    const triaged = await browser.get(`${webB.url}/staff/queue`)
    assert.doesNotMatch(
      queueRow(triaged.body, 'Morwenna Trevithick'),
      /Not triaged yet/,
      'the second process shows the triage the worker did',
    )

    // More referrals on both processes while the worker runs: each is triaged, by the worker, once.
    const batch = await postReferrals(webB.url, '/api/v1/referrals/batch', [2, 3, 4, 5, 6].map(referral))
    assert.equal(((await batch.json()) as { accepted: number }).accepted, 5)
    assert.equal((await postReferrals(webA.url, '/api/v1/referrals', referral(7))).status, 201)
    await eventually('the later referrals triaged', async () => (await untriaged()) === 0)
    assert.equal(await count('referrals'), 7)
    assert.equal(await count('triage'), 7, 'one triage each')
    assert.equal(await count('routing_history'), 7, 'one routing decision each')
    const { rows: runs } = await db.pool.query<{ state: string; triaged: number }>(
      `SELECT state, coalesce((output->>'triaged')::int, 0) AS triaged FROM pgboss.job
       WHERE name = 'triage-pending' AND started_on IS NOT NULL`,
    )
    assert.ok(runs.length >= 2, 'the triage job kept coming round')
    for (const run of runs) assert.notEqual(run.state, 'failed')
    assert.equal(
      runs.reduce((sum, run) => sum + run.triaged, 0),
      7,
      'the job runs between them triaged each referral once',
    )

    // A form posted to the second process with the token of a page from the first: signing out there
    // signs out everywhere.
    await browser.get(`${webA.url}/staff`)
    const signedOut = await browser.post(`${webB.url}/sign-out`, {})
    assert.equal(signedOut.location, '/sign-in?signedOut=1')
    assert.match((await browser.get(`${webA.url}/staff/queue`)).location ?? '', /\/sign-in/)

    // The worker stops cleanly: runs finished, the audit log checkpointed, its connections closed.
    assert.equal(await worker.stop(), 0, worker.output())
    assert.match(worker.output(), /"msg":"worker stopped"/)
    const checkpoints = JSON.parse(await readFile(checkpoint('worker'), 'utf8'))
    const [head] = Object.values(checkpoints.chains) as { rows: number }[]
    assert.ok((head?.rows ?? 0) >= 3, 'the worker keeps the audit log’s checkpoint')
    await eventually('the worker’s connections closed', async () => (await jobQueueConnections()) === 0)
    assert.equal((await fetch(`${webA.url}/health/ready`)).status, 200, 'the web processes carry on')

    assert.deepEqual(await Promise.all([webA.stop(), webB.stop()]), [0, 0])
    assert.equal(existsSync(checkpoint('web-a')), false, 'a web-only process keeps no audit checkpoint')
    assert.equal(existsSync(checkpoint('web-b')), false)
  })
})
