// "Same content" for resend detection: two records with the same referral_id and the same
// fingerprint are one message sent twice; a different fingerprint is a referral_id_conflict.
import { createHash } from 'node:crypto'
import { FEED_FIELDS, type FieldSpec } from './fields.ts'
import { parseFlag, readText, splitRaw } from './normalise.ts'

/** Bumped if the canonical form ever changes, so stored fingerprints are never compared across forms. */
export const FINGERPRINT_VERSION = 1

// sent_at differs on every resend by definition, so it cannot be part of "content".
const CONTENT_FIELDS = (FEED_FIELDS as readonly FieldSpec[]).filter((f) => f.name !== 'sent_at')

/**
 * The canonical text of one field. Deliberately literal: values are trimmed and codes case-folded,
 * but no other interpretation (a phone or date written two ways is different content, which a
 * person then looks at).
 */
function canonical(spec: FieldSpec, value: unknown): string {
  if (spec.kind === 'flag') {
    const flag = parseFlag(value)
    if (flag !== null) return flag
  }
  if (spec.kind === 'list') {
    const parts = Array.isArray(value) ? value : [value]
    return parts
      .map((p) => readText(p).text ?? '')
      .join(';')
      .split(';')
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p !== '')
      .join(';')
  }
  const { text, ok } = readText(value)
  const t = ok ? (text ?? '') : `\u0000${safeJson(value)}`
  const isCode =
    spec.kind === 'code' || spec.kind === 'force_code' || spec.kind === 'language' || spec.kind === 'flag'
  return isCode ? t.toLowerCase() : t
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
  const { fields } = splitRaw(raw ?? {})
  return CONTENT_FIELDS.map((spec) => [spec.name, canonical(spec, fields[spec.name as keyof typeof fields])])
}

/** SHA-256 (hex) of the canonical content of a raw record, ignoring sent_at and extra columns. */
export function fingerprint(raw: Record<string, unknown>): string {
  const payload = JSON.stringify([FINGERPRINT_VERSION, canonicalContent(raw)])
  return createHash('sha256').update(payload, 'utf8').digest('hex')
}

/** The spec field names whose canonical content differs: tells a data quality officer what changed. */
export function contentDifferences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const ca = canonicalContent(a)
  const cb = canonicalContent(b)
  return ca.filter(([name, value], i) => cb[i]?.[0] === name && cb[i]?.[1] !== value).map(([name]) => name)
}
