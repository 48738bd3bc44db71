// "Same content" for resend detection: two records with the same referral_id and the same
// fingerprint are one message sent twice; a different fingerprint is a referral_id_conflict.
import * as crypto from 'node:crypto'
import { FEED_FIELDS, type FieldSpec } from './fields.ts'
import { parseFlag, readTextValue, type SplitRecord, splitRecord } from './normalise.ts'

/** Bumped if the canonical form ever changes, so stored fingerprints are never compared across forms. */
export const FINGERPRINT_VERSION = 1

// sent_at differs on every resend by definition, so it cannot be part of "content".
const CONTENT_FIELDS = (FEED_FIELDS as readonly FieldSpec[])
  .map((spec, index) => ({
    spec,
    index,
    isCode:
      spec.kind === 'code' || spec.kind === 'force_code' || spec.kind === 'language' || spec.kind === 'flag',
  }))
  .filter(({ spec }) => spec.name !== 'sent_at')

// The text of JSON.stringify([FINGERPRINT_VERSION, canonicalContent(raw)]) falls into fixed pieces
// around each value: `[1,[["referral_id","` value `"],["force_code","` value … `"]]]`.
const TEXT_BEFORE_VALUE = CONTENT_FIELDS.map(
  ({ spec }, i) => `${i === 0 ? `[${FINGERPRINT_VERSION},[` : '"],'}[${JSON.stringify(spec.name)},"`,
)
const TEXT_AFTER_LAST_VALUE = '"]]]'

/**
 * The canonical text of one field. Deliberately literal: values are trimmed and codes case-folded,
 * but no other interpretation (a phone or date written two ways is different content, which a
 * person then looks at).
 */
function canonical(spec: FieldSpec, isCode: boolean, value: unknown): string {
  if (spec.kind === 'flag') {
    const flag = parseFlag(value)
    if (flag !== null) return flag
  }
  if (spec.kind === 'list') {
    // Most records leave their lists empty.
    if (value === undefined || value === null || value === '') return ''
    const parts = Array.isArray(value) ? value : [value]
    return parts
      .map((p) => readTextValue(p) ?? '')
      .join(';')
      .split(';')
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p !== '')
      .join(';')
  }
  const text = readTextValue(value)
  const t = text === undefined ? `\u0000${safeJson(value)}` : (text ?? '')
  return isCode ? t.toLowerCase() : t
}

/** JSON.stringify of a string without its quotes, skipped for the usual text that needs no escaping. */
function jsonStringContent(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // Quote, backslash and control characters are escaped, and so are lone surrogates: any surrogate
    // at all goes the slow way rather than telling pairs from lone ones here.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(text).slice(1, -1)
    }
  }
  return text
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** The canonical content as `[field, value]` pairs in spec order (useful in tests and diffs). */
export function canonicalContent(raw: Record<string, unknown>): [string, string][] {
  const { values } = splitRecord(raw ?? {})
  return CONTENT_FIELDS.map(({ spec, index, isCode }) => [spec.name, canonical(spec, isCode, values[index])])
}

/** SHA-256 (hex) of the canonical content of a raw record, ignoring sent_at and extra columns. */
export function fingerprint(raw: Record<string, unknown>): string {
  return fingerprintSplitRecord(splitRecord(raw ?? {}))
}

/** `fingerprint` for a record already split. */
export function fingerprintSplitRecord({ values }: SplitRecord): string {
  let payload = ''
  for (let i = 0; i < CONTENT_FIELDS.length; i++) {
    const { spec, index, isCode } = CONTENT_FIELDS[i] as (typeof CONTENT_FIELDS)[number]
    payload += (TEXT_BEFORE_VALUE[i] as string) + jsonStringContent(canonical(spec, isCode, values[index]))
  }
  return sha256Hex(payload + TEXT_AFTER_LAST_VALUE)
}

// crypto.hash (Node 20.12 and later) does in one call what createHash does in three.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')

/** The spec field names whose canonical content differs: tells a data quality officer what changed. */
export function contentDifferences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const ca = canonicalContent(a)
  const cb = canonicalContent(b)
  return ca.filter(([name, value], i) => cb[i]?.[0] === name && cb[i]?.[1] !== value).map(([name]) => name)
}
