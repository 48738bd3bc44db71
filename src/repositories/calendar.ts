// The bank holiday files an administrator imported (`victim-hub holidays import`): the working-day
// calendar every deadline is counted on (intake, triage and each Victims' Code deadline).
import type { Queryable } from '../db/transaction.ts'
import { camelRow } from './rows.ts'

export type CalendarMeta = {
  id: number
  division: string
  firstYear: number
  lastYear: number
  holidayCount: number
  sha256: string
  sourceFile: string | null
  importedByLabel: string
  importedAt: Date
}

export async function latestCalendarId(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT max(id) AS id FROM bank_holiday_calendars')
  return rows[0]?.id ?? null
}

export async function findCalendar(
  db: Queryable,
  id: number,
): Promise<(CalendarMeta & { data: unknown }) | undefined> {
  const { rows } = await db.query(
    `SELECT id, division, first_year, last_year, holiday_count, sha256, source_file, imported_by_label,
       imported_at, data
     FROM bank_holiday_calendars WHERE id = $1`,
    [id],
  )
  return rows[0] ? camelRow<CalendarMeta & { data: unknown }>(rows[0]) : undefined
}

export async function insertCalendar(
  db: Queryable,
  values: Omit<CalendarMeta, 'id' | 'importedAt'> & { data: unknown },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO bank_holiday_calendars (division, first_year, last_year, holiday_count, data, sha256, source_file,
       imported_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      values.division,
      values.firstYear,
      values.lastYear,
      values.holidayCount,
      JSON.stringify(values.data),
      values.sha256,
      values.sourceFile,
      values.importedByLabel,
    ],
  )
  return (rows[0] as { id: number }).id
}
