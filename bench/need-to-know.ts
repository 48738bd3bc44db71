/**
 * What need to know costs where records are read (docs/adr/0025): with N synthetic police referrals
 * stored and triaged, the median time of one first-contact queue page (50 rows and the count) and of
 * one referral's triage, for viewers of each scope: the first-contact team (every restricted record: no
 * predicate), the ISVA team's manager (its own pathway), a hate crime caseworker (no restricted record)
 * and an IDVA specialist worker (routed to its pathway).
 *
 *   node --import tsx bench/need-to-know.ts [--count 20000] [--runs 25]
 *   (embedded PostgreSQL in a temp folder by default; DATABASE_URL=… to use a server)
 */
import { loadConfig } from '../src/config/config.ts'
import { generateReferrals } from '../src/demo/referrals.ts'
import { scopeOf } from '../src/domain/victims/access-policy.ts'
import { findTriageDetail, queue } from '../src/repositories/first-contact-queue.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { openBenchDatabase } from './support/database.ts'

const DAY = 86_400_000
const args = { count: 20_000, runs: 25 }
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  const v = Number(argv[i + 1])
  if (argv[i] === '--count') args.count = v
  else if (argv[i] === '--runs') args.runs = v
  else throw new Error(`Unknown option ${argv[i]}`)
  i++
  if (!Number.isInteger(v) || v < 1) throw new Error(`${argv[i - 1]} must be a positive whole number`)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const viewers = [
  {
    label: 'first-contact caseworker',
    viewer: { role: 'hub_caseworker' as const, teamPathway: 'general_support' },
  },
  { label: 'ISVA team manager', viewer: { role: 'team_manager' as const, teamPathway: 'sexual_violence' } },
  { label: 'hate crime caseworker', viewer: { role: 'hub_caseworker' as const, teamPathway: 'hate_crime' } },
  {
    label: 'IDVA specialist worker',
    viewer: { role: 'specialist_worker' as const, teamPathway: 'domestic_abuse' },
  },
]

const db = await openBenchDatabase()
try {
  const services = createServices(
    db.pool,
    loadConfig({ VICTIM_HUB_DEMO: 'false', SESSION_SECRET: 'b'.repeat(40) }),
  )
  const end = Date.now() - DAY
  const feed = generateReferrals({
    seed: 1,
    count: args.count,
    from: new Date(end - 365 * DAY),
    to: new Date(end),
  })
  const received = await services.intake.receive(
    feed,
    { kind: 'police_feed', organisationId: null },
    SYSTEM_ACTOR,
    {
      includeRecords: false,
    },
  )
  await services.triage.ensureSeeded()
  await services.triage.triagePending()
  const ids = (
    await db.pool.query<{ id: string }>('SELECT id FROM referrals ORDER BY random() LIMIT $1', [args.runs])
  ).rows.map((r) => r.id)
  console.log(
    `Need to know benchmark (${db.kind}): ${received.accepted.toLocaleString('en-GB')} accepted referrals`,
  )
  for (const { label, viewer } of viewers) {
    const scope = scopeOf(viewer)
    const pages: number[] = []
    const details: number[] = []
    let total = 0
    for (let i = 0; i < args.runs; i++) {
      const start = performance.now()
      total = (await queue(db.pool, { scope, limit: 50, offset: 0 })).total
      pages.push(performance.now() - start)
      const one = performance.now()
      await findTriageDetail(db.pool, ids[i] as string, scope)
      details.push(performance.now() - one)
    }
    console.log(
      `  ${label.padEnd(26)} queue page ${median(pages).toFixed(1).padStart(7)} ms (${total.toLocaleString('en-GB')} listed)   one referral ${median(details).toFixed(2).padStart(6)} ms`,
    )
  }
} finally {
  await db.close()
}
