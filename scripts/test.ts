// `npm test`: prepares one PostgreSQL for the whole run (embedded by default, or the server named by
// DATABASE_URL), migrates a template database once, then runs every *.test.ts file with Node's test runner.
// Each integration test file clones the template into a database of its own (test/support/database.ts).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPool } from '../src/db/database.ts'
import { startEmbeddedCluster } from '../src/db/embedded.ts'
import { migrate } from '../src/db/migrate.ts'

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'test']
const files: string[] = []
const walk = (path: string) => {
  if (statSync(path).isFile()) {
    if (path.endsWith('.test.ts')) files.push(path)
    return
  }
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') walk(join(path, entry))
}
for (const root of roots) walk(root)
files.sort()

const serverUrl = process.env.DATABASE_URL
let stopCluster = async () => {}
let adminUrl: string
let scratch: string | undefined
if (serverUrl) {
  adminUrl = serverUrl
  console.log(`Tests use the PostgreSQL server at ${new URL(serverUrl).host}`)
} else {
  scratch = await mkdtemp(join(tmpdir(), 'victim-hub-test-'))
  const cluster = await startEmbeddedCluster(scratch)
  adminUrl = cluster.url('postgres')
  stopCluster = cluster.stop
  console.log('Tests use an embedded PostgreSQL')
}

const template = `vh_test_template_${process.pid}`
const admin = createPool(adminUrl, 2)
await admin.query(`CREATE DATABASE ${template}`)
const templateUrl = new URL(adminUrl)
templateUrl.pathname = `/${template}`
const templatePool = createPool(templateUrl.toString(), 1)
await migrate(templatePool)
await templatePool.end()

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
    env: {
      // Command-line runs and hubs a test starts on a database server need an encryption key, as in
      // production; one made for this run unless the environment names one.
      VICTIM_HUB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...process.env,
      VICTIM_HUB_TEST_ADMIN_URL: adminUrl,
      VICTIM_HUB_TEST_TEMPLATE: template,
    },
  },
)
const code: number = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)))

// Remove whatever the run created, even databases a crashed test file left behind.
const { rows } = await admin.query<{ datname: string }>(
  'SELECT datname FROM pg_database WHERE datname LIKE $1',
  [`${template}%`],
)
for (const { datname } of rows.reverse()) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
await admin.end()
await stopCluster()
if (scratch) await rm(scratch, { recursive: true, force: true })
process.exit(code)
