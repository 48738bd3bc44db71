// Database for the needs assessment integration tests: the migrated per-file database `npm test` prepares,
// or, when run on its own, a scratch database on the local PostgreSQL (NA_TEST_PG_URL) migrated here.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrate } from '../../src/db/migrate.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

export const SAMPLE_DATA = process.env.VICTIM_HUB_SAMPLE_DATA ?? '/work/shared/data'

export async function needsAssessmentDatabase(): Promise<TestDatabase> {
  if (process.env.VICTIM_HUB_TEST_ADMIN_URL) return createTestDatabase()
  const adminUrl = process.env.NA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `na_test_${randomBytes(4).toString('hex')}`
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1 })
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const pool = new pg.Pool({ connectionString: url.toString(), max: 5 })
  await migrate(pool)
  return {
    pool,
    url: url.toString(),
    drop: async () => {
      await pool.end()
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}
