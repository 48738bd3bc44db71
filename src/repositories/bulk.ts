import type { Queryable } from '../db/transaction.ts'

/**
 * Inserts many rows in one statement: the rows travel as one JSON array and PostgreSQL turns it into
 * typed rows (json arrays become SQL arrays, ISO strings become timestamps). One round trip per chunk
 * instead of one per row; `table` and `columns` are constants from the calling repository, never input.
 */
export async function insertMany(
  client: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return
  const list = columns.join(', ')
  await client.query(
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`,
    [JSON.stringify(rows)],
  )
}
