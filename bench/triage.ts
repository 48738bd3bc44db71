/**
 * Triage throughput. Generates N synthetic police referrals over the 12 months before today (generation
 * and feed parsing do not count: they are intake's), then times, per record:
 *   - pure triage in-process: Victims' Code entitlements, police and first-contact deadlines on the
 *     working-day calendar, THRIVE priority and routing against the default rule set with capacity
 *     (a capacity ledger that every routed referral fills, as the service does);
 *   - a baseline measured in the same run: a fixed crime-category-to-pathway lookup plus one
 *     addWorkingDays call (the least any triage could do), for the ratio;
 *   - the database path, when --db-count > 0: that many referrals stored by intake, then timed
 *     `services.triage.triagePending()` (read, route, write triage rows and routing history).
 *
 *   node --import tsx bench/triage.ts [--count 200000] [--seed 1] [--db-count 20000]
 *   (embedded PostgreSQL in a temp folder by default; DATABASE_URL=… to use a server)
 */
import { loadConfig } from '../src/config/config.ts'
import { generateReferrals } from '../src/demo/referrals.ts'
import { loadDefaultCalendar } from '../src/domain/calendar/bank-holidays.ts'
import { addWorkingDays } from '../src/domain/calendar/working-days.ts'
import { computeDeadlines } from '../src/domain/entitlements/deadlines.ts'
import type { NormalisedReferral } from '../src/domain/referral-feed/normalise.ts'
import { CapacityLedger } from '../src/domain/triage/capacity.ts'
import { defaultRoutingRuleSet } from '../src/domain/triage/default-routing-rules.ts'
import { entitlementsOf, normaliseForTriage, triageInputFromRecord } from '../src/domain/triage/feed-input.ts'
import { PATHWAYS, PROVIDERS } from '../src/domain/triage/pathways.ts'
import { triageOne } from '../src/domain/triage/triage-one.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { openBenchDatabase } from './support/database.ts'

const DAY = 86_400_000

function parseArgs(argv: readonly string[]) {
  const args = { count: 200_000, seed: 1, dbCount: 20_000 }
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`)
      return Number(v)
    }
    const a = argv[i]
    if (a === '--count') args.count = value()
    else if (a === '--seed') args.seed = value()
    else if (a === '--db-count') args.dbCount = value()
    else throw new Error(`Unknown option ${a}`)
  }
  if (!Number.isInteger(args.count) || args.count < 1)
    throw new Error('--count must be a positive whole number')
  if (!Number.isInteger(args.dbCount) || args.dbCount < 0) throw new Error('--db-count must be 0 or more')
  return args
}

function generate(count: number, seed: number, end: number) {
  const records: NormalisedReferral[] = []
  const slice = 20_000
  const start = end - 365 * DAY
  const slices = Math.ceil(count / slice)
  for (let s = 0; s < slices; s++) {
    const n = Math.min(slice, count - s * slice)
    const from = new Date(start + ((end - start) * s) / slices)
    const to = new Date(start + ((end - start) * (s + 1)) / slices)
    for (const raw of generateReferrals({ seed: seed + s, count: n, from, to })) {
      const record = normaliseForTriage(raw)
      if (record) records.push(record)
    }
  }
  // Referrals arrive in the order they were sent.
  return records.sort((a, b) => ((a.sent_at as string) < (b.sent_at as string) ? -1 : 1))
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB')

const args = parseArgs(process.argv.slice(2))
const end = Date.now() - DAY
const records = generate(args.count, args.seed, end)
const calendar = loadDefaultCalendar()
console.log(`Triage benchmark: ${fmt(records.length)} triageable referrals (of ${fmt(args.count)} generated)`)

// Baseline: a fixed lookup and one deadline.
const lookup = new Map(PATHWAYS.map((p) => [p.id as string, p.id]))
const baselineStart = performance.now()
let baselineSink = 0
for (const r of records) {
  const pathway = lookup.get(r.crime_category === 'fraud' ? 'fraud' : 'general_support')
  const due = addWorkingDays(calendar, r.sent_at as string, 2)
  if (pathway && 'date' in due) baselineSink += 1
}
const baselineMs = performance.now() - baselineStart

// Triage: entitlements, deadlines, THRIVE, routing with capacity.
const ledger = new CapacityLedger(
  PROVIDERS.map((p) => ({
    id: p.id,
    monthlyReferralCapacity: p.monthlyReferralCapacity,
    activeCaseCapacity: p.activeCaseCapacity,
    expectedWaitDays: null,
    timeLimited: PATHWAYS.find((w) => w.id === p.pathway)?.timeLimited ?? true,
  })),
)
const pathwayCounts = new Map<string, number>()
let allFull = 0
let noDeadline = 0
const triageStart = performance.now()
for (const r of records) {
  const entitlements = entitlementsOf(r)
  // The hub receives each record when it is sent (the feed sends as it records).
  const deadlines = computeDeadlines(
    {
      reportedAt: r.reported_at,
      sentAt: r.sent_at,
      receivedAt: r.sent_at as string,
      enhanced: entitlements.enhanced,
    },
    calendar,
  )
  const input = triageInputFromRecord(r, entitlements.enhanced)
  const outcome = triageOne(input, defaultRoutingRuleSet, ledger, Date.parse(r.sent_at as string))
  const pathway = outcome.route.pathway ?? 'none'
  pathwayCounts.set(pathway, (pathwayCounts.get(pathway) ?? 0) + 1)
  if (outcome.route.warnings.includes('all_providers_full')) allFull += 1
  if (!deadlines.first_contact_due) noDeadline += 1
}
const triageMs = performance.now() - triageStart

const baselineRate = (records.length / baselineMs) * 1000
const triageRate = (records.length / triageMs) * 1000
console.log('')
console.log(
  `  baseline (category lookup + one deadline)  ${fmt(baselineRate).padStart(12)} records/s  (${fmt(baselineMs)} ms)`,
)
console.log(
  `  triage, pure, in-process                   ${fmt(triageRate).padStart(12)} records/s  (${fmt(triageMs)} ms)`,
)
console.log(`  ratio triage / baseline                    ${(triageRate / baselineRate).toFixed(3)}`)
console.log(
  `  all providers full: ${fmt(allFull)}; no first-contact deadline: ${fmt(noDeadline)}; sink ${baselineSink}`,
)
console.log(
  `  pathways: ${[...pathwayCounts]
    .sort((a, b) => b[1] - a[1])
    .map(([p, n]) => `${p} ${fmt(n)}`)
    .join(', ')}`,
)

if (args.dbCount > 0) {
  const db = await openBenchDatabase()
  try {
    const services = createServices(
      db.pool,
      loadConfig({ VICTIM_HUB_DEMO: 'false', SESSION_SECRET: 'b'.repeat(40) }),
    )
    const to = new Date(end)
    const feed = generateReferrals({
      seed: args.seed,
      count: args.dbCount,
      from: new Date(end - 365 * DAY),
      to,
    })
    const intakeStart = performance.now()
    const received = await services.intake.receive(
      feed,
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      {
        includeRecords: false,
      },
    )
    const intakeMs = performance.now() - intakeStart
    await services.triage.ensureSeeded()
    const dbStart = performance.now()
    const { triaged } = await services.triage.triagePending()
    const dbMs = performance.now() - dbStart
    const dbRate = (triaged / dbMs) * 1000
    console.log('')
    console.log(
      `  database path (${db.kind}): ${fmt(received.accepted)} accepted of ${fmt(received.received)} received`,
    )
    console.log(
      `  intake, for reference                      ${fmt((received.received / intakeMs) * 1000).padStart(12)} records/s`,
    )
    console.log(
      `  triagePending (read, route, write)         ${fmt(dbRate).padStart(12)} records/s  (${fmt(dbMs)} ms, ${fmt(triaged)} triaged)`,
    )
    console.log(`  ratio database path / pure triage          ${(dbRate / triageRate).toFixed(3)}`)
  } finally {
    await db.close()
  }
}
