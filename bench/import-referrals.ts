/**
 * Referral import throughput. Generates N synthetic police referrals (12 months before today) to a temp
 * CSV, then in the same database times (1) a raw COPY of the file into a plain all-text table, the
 * fastest PostgreSQL can take the rows in, and (2) our import of the same file exactly as
 * `victim-hub import referrals` does it (file check + sha256 pass, then the intake pipeline: validation,
 * resend and duplicate rules, victim matching, entitlements, deadlines). Prints records/s for both, the
 * ratio, and this process's peak RSS (the CSV is written by a child process so generating the data does
 * not count).
 *
 *   node --import tsx bench/import-referrals.ts [--count 200000] [--seed 1]
 *   (embedded PostgreSQL in a temp folder by default; DATABASE_URL=… to use a server)
 */
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { loadConfig } from '../src/config/config.ts'
import { generateReferrals } from '../src/demo/referrals.ts'
import { FEED_FIELD_NAMES } from '../src/domain/referral-feed/fields.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { inspectFile, readFeedFile } from '../src/services/intake/index.ts'
import { openBenchDatabase } from './support/database.ts'

function parseArgs(argv: readonly string[]) {
  const args = { count: 200_000, seed: 1, writeCsv: null as string | null }
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`)
      return v
    }
    const a = argv[i]
    if (a === '--count') args.count = Number(value())
    else if (a === '--seed') args.seed = Number(value())
    else if (a === '--write-csv') args.writeCsv = value()
    else throw new Error(`Unknown option ${a}`)
  }
  if (!Number.isInteger(args.count) || args.count < 1)
    throw new Error('--count must be a positive whole number')
  return args
}

const DAY = 86_400_000

/** Writes the CSV in slices of 10,000 so generating 200,000 records never holds them all. */
async function writeCsv(path: string, count: number, seed: number): Promise<void> {
  const out = createWriteStream(path)
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`
  out.write(`${FEED_FIELD_NAMES.map(quote).join(',')}\r\n`)
  const end = Date.now() - DAY
  const start = end - 365 * DAY
  const slice = 10_000
  const slices = Math.ceil(count / slice)
  for (let s = 0; s < slices; s++) {
    const n = Math.min(slice, count - s * slice)
    const from = new Date(start + ((end - start) * s) / slices)
    const to = new Date(start + ((end - start) * (s + 1)) / slices)
    const lines = generateReferrals({ seed: seed * 1000 + s, count: n, from, to }).map(
      (r) => `${FEED_FIELD_NAMES.map((f) => quote(r[f] ?? '')).join(',')}\r\n`,
    )
    if (!out.write(lines.join(''))) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

const args = parseArgs(process.argv.slice(2))
if (args.writeCsv) {
  await writeCsv(args.writeCsv, args.count, args.seed)
  process.exit(0)
}

const scratch = await mkdtemp(join(tmpdir(), 'vh-bench-referrals-'))
const csv = join(scratch, 'referrals.csv')
const generated = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    import.meta.filename,
    '--write-csv',
    csv,
    '--count',
    String(args.count),
    '--seed',
    String(args.seed),
  ],
  { stdio: 'inherit' },
)
if (generated.status !== 0) throw new Error('generating the CSV failed')
const size = (await stat(csv)).size
const db = await openBenchDatabase()
try {
  console.log(`${args.count} referrals, ${(size / 1e6).toFixed(1)} MB CSV, ${db.kind} PostgreSQL`)

  // Baseline: the same rows, COPY'd as text into a plain table with no checks, keys or indexes.
  const columns = FEED_FIELD_NAMES.map((f) => `${f} text`).join(', ')
  await db.pool.query(`CREATE TABLE copy_baseline (${columns})`)
  const client = await db.pool.connect()
  let copySeconds: number
  try {
    const t0 = performance.now()
    await pipeline(
      createReadStream(csv),
      client.query(copyFrom('COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')),
    )
    copySeconds = (performance.now() - t0) / 1000
  } finally {
    client.release()
  }
  await db.pool.query('DROP TABLE copy_baseline')
  const copyRate = args.count / copySeconds

  const services = createServices(
    db.pool,
    loadConfig({
      VICTIM_HUB_DEMO: 'false',
      SESSION_SECRET: 'bench-session-secret-long-enough-to-sign',
      LOG_LEVEL: 'silent',
    }),
  )
  const t0 = performance.now()
  const inspected = await inspectFile(csv, 'csv')
  const t1 = performance.now()
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
  const t2 = performance.now()
  const ourSeconds = (t2 - t0) / 1000
  const ourRate = result.received / ourSeconds
  const rssMb = process.resourceUsage().maxRSS / 1024

  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM referral_receipts')
  if (rows[0]?.n !== args.count || result.received !== args.count) {
    throw new Error(
      `expected ${args.count} stored records, found ${rows[0]?.n} (reported ${result.received})`,
    )
  }
  // Two ceilings, to say how much of the gap to raw COPY any implementation could close:
  // (1) reading the file once with the CSV library and nothing else (the import reads it twice: once to
  //     check the whole file and take its sha256 before anything is stored, once to import it);
  const r0 = performance.now()
  let read = 0
  for await (const _ of readFeedFile(csv, 'csv')) read++
  const readSeconds = (performance.now() - r0) / 1000
  // (2) storing exactly the rows our import stored, already serialised, with no checks or matching:
  //     each table's rows COPY'd out, then timed COPY'd back into an empty copy with the same indexes.
  const STORED_TABLES = [
    'victims',
    'referral_receipts',
    'referrals',
    'victim_identities',
    'victim_match_keys',
    'victim_name_counts',
  ]
  let storeSeconds = 0
  const storeClient = await db.pool.connect()
  try {
    for (const table of STORED_TABLES) {
      const file = join(scratch, `${table}.copy`)
      await pipeline(storeClient.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(file))
      await storeClient.query(`CREATE TABLE floor_${table} (LIKE ${table} INCLUDING ALL)`)
      const s0 = performance.now()
      await pipeline(createReadStream(file), storeClient.query(copyFrom(`COPY floor_${table} FROM STDIN`)))
      storeSeconds += (performance.now() - s0) / 1000
      await storeClient.query(`DROP TABLE floor_${table}`)
      await rm(file)
    }
  } finally {
    storeClient.release()
  }

  console.log(
    `  reconciliation: received ${result.received} = accepted ${result.accepted} + duplicate ${result.duplicate}` +
      ` + quarantined ${result.quarantined} + consent_refused ${result.consent_refused}`,
  )
  console.log(`  raw COPY baseline : ${Math.round(copyRate)} records/s (${copySeconds.toFixed(2)} s)`)
  console.log(
    `  our import        : ${Math.round(ourRate)} records/s (${ourSeconds.toFixed(2)} s: check pass ${((t1 - t0) / 1000).toFixed(2)} s, pipeline ${((t2 - t1) / 1000).toFixed(2)} s)`,
  )
  console.log(`  ratio             : ${((100 * ourRate) / copyRate).toFixed(1)}% of raw COPY (target >= 25%)`)
  console.log(`  peak RSS          : ${Math.round(rssMb)} MB (target < 500 MB)`)
  const pct = (seconds: number) => `${((100 * (args.count / seconds)) / copyRate).toFixed(1)}% of raw COPY`
  console.log('  ceilings (each alone, no other work):')
  console.log(
    `    read the CSV once with the CSV library : ${Math.round(read / readSeconds)} records/s (${readSeconds.toFixed(2)} s, ${pct(readSeconds)}; the import reads it twice)`,
  )
  console.log(
    `    store the rows our import stored       : ${Math.round(args.count / storeSeconds)} records/s (${storeSeconds.toFixed(2)} s, ${pct(storeSeconds)})`,
  )
} finally {
  await db.close()
  await rm(scratch, { recursive: true, force: true })
}
