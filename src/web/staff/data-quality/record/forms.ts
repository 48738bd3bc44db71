// Corrections to a quarantined record are checked with the feed's own rules before anything is sent:
// a correction that still fails names each field and changes nothing.
import { z } from 'zod'
import { FEED_FIELD_NAMES, type FeedFieldName } from '../../../../domain/referral-feed/index.ts'
import type { FormError } from '../../../forms.ts'
import { parseForm } from '../../../forms.ts'
import { describeReason, reasonField } from '../../../shared/referral-text.ts'

export const fieldId = (name: string) => `field-${name}`

/** The record's value as it would be typed into a text box. */
export const asText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : Array.isArray(value)
      ? value.join(';')
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)

export type CorrectionResult =
  | { ok: true; corrections: Partial<Record<FeedFieldName, string>>; values: Record<string, string> }
  | { ok: false; errors: FormError[]; values: Record<string, string> }

/**
 * The fields the officer changed (compared with what was received) and whether the corrected record
 * would pass the record checks now (`reasonsAfter`, which the service runs on the whole record). Only
 * changed fields are sent, so an untouched field keeps its original type (a JSON `true` stays `true`).
 * A withheld field (docs/adr/0026) is shown empty, so only a value typed into it is a correction.
 */
export function parseCorrections(
  raw: Record<string, unknown>,
  body: unknown,
  reasonsAfter: (corrections: Record<string, string>) => readonly string[],
  withheld: readonly string[] = [],
): CorrectionResult {
  const posted = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const corrections: Partial<Record<FeedFieldName, string>> = {}
  const values: Record<string, string> = {}
  const errors: FormError[] = []
  for (const name of FEED_FIELD_NAMES) {
    const value = posted[name]
    if (typeof value !== 'string') continue
    if (value.length > 2000) {
      errors.push({ text: `${name} must be 2,000 characters or fewer`, href: `#${fieldId(name)}` })
      continue
    }
    values[name] = value
    if (withheld.includes(name)) {
      if (value.trim() !== '') corrections[name] = value.trim()
    } else if (value.trim() !== asText(raw[name]).trim()) corrections[name] = value.trim()
  }
  if (errors.length) return { ok: false, errors, values }
  const reasons = reasonsAfter(corrections as Record<string, string>)
  if (reasons.length > 0) {
    return {
      ok: false,
      values,
      errors: reasons.map((code) => {
        const field = reasonField(code)
        return { text: describeReason(code), href: field ? `#${fieldId(field)}` : '#fields' }
      }),
    }
  }
  return { ok: true, corrections, values }
}

const rejectSchema = z.object({
  reason: z
    .string({ message: 'Enter why you are rejecting this record' })
    .trim()
    .min(1, 'Enter why you are rejecting this record')
    .max(1000, 'The reason must be 1,000 characters or fewer'),
})
export const parseReject = (body: unknown) => parseForm(rejectSchema, body)
