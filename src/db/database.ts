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
  /**
   * Where reports read from: a pool on the read replica in DATABASE_READ_URL, whose connections refuse
   * writes, or the main pool itself when there is none.
   */
  readPool: pg.Pool
  url: string
  embedded: boolean
  close: () => Promise<void>
}

export const EMBEDDED_DATABASE = 'victim_hub'

/** Told of each connection the database server ended (a restart, an operator, a network cut). */
export type ConnectionLost = (error: Error) => void

/**
 * A pool on which a connection the server ends is reported once and dropped, and the next query opens
 * a new one. The pool itself listens only to its idle connections; one that is checked out (a
 * transaction between two of its queries) would otherwise raise an 'error' event nobody handles, which
 * ends the process. With a listener on every connection the query in progress, or the next one, fails
 * instead, its transaction rolls back and the broken connection leaves the pool when released.
 */
export function createPool(
  url: string,
  max = 10,
  onConnectionLost: ConnectionLost = () => {},
  options: { readOnly?: boolean } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'victim-hub',
    // A replica refuses writes anyway; read-only sessions make the primary refuse them too, so a write
    // that strays onto the read pool fails in every test run, not first in production.
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  })
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    let reported = false
    client.on('error', (error) => {
      if (!reported) onConnectionLost(error)
      reported = true
    })
  })
  return pool
}

/** What a log line needs of a database error: not the connection object it carries. */
export const describeDatabaseError = (error: unknown) => ({
  message: error instanceof Error ? error.message : String(error),
  code: (error as { code?: unknown } | null)?.code,
})

/**
 * Opens the server named by DATABASE_URL, or starts the embedded cluster; then applies migrations. With
 * DATABASE_READ_URL, also a pool on that read replica (it is checked to answer, and never migrated: it
 * follows the primary).
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseReadUrl' | 'dataDir'>,
  log: (message: string) => void = () => {},
  options: { shareRunning?: boolean; onConnectionLost?: ConnectionLost } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl, 10, options.onConnectionLost)
    const readPool = config.databaseReadUrl
      ? createPool(config.databaseReadUrl, 10, options.onConnectionLost, { readOnly: true })
      : pool
    const close = async () => {
      await pool.end()
      if (readPool !== pool) await readPool.end()
    }
    try {
      await checkServerVersion(pool, 'DATABASE_URL')
      await migrate(pool)
      if (readPool !== pool) await checkServerVersion(readPool, 'DATABASE_READ_URL')
    } catch (error) {
      await close()
      throw error
    }
    return { pool, readPool, url: config.databaseUrl, embedded: false, close }
  }
  const cluster = await startEmbeddedCluster(config.dataDir, log, options)
  try {
    const admin = createPool(cluster.url('postgres'), 1)
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE])
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`)
    await admin.end()
    const url = cluster.url(EMBEDDED_DATABASE)
    const pool = createPool(url, 10, options.onConnectionLost)
    await migrate(pool)
    return {
      pool,
      readPool: pool,
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

async function checkServerVersion(pool: pg.Pool, variable: string): Promise<void> {
  let answer: pg.QueryResult<{ server_version_num: string }>
  try {
    answer = await pool.query<{ server_version_num: string }>('SHOW server_version_num')
  } catch (error) {
    throw new Error(
      `Victim Hub cannot reach the database in ${variable}: ${describeDatabaseError(error).message}`,
      { cause: error },
    )
  }
  const version = Number(answer.rows[0]?.server_version_num)
  if (version < 150000) {
    throw new Error(`Victim Hub needs PostgreSQL 15 or later; ${variable} points at version ${version}`)
  }
}

/**
 * The database went away under a command: the server ended the session (a restart, a failover, an
 * administrator), the network dropped it, or the server could not be reached. Every write is in a
 * transaction, so such an error leaves whole work stored and the rest not.
 */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null
  const code = typeof e?.code === 'string' ? e.code : ''
  if (/^(57P0[123]|08\w{3})$/.test(code)) return true
  if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true
  // pg raises "…is not queryable" on a client whose connection failed earlier in the same command.
  return (
    typeof e?.message === 'string' &&
    /Connection terminated|connection (?:is )?closed|is not queryable/i.test(e.message)
  )
}
