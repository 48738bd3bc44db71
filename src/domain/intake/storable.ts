// What a record must be for the hub to keep it at all (docs/adr/0028): text PostgreSQL can store, no
// deeper than the feed needs, no larger than a line of a feed file. JSON allows more than PostgreSQL
// stores (the escape \u0000, a lone surrogate such as \ud800) and more than the feed means (any depth,
// any size), so a record sent over the API or as a JSON Lines line is checked here, before anything
// else, and a record that fails is quarantined with the reason, naming the field. The walk is a loop,
// not a recursion, so a record nested 50,000 levels deep is measured without exhausting the stack.

/** Levels of nesting a field's value may have below the record: a list of values, or a small object. */
export const MAX_VALUE_DEPTH = 4
/** Characters in a record's keys and strings together: the 1 MB a line of a feed file may hold. */
export const MAX_RECORD_CHARS = 1024 * 1024
/** Longest text kept of one value in a record refused for its size. */
const KEPT_CHARS = 1000
const NOT_KEPT = '[not kept: nested deeper than the feed allows]'

/** NUL, which no PostgreSQL text holds, or a UTF-16 surrogate without its pair, which is not text. */
const UNSTORABLE_SOURCE = String.raw`\x00|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`
const UNSTORABLE = new RegExp(UNSTORABLE_SOURCE)
const UNSTORABLE_ALL = new RegExp(UNSTORABLE_SOURCE, 'g')

export type StorableProblem =
  | { reason: `unstorable_text:${string}`; field: string }
  | { reason: `nested_too_deep:${string}`; field: string }
  | { reason: 'record_too_large'; field: null }

/** A key fit to name in a reason code (which is `prefix:field`): storable, short, no colon. */
export function fieldName(key: string): string {
  const name = key
    .replace(UNSTORABLE_ALL, '\uFFFD')
    .replaceAll(':', '_')
    .replace(/^\uFEFF+/, '')
  return name.length > 60 ? `${name.slice(0, 60)}…` : name
}

/** The first reason the record cannot be kept as it is, or null when it can. */
export function storableProblem(record: Record<string, unknown>): StorableProblem | null {
  let chars = 0
  let tooLarge = false
  let found: StorableProblem | null = null
  // Each entry: a value, the top-level field it sits in, and its depth below the record.
  const stack: [unknown, string, number][] = []
  for (const [key, value] of Object.entries(record)) {
    chars += key.length
    const field = fieldName(key)
    if (UNSTORABLE.test(key)) return { reason: `unstorable_text:${field}`, field }
    stack.push([value, field, 0])
  }
  while (stack.length > 0) {
    const [value, field, depth] = stack.pop() as [unknown, string, number]
    if (typeof value === 'string') {
      chars += value.length
      if (UNSTORABLE.test(value)) found ??= { reason: `unstorable_text:${field}`, field }
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_VALUE_DEPTH) {
        found ??= { reason: `nested_too_deep:${field}`, field }
        continue
      }
      for (const [key, inner] of Object.entries(value)) {
        chars += key.length
        if (UNSTORABLE.test(key)) found ??= { reason: `unstorable_text:${field}`, field }
        stack.push([inner, field, depth + 1])
      }
    }
    if (chars > MAX_RECORD_CHARS) {
      tooLarge = true
      break
    }
  }
  if (tooLarge) return { reason: 'record_too_large', field: null }
  return found
}

/**
 * The record as it can be kept for a data quality officer to see and correct: unstorable characters
 * become U+FFFD, values nested too deep are replaced by a note, and a record refused for its size keeps
 * only its top-level text values, each cut to 1,000 characters.
 */
export function storableCopy(
  record: Record<string, unknown>,
  problem: StorableProblem,
): Record<string, unknown> {
  const clean = (text: string) => text.replace(UNSTORABLE_ALL, '\uFFFD')
  if (problem.reason === 'record_too_large') {
    const out: Record<string, unknown> = {}
    let kept = 0
    for (const [key, value] of Object.entries(record)) {
      if (kept++ >= 200) break
      if (typeof value === 'string') out[clean(key).slice(0, 100)] = clean(value.slice(0, KEPT_CHARS))
      else if (typeof value !== 'object' || value === null) out[clean(key).slice(0, 100)] = value
    }
    return out
  }
  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return clean(value)
    if (value === null || typeof value !== 'object') return value
    if (depth > MAX_VALUE_DEPTH) return NOT_KEPT
    if (Array.isArray(value)) return value.map((v) => copy(v, depth + 1))
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) out[clean(key)] = copy(inner, depth + 1)
    return out
  }
  return copy(record, 0) as Record<string, unknown>
}
