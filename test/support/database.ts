import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { createPool } from '../../src/db/database.ts'

export type TestDatabase = { pool: pg.Pool; url: string; drop: () => Promise<void> }

/**
 * A fresh, fully migrated database of its own for one test file, cloned from the template that
 * `npm test` prepared. Run a test file on its own with `npm test -- path/to/file.test.ts`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.VICTIM_HUB_TEST_ADMIN_URL
  const template = process.env.VICTIM_HUB_TEST_TEMPLATE
  if (!adminUrl || !template) {
    throw new Error('Integration tests need the database prepared by `npm test` (npm test -- <file>)')
  }
  const name = `${template}_${randomBytes(4).toString('hex')}`
  const admin = createPool(adminUrl, 1)
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const pool = createPool(url.toString(), 5)
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
