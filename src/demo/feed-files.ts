// Feed files as a police force would send them: CSV (RFC 4180) and JSON Lines, in every form the feed
// spec accepts (CRLF or LF, with or without a byte-order mark; flags as strings or JSON booleans).
import { FEED_FIELD_NAMES, FEED_FIELDS } from '../domain/referral-feed/fields.ts'

/** The spec's fields in spec order, then any extra fields in the order first seen. */
function columnsOf(records: readonly Record<string, string>[]): string[] {
  const columns: string[] = [...FEED_FIELD_NAMES]
  const seen = new Set(columns)
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k)
        columns.push(k)
      }
    }
  }
  return columns
}

export interface CsvOptions {
  /** RFC 4180 says CRLF; the feed accepts LF too. */
  lineEnding?: '\r\n' | '\n'
  bom?: boolean
}

/** CSV with a header row; every field quoted, inner quotes doubled (RFC 4180). */
export function toCsv(records: readonly Record<string, string>[], options: CsvOptions = {}): string {
  const eol = options.lineEnding ?? '\r\n'
  const columns = columnsOf(records)
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`
  const lines = [
    columns.map(quote).join(','),
    ...records.map((r) => columns.map((c) => quote(r[c] ?? '')).join(',')),
  ]
  return `${options.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`
}

export interface JsonlOptions {
  /** Flags as JSON `true`/`false`, blanks as `null`: the other form the spec accepts. */
  jsonTypes?: boolean
}

const FLAG_FIELDS = new Set<string>(FEED_FIELDS.filter((f) => f.kind === 'flag').map((f) => f.name))

/** JSON Lines: one object per line, same field names. */
export function toJsonl(records: readonly Record<string, string>[], options: JsonlOptions = {}): string {
  return records
    .map((r) => {
      if (!options.jsonTypes) return JSON.stringify(r)
      const o: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(r)) {
        const up = v.trim().toUpperCase()
        if (v.trim() === '') o[k] = null
        else if (FLAG_FIELDS.has(k) && (up === 'Y' || up === 'N')) o[k] = up === 'Y'
        else o[k] = v
      }
      return JSON.stringify(o)
    })
    .map((line) => `${line}\n`)
    .join('')
}
