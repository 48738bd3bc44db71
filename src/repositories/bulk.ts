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

// COPY text format: backslash, newline, carriage return and tab are escaped; \N is NULL. Most values
// hold none of them, and a scan for them is much cheaper than a replace.
const COPY_SPECIAL = /[\\\n\r\t]/
const escapeCopy = (text: string): string =>
  COPY_SPECIAL.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
      )
    : text

// JSON text never holds a raw newline, return or tab (JSON.stringify escapes them), so only its
// backslashes need doubling.
const escapeJson = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json)

// A text[] literal: every element double-quoted, with " and \ escaped inside.
const arrayLiteral = (items: readonly unknown[]): string =>
  `{${items
    .map((item) =>
      item === null || item === undefined ? 'NULL' : `"${String(item).replace(/["\\]/g, '\\$&')}"`,
    )
    .join(',')}}`

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'string') return escapeCopy(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.length === 0 ? '{}' : escapeCopy(arrayLiteral(value))
  return escapeJson(JSON.stringify(value))
}

function copyJson(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  return escapeJson(JSON.stringify(value))
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
  done.catch(() => {})
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()))
  try {
    const serialisers = columns.map((c) => (jsonColumns.has(c) ? copyJson : copyValue))
    const last = columns.length - 1
    let buffer = ''
    for (const row of rows) {
      const r = row as Record<string, unknown>
      for (let i = 0; i < last; i++) {
        buffer += (serialisers[i] as typeof copyValue)(r[columns[i] as string])
        buffer += '\t'
      }
      buffer += (serialisers[last] as typeof copyValue)(r[columns[last] as string])
      buffer += '\n'
      if (buffer.length > 1024 * 1024) {
        if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), done])
        buffer = ''
      }
    }
    stream.end(buffer)
    await done
  } catch (error) {
    // A value that cannot be written (or a failure of the copy itself) ends the COPY at once: destroy
    // sends CopyFail, and the connection is back in the caller's (failed) transaction when the server
    // answers. Left open, the copy would hold the connection, and the locks of its transaction, forever.
    if (!stream.closed) {
      stream.destroy(error instanceof Error ? error : new Error(String(error)))
      await closed
    }
    throw error
  }
}
