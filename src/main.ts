import { performance } from 'node:perf_hooks'
import pino from 'pino'
import { ConfigError, loadConfig } from './config/config.ts'
import { describeDatabaseError, openDatabase } from './db/database.ts'
import { DataDirectoryInUseError, onStopSignal } from './db/embedded.ts'
import type { DemoCredential } from './demo/county.ts'
import { loadDemoData, loadDemoReferrals } from './demo/load.ts'
import { startBackgroundWork } from './jobs/background.ts'
import { createServices } from './services/index.ts'
import { withRuntimeSecrets } from './services/runtime-secrets.ts'
import { createApp } from './web/app.ts'
import { buildAssets } from './web/assets/build.ts'

const started = performance.now()
const log = pino({ name: 'victim-hub' })

async function main() {
  const config = loadConfig()
  await buildAssets()
  const database = await openDatabase(config, (message) => log.debug({ postgres: message }), {
    onConnectionLost: (error) =>
      log.warn(
        { err: describeDatabaseError(error) },
        'database connection lost; the next query opens a new one',
      ),
  })
  const services = createServices(
    database.pool,
    await withRuntimeSecrets(database, config),
    database.readPool,
  )
  const app = await createApp(services)
  // A web-only process (VICTIM_HUB_WORKER=false) leaves every job, and the audit checkpoint, to the
  // processes that run `victim-hub worker` or the default `npm start`.
  const stopBackgroundWork = config.runWorker
    ? await startBackgroundWork(services, database.url, log)
    : async () => {}

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'shutting down')
    await app.close().catch(() => {})
    await stopBackgroundWork().catch(() => {})
    await database.close().catch(() => {})
    process.exit(0)
  }
  // Web requests finish before the database stops.
  onStopSignal((signal) => void shutdown(signal))

  const credentials = config.demo.enabled
    ? (await loadDemoData(services, { ...config.demo, referrals: 0 })).credentials
    : undefined
  const address = await app.listen({ port: config.port, host: config.host })
  const url = config.publicUrl ?? address.replace('127.0.0.1', 'localhost')
  log.info(
    {
      startupMs: Math.round(performance.now() - started),
      database: database.embedded ? 'embedded' : 'server',
      readReplica: database.readPool !== database.pool,
      jobs: config.runWorker,
    },
    'ready',
  )
  printBanner(url, credentials)
  // A new demo's year of synthetic referrals goes in after listening, so first start stays quick.
  if (credentials) {
    loadDemoReferrals(services, config.demo).then(
      (loaded) => log.info({ referrals: loaded }, 'demo referrals loaded'),
      (error: unknown) => log.error({ err: error }, 'demo referrals could not be loaded'),
    )
  }
}

function printBanner(url: string, credentials: DemoCredential[] | undefined) {
  const lines = [
    '',
    `Victim Hub is running: ${url}`,
    `  Public front door: ${url}/`,
    `  Staff sign-in:     ${url}/sign-in`,
  ]
  if (credentials) {
    lines.push(
      '',
      'Demo accounts (shown once; the administrator sets up an authenticator app at first sign-in):',
    )
    for (const c of credentials) lines.push(`  ${c.role.padEnd(22)} ${c.email.padEnd(28)} ${c.password}`)
  }
  lines.push('', 'Press Ctrl+C to stop.', '')
  process.stdout.write(`${lines.join('\n')}\n`)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryInUseError) {
    process.stderr.write(`${error.message}\n`)
  } else {
    log.fatal({ err: error }, 'Victim Hub could not start')
  }
  process.exit(1)
})
