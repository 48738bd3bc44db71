import type pg from 'pg'
import { migrate } from './migrate.ts'

/** Empties the database completely and migrates it afresh. Only the demo-data --reset command uses this. */
export async function resetDatabase(pool: pg.Pool): Promise<void> {
  await pool.query('DROP SCHEMA public CASCADE')
  await pool.query('CREATE SCHEMA public')
  await migrate(pool)
}
