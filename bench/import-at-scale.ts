/**
 * Import speed as the hub grows. One generated referral file (the import-referrals generator) is
 * imported, exactly as `victim-hub import referrals` does it, into an empty hub and into a hub seeded
 * with national-size data (bench/support/national-seed.ts: COPY, not the import). Each import runs in a
 * child process of its own with the command's heap cap, so its peak RSS is the import's alone. Prints
 * both rates and their ratio (target >= 90%), candidate comparisons per record on the seeded hub
 * (target <= 10), peak RSS (target < 500 MB), and the import against the "storing the rows" ceiling
 * (the rows the empty hub's import stored, COPY'd back into empty copies of their tables: target >= 50%).
 *
 *   node --import tsx bench/import-at-scale.ts [--count 20000] [--victims 2000000] [--referrals 5000000]
 */
import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { loadConfig } from '../src/config/config.ts'
import { createPool } from '../src/db/database.ts'
import { blockingKeys, type MatchSubject } from '../src/domain/matching/candidate.ts'
import { findCandidateIdentities } from '../src/repositories/victim-identities.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { inspectFile } from '../src/services/intake/index.ts'
import { parseScale } from './national-seed.ts'
import { type BenchDatabase, openBenchDatabase } from './support/database.ts'
import { seedNational } from './support/national-seed.ts'

const STOP_KEY_CAP = 20 // as intake uses (src/services/intake/index.ts)

type ImportRun = { seconds: number; received: number; accepted: number; rssMb: number; batchId: string }

/** Child mode: import one file into the database at a URL and print what happened as JSON. */
async function importInto(url: string, csv: string): Promise<ImportRun> {
  const pool = createPool(url, 5)
  const services = createServices(
    pool,
    loadConfig({
      VICTIM_HUB_DEMO: 'false',
      SESSION_SECRET: 'bench-session-secret-long-enough-to-sign',
      LOG_LEVEL: 'silent',
    }),
  )
  const t0 = performance.now()
  const inspected = await inspectFile(csv, 'csv')
  const result = await services.intake.receiveFile(
    csv,
    'csv',
    {
      kind: 'police_feed',
      organisationId: null,
      fileName: 'referrals.csv',
      idempotencyKey: `sha256:${inspected.sha256}`,
    },
    SYSTEM_ACTOR,
    { includeRecords: false },
  )
  const seconds = (performance.now() - t0) / 1000
  const batch = await pool.query<{ id: string }>(
    "SELECT id FROM import_batches WHERE file_name = 'referrals.csv' ORDER BY started_at DESC LIMIT 1",
  )
  await pool.end()
  return {
    seconds,
    received: result.received,
    accepted: result.accepted,
    rssMb: process.resourceUsage().maxRSS / 1024,
    batchId: batch.rows[0]?.id as string,
  }
}

function runImport(url: string, csv: string): ImportRun {
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=512', '--import', 'tsx', import.meta.filename, '--import-into', url, '--csv', csv],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  )
  if (child.status !== 0) throw new Error(`the import failed: ${child.stdout}`)
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as ImportRun
}

/** Candidates the matcher meets, per stored identity of the batch, on the database as it now is. */
async function candidatesPerRecord(db: BenchDatabase, batchId: string, sample = 2000): Promise<number> {
  const { rows } = await db.pool.query<{ victim_id: string; subject: MatchSubject }>(
    `SELECT i.victim_id, i.subject FROM victim_identities i
     JOIN referral_receipts r ON r.id = i.receipt_id WHERE r.batch_id = $1
     ORDER BY i.id LIMIT $2`,
    [batchId, sample],
  )
  let total = 0
  for (const row of rows) {
    const found = await findCandidateIdentities(db.pool, blockingKeys(row.subject), STOP_KEY_CAP)
    total += new Set(found.map((f) => f.victimId).filter((v) => v !== row.victim_id)).size
  }
  return rows.length === 0 ? 0 : total / rows.length
}

/** Seconds to COPY exactly the rows the import stored back into empty copies of their tables. */
async function storingCeiling(db: BenchDatabase, scratch: string): Promise<number> {
  const tables = [
    'victims',
    'referral_receipts',
    'referrals',
    'victim_identities',
    'victim_match_keys',
    'victim_name_counts',
  ]
  let seconds = 0
  const client = await db.pool.connect()
  try {
    for (const table of tables) {
      const file = join(scratch, `${table}.copy`)
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(file))
      await client.query(`CREATE TABLE floor_${table} (LIKE ${table} INCLUDING ALL)`)
      const s0 = performance.now()
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY floor_${table} FROM STDIN`)))
      seconds += (performance.now() - s0) / 1000
      await client.query(`DROP TABLE floor_${table}`)
      await rm(file)
    }
  } finally {
    client.release()
  }
  return seconds
}

const argv = process.argv.slice(2)
if (argv[0] === '--import-into') {
  console.log(JSON.stringify(await importInto(argv[1] as string, argv[3] as string)))
  process.exit(0)
}
const scale = parseScale(argv)
let count = 20_000
for (let i = 0; i < scale.rest.length; i++) {
  if (scale.rest[i] === '--count') count = Number(scale.rest[++i])
  else throw new Error(`Unknown option ${scale.rest[i]}`)
}
const scratch = await mkdtemp(join(tmpdir(), 'vh-bench-scale-'))
const csv = join(scratch, 'referrals.csv')
const generated = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    join(import.meta.dirname, 'import-referrals.ts'),
    '--write-csv',
    csv,
    '--count',
    String(count),
    '--seed',
    String(scale.seed + 100),
  ],
  { stdio: 'inherit' },
)
if (generated.status !== 0) throw new Error('generating the CSV failed')
console.log(`${count} referrals, ${((await stat(csv)).size / 1e6).toFixed(1)} MB CSV`)

const empty = await openBenchDatabase()
const seeded = await openBenchDatabase()
try {
  console.log(`seeding ${scale.victims} victims, ${scale.referrals} referrals (${seeded.kind} PostgreSQL)`)
  const facts = await seedNational(seeded.url, { ...scale, progress: (l) => console.log(l) })
  console.log(`  seeded in ${facts.seconds.toFixed(0)} s`)

  const intoEmpty = runImport(empty.url, csv)
  const intoSeeded = runImport(seeded.url, csv)
  if (intoEmpty.received !== count || intoSeeded.received !== count)
    throw new Error('not every record was received')
  const emptyRate = count / intoEmpty.seconds
  const seededRate = count / intoSeeded.seconds
  const candidatesSeeded = await candidatesPerRecord(seeded, intoSeeded.batchId)
  const candidatesEmpty = await candidatesPerRecord(empty, intoEmpty.batchId)
  const storeSeconds = await storingCeiling(empty, scratch)
  const storeRate = count / storeSeconds

  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  console.log(
    `  into an empty hub   : ${Math.round(emptyRate)} records/s (${intoEmpty.seconds.toFixed(1)} s), peak RSS ${Math.round(intoEmpty.rssMb)} MB`,
  )
  console.log(
    `  into the seeded hub : ${Math.round(seededRate)} records/s (${intoSeeded.seconds.toFixed(1)} s), peak RSS ${Math.round(intoSeeded.rssMb)} MB (target < 500 MB)`,
  )
  console.log(`  ratio seeded/empty  : ${pct(seededRate / emptyRate)} (target >= 90%)`)
  console.log(
    `  candidates a record : ${candidatesSeeded.toFixed(1)} on the seeded hub, ${candidatesEmpty.toFixed(1)} on the empty one (target <= 10)`,
  )
  console.log(
    `  storing ceiling     : ${Math.round(storeRate)} records/s; import into an empty hub at ${pct(emptyRate / storeRate)} of it, into the seeded at ${pct(seededRate / storeRate)} (target >= 50%)`,
  )
} finally {
  await empty.close()
  await seeded.close()
  await rm(scratch, { recursive: true, force: true })
}
