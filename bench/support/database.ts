import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import { createPool } from '../../src/db/database.ts'
import { startEmbeddedCluster } from '../../src/db/embedded.ts'
import { migrate } from '../../src/db/migrate.ts'

export type BenchDatabase = {
  pool: pg.Pool
  url: string
  kind: 'embedded' | 'server'
  close: () => Promise<void>
}

/**
 * A scratch, migrated database for one benchmark run: on the server in DATABASE_URL when set (a new
 * database, dropped afterwards), otherwise an embedded cluster in a temporary folder.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const name = `vh_bench_${randomBytes(4).toString('hex')}`
  const serverUrl = process.env.DATABASE_URL
  let adminUrl: string
  let stopCluster = async () => {}
  let scratch: string | undefined
  if (serverUrl) {
    adminUrl = serverUrl
  } else {
    scratch = await mkdtemp(join(tmpdir(), 'victim-hub-bench-'))
    const cluster = await startEmbeddedCluster(scratch)
    adminUrl = cluster.url('postgres')
    stopCluster = cluster.stop
  }
  const admin = createPool(adminUrl, 1)
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const pool = createPool(url.toString(), 5)
  await migrate(pool)
  return {
    pool,
    url: url.toString(),
    kind: serverUrl ? 'server' : 'embedded',
    close: async () => {
      await pool.end()
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
      await stopCluster()
      if (scratch) await rm(scratch, { recursive: true, force: true })
    },
  }
}
