import pg from 'pg'
import type { Config } from '../config/config.ts'
import { startEmbeddedCluster } from './embedded.ts'
import { migrate } from './migrate.ts'

// SQL `date` values stay 'YYYY-MM-DD' strings: turning them into JS Dates would shift them by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
// bigint counts fit comfortably in a JS number for this application's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

export type Database = {
  pool: pg.Pool
  url: string
  embedded: boolean
  close: () => Promise<void>
}

export const EMBEDDED_DATABASE = 'victim_hub'

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'victim-hub' })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  return pool
}

/** Opens the server named by DATABASE_URL, or starts the embedded cluster; then applies migrations. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void = () => {},
  options: { shareRunning?: boolean } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl)
    await checkServerVersion(pool)
    await migrate(pool)
    return { pool, url: config.databaseUrl, embedded: false, close: () => pool.end() }
  }
  const cluster = await startEmbeddedCluster(config.dataDir, log, options)
  try {
    const admin = createPool(cluster.url('postgres'), 1)
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE])
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`)
    await admin.end()
    const url = cluster.url(EMBEDDED_DATABASE)
    const pool = createPool(url)
    await migrate(pool)
    return {
      pool,
      url,
      embedded: true,
      close: async () => {
        await pool.end()
        await cluster.stop()
      },
    }
  } catch (error) {
    await cluster.stop()
    throw error
  }
}

async function checkServerVersion(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ server_version_num: string }>('SHOW server_version_num')
  const version = Number(rows[0]?.server_version_num)
  if (version < 150000) {
    throw new Error(`Victim Hub needs PostgreSQL 15 or later; DATABASE_URL points at version ${version}`)
  }
}
