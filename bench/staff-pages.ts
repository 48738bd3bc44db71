/**
 * Staff pages on a national-size hub (bench/support/national-seed.ts), under load: 50 signed-in team
 * managers at once (autocannon over loopback, each connection with its own session) on the first-contact
 * queue, find a victim (a common surname; a date of birth; a phone number), a victim's page and the data
 * quality queue. Beside each page, in the same run, the bare SQL the page needs (its rows, as one
 * hand-written query) is run by 50 concurrent callers straight through pg on a pool as large as the
 * app's. Prints p50/p99 for both and their ratio (targets: p99 < 100 ms, within 3x of the bare SQL), and
 * writes each bare query's EXPLAIN (ANALYZE, BUFFERS) to docs/explain/.
 *
 *   node --import tsx bench/staff-pages.ts [--victims 2000000] [--referrals 5000000] [--seconds 10]
 */
import { fork } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type autocannon from 'autocannon'
import { loadConfig } from '../src/config/config.ts'
import { createPool } from '../src/db/database.ts'
import { createDemoOrganisations } from '../src/demo/county.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { createApp } from '../src/web/app.ts'
import { BrowserLikeClient } from '../test/support/http-client.ts'
import { parseScale } from './national-seed.ts'
import { openBenchDatabase } from './support/database.ts'
import { seedNational } from './support/national-seed.ts'

const USERS = 50
const PASSWORD = 'correct horse battery staple'

const scale = parseScale(process.argv.slice(2))
let seconds = 10
for (let i = 0; i < scale.rest.length; i++) {
  if (scale.rest[i] === '--seconds') seconds = Number(scale.rest[++i])
  else throw new Error(`Unknown option ${scale.rest[i]}`)
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

/** 50 callers running one query back to back for `seconds` on a pool of the app's size. */
async function bareSql(url: string, sql: string, params: unknown[]) {
  const pool = createPool(url, 10)
  const latencies: number[] = []
  const end = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now()
        await pool.query(sql, params)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  await pool.end()
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length }
}

type LoadResult = Pick<autocannon.Result, 'latency' | 'requests' | 'non2xx' | 'errors'>

/** 50 connections, one signed-in user each, for `seconds`, from a process of their own. */
function load(url: string, cookies: readonly string[]): Promise<LoadResult> {
  const child = fork(join(import.meta.dirname, 'support', 'load-worker.mjs'), { execArgv: [] })
  child.send({ url, connections: USERS, duration: seconds, cookies })
  return new Promise((resolve, reject) => {
    child.once('message', (result: LoadResult) => resolve(result))
    child.once('error', reject)
  })
}

const db = await openBenchDatabase()
try {
  console.log(`seeding ${scale.victims} victims, ${scale.referrals} referrals (${db.kind} PostgreSQL)`)
  const facts = await seedNational(db.url, { ...scale, progress: (l) => console.log(l) })
  console.log(`  seeded in ${facts.seconds.toFixed(0)} s`)
  const pool = createPool(db.url, 10)
  const config = loadConfig({
    VICTIM_HUB_DEMO: 'false',
    SESSION_SECRET: 'bench-session-secret-long-enough-to-sign',
    LOG_LEVEL: 'silent',
    SIGNIN_RATE_LIMIT_PER_MINUTE: '100000',
    VICTIM_HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  })
  const services = createServices(pool, config)
  await createDemoOrganisations(pool)
  const app = await createApp(services, { logger: false })
  await app.ready()
  const cookies: string[] = []
  for (let i = 0; i < USERS; i++) {
    const email = `manager.${i}@hub.example`
    await services.accounts.createUser(
      {
        email,
        displayName: `Manager ${i}`,
        role: 'team_manager',
        teamName: 'First contact',
        password: PASSWORD,
      },
      SYSTEM_ACTOR,
    )
    const browser = new BrowserLikeClient(app)
    const answer = await browser.signIn({ id: '', email, password: PASSWORD, role: 'team_manager' })
    const cookie = answer.headers['set-cookie']
    const jar = (Array.isArray(cookie) ? cookie : [cookie ?? ''])
      .map((c) => c.split(';')[0])
      .filter((c) => c && !c.endsWith('='))
    cookies.push(jar.join('; '))
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

  const surname = facts.commonSurname.toLowerCase()
  const pages: { name: string; path: string; sql: string; params: unknown[] }[] = [
    {
      name: 'first-contact queue',
      path: '/staff/queue',
      sql: `SELECT r.id, v.forename, v.surname, r.crime_reference, r.first_contact_due, t.priority_rank, t.pathway_id
            FROM referrals r JOIN victims v ON v.id = r.victim_id LEFT JOIN triage t ON t.referral_id = r.id
            WHERE r.status = ANY($1::text[])
            ORDER BY r.first_contact_due ASC NULLS LAST, coalesce(t.priority_rank, 0) DESC, r.received_at, r.id
            LIMIT 50`,
      params: [['new', 'triaged']],
    },
    {
      name: `find a victim: surname "${facts.commonSurname}"`,
      path: `/staff/victims/search?q=${encodeURIComponent(facts.commonSurname)}`,
      sql: `SELECT id, forename, surname, date_of_birth FROM victims WHERE lower(surname) LIKE $1
            ORDER BY lower(surname), lower(forename), date_of_birth NULLS LAST, id LIMIT 51`,
      params: [`${surname}%`],
    },
    {
      name: `find a victim: date of birth ${facts.dateOfBirth}`,
      path: `/staff/victims/search?q=${encodeURIComponent(facts.dateOfBirth.split('-').reverse().join('/'))}`,
      sql: `SELECT DISTINCT v.id, v.forename, v.surname FROM victim_match_keys k JOIN victims v ON v.id = k.victim_id
            WHERE k.key = $1 LIMIT 51`,
      params: [`dob:${facts.dateOfBirth}`],
    },
    {
      name: 'find a victim: phone number',
      path: `/staff/victims/search?q=${encodeURIComponent(`0${facts.phone.slice(3)}`)}`,
      sql: `SELECT DISTINCT v.id, v.forename, v.surname FROM victim_match_keys k JOIN victims v ON v.id = k.victim_id
            WHERE k.key = $1 LIMIT 51`,
      params: [`ph:${facts.phone}`],
    },
    {
      name: "a victim's page",
      path: `/staff/victims/${facts.victimId}`,
      sql: `SELECT v.*, r.id AS referral_id, r.crime_reference, r.crime_category, r.received_at, r.status
            FROM victims v LEFT JOIN referrals r ON r.victim_id = v.id WHERE v.id = $1 ORDER BY r.reported_at DESC`,
      params: [facts.victimId],
    },
    {
      name: 'data quality queue',
      path: '/staff/data-quality',
      sql: `SELECT q.id, q.record_number, q.received_at, q.force_code, q.reasons, q.raw
            FROM referral_receipts q
            WHERE q.state = 'quarantined' AND q.resolution IS NULL AND q.superseded_by IS NULL
            ORDER BY q.received_at, q.record_number LIMIT 50`,
      params: [],
    },
  ]

  const explained: string[] = [
    `# EXPLAIN (ANALYZE, BUFFERS) of the staff pages' bare queries`,
    '',
    `Written by bench/staff-pages.ts, ${new Date().toISOString().slice(0, 10)}: ${scale.victims} victims, ${scale.referrals} referrals (${db.kind} PostgreSQL).`,
    '',
  ]
  const results: string[] = []
  for (const page of pages) {
    const check = await fetch(base + page.path, {
      headers: { cookie: cookies[0] as string },
      redirect: 'manual',
    })
    if (check.status !== 200) throw new Error(`${page.path} answered ${check.status}`)
    const run = await load(base + page.path, cookies)
    const bare = await bareSql(db.url, page.sql, page.params)
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${page.sql}`, page.params)
    explained.push(`## ${page.name}`, '', '```sql', page.sql.replace(/\n\s+/g, '\n  '), '```', '', '```')
    explained.push(...plan.rows.map((r) => r['QUERY PLAN'] as string), '```', '')
    const line = `  ${page.name.padEnd(40)} page p50 ${run.latency.p50} ms p99 ${run.latency.p99} ms (${Math.round(run.requests.average)} req/s, ${run.non2xx} not 2xx, ${run.errors} errors) | bare SQL p50 ${bare.p50.toFixed(1)} ms p99 ${bare.p99.toFixed(1)} ms | p99 ratio ${(run.latency.p99 / bare.p99).toFixed(1)}x`
    console.log(line)
    results.push(line)
  }
  const out = join(import.meta.dirname, '..', 'docs', 'explain', 'staff-pages.md')
  await writeFile(out, `${explained.join('\n')}\n`)
  console.log(`  plans written to docs/explain/staff-pages.md`)
  await app.close()
  await pool.end()
} finally {
  await db.close()
}
