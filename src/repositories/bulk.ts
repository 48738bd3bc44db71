import { once } from 'node:events'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
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

// COPY text format: backslash, newline, carriage return and tab are escaped; \N is NULL.
const escapeCopy = (text: string): string =>
  /[\\\n\r\t]/.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
      )
    : text

// A text[] literal: every element double-quoted, with " and \ escaped inside.
const arrayLiteral = (items: readonly unknown[]): string =>
  `{${items
    .map((item) =>
      item === null || item === undefined ? 'NULL' : `"${String(item).replace(/["\\]/g, '\\$&')}"`,
    )
    .join(',')}}`

function copyValue(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N'
  if (json) return escapeCopy(JSON.stringify(value))
  if (typeof value === 'string') return escapeCopy(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return escapeCopy(arrayLiteral(value))
  return escapeCopy(JSON.stringify(value))
}

/**
 * Inserts many rows with COPY, the fastest way into PostgreSQL (no per-row parsing of SQL or JSON
 * beyond the jsonb columns). Runs inside the caller's transaction like any statement. `jsonColumns`
 * are written as JSON text; other arrays as text[] literals.
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  jsonColumns: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (rows.length === 0) return
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve)
    stream.on('error', reject)
  })
  const isJson = columns.map((c) => jsonColumns.has(c))
  let buffer = ''
  for (const row of rows) {
    const r = row as Record<string, unknown>
    let line = ''
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += '\t'
      line += copyValue(r[columns[i] as string], isJson[i] as boolean)
    }
    buffer += `${line}\n`
    if (buffer.length > 512 * 1024) {
      if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), done])
      buffer = ''
    }
  }
  stream.end(buffer)
  await done
}
