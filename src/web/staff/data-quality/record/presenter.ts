import {
  assessRecord,
  CRIME_CATEGORY_CODES,
  type CrimeCategory,
  FEED_FIELDS,
  type FeedFieldName,
  fieldSpec,
} from '../../../../domain/referral-feed/index.ts'
import type { SeenRecord, StoredReceipt } from '../../../../services/data-quality/index.ts'
import { categoryLabel, describeReason, FIELD_LABELS, reasonField } from '../../../shared/referral-text.ts'
import { batchLabel, formatDateTime, sourceLabel } from '../queue/presenter.ts'
import { asText, fieldId } from './forms.ts'

const CONTACT_FIELDS: FeedFieldName[] = ['phone_mobile', 'phone_other', 'email', 'address_line1', 'postcode']
const SAFETY_FIELDS: FeedFieldName[] = ['safe_to_call', 'safe_to_text', 'safe_to_email', 'safe_to_write']

/** The fields an officer needs to look at for each reason, so they are shown first. */
export function fieldsFor(reasons: readonly string[]): FeedFieldName[] {
  const out = new Set<FeedFieldName>()
  for (const code of reasons) {
    if (code === 'no_contact_route') for (const f of CONTACT_FIELDS) out.add(f)
    else if (code === 'no_safe_channel') for (const f of [...CONTACT_FIELDS, ...SAFETY_FIELDS]) out.add(f)
    else if (code === 'implausible_date_of_birth') {
      out.add('date_of_birth')
      out.add('reported_at')
    } else if (code === 'invalid_value:sent_at') {
      out.add('sent_at')
      out.add('reported_at')
    } else if (code === 'explicit_consent_required') {
      out.add('consent_to_refer')
      out.add('crime_category')
      out.add('domestic_abuse')
      out.add('victim_type')
      out.add('date_of_birth')
    } else {
      const field = reasonField(code)
      if (field) out.add(field)
    }
  }
  return FEED_FIELDS.map((f) => f.name).filter((n) => out.has(n))
}

function hintFor(name: FeedFieldName): string | undefined {
  const spec = fieldSpec(name)
  if (!spec) return undefined
  switch (spec.kind) {
    case 'flag':
      return 'Y, N or U (unknown)'
    case 'date':
      return 'YYYY-MM-DD'
    case 'datetime':
      return 'YYYY-MM-DD, or a date and time like 2026-03-09T10:15:00Z'
    case 'code':
      return spec.codes ? `One of: ${spec.codes.join(', ')}` : undefined
    case 'list':
      return spec.codes ? `Any of, separated by semicolons: ${spec.codes.join(', ')}` : undefined
    case 'phone':
      return 'A UK phone number'
    case 'postcode':
      return 'A UK postcode'
    default:
      return undefined
  }
}

export type FieldInput = {
  id: string
  name: FeedFieldName
  label: string
  hint: string | undefined
  value: string
  error: { text: string } | undefined
  /** A field whose value is one of a list is chosen from it by name (the value sent is the code). */
  items?: { value: string; text: string; selected: boolean }[]
}

/** The crime categories by name; a value the police sent that is not one stays, marked as such. */
function categoryItems(value: string) {
  const known = CRIME_CATEGORY_CODES.map((code) => ({ value: code, text: categoryLabel(code) })).sort(
    (a, b) => a.text.localeCompare(b.text, 'en-GB'),
  )
  const unknown = value && !CRIME_CATEGORY_CODES.includes(value as CrimeCategory)
  return [
    { value: '', text: 'Choose a crime category', selected: value === '' },
    ...(unknown ? [{ value, text: `“${value}”, as sent: not a category in the feed`, selected: true }] : []),
    ...known.map((item) => ({ ...item, selected: item.value === value })),
  ]
}

const WITHHELD_HINT =
  'Withheld: this is a restricted record. Type a value only to correct this field; leave it empty to keep what was sent.'

/** This record and the one it clashes with, field by field; withheld fields say so on both sides. */
function clashRows(receipt: StoredReceipt, clash: StoredReceipt, withheld: readonly string[]) {
  return FEED_FIELDS.map((f) => f.name)
    .filter((n) => withheld.includes(n) || asText(receipt.raw[n]) !== '' || asText(clash.raw[n]) !== '')
    .map((n) => {
      const hidden = withheld.includes(n)
      const here = hidden ? 'Withheld' : asText(receipt.raw[n])
      const there = hidden ? 'Withheld' : asText(clash.raw[n])
      return { label: FIELD_LABELS[n], here, there, differs: !hidden && here !== there }
    })
}

export function recordView(
  seen: SeenRecord,
  form: { values?: Record<string, string>; errors?: { text: string; href: string }[] } = {},
) {
  const { receipt, batch, withheld, clash } = seen
  const raw = receipt.raw
  const open = receipt.state === 'quarantined' && !receipt.resolution && !receipt.supersededBy
  const errorFor = new Map<string, { text: string }>()
  for (const e of form.errors ?? []) {
    const id = e.href.slice(1)
    if (!errorFor.has(id)) errorFor.set(id, { text: e.text })
  }
  const input = (name: FeedFieldName): FieldInput => {
    const value = form.values?.[name] ?? asText(raw[name])
    return {
      id: fieldId(name),
      name,
      label: `${FIELD_LABELS[name]} (${name})`,
      hint: withheld.includes(name) ? WITHHELD_HINT : name === 'crime_category' ? undefined : hintFor(name),
      value,
      error: errorFor.get(fieldId(name)),
      ...(name === 'crime_category' ? { items: categoryItems(value) } : {}),
    }
  }
  const first = fieldsFor(receipt.reasons)
  const rest = FEED_FIELDS.map((f) => f.name).filter((n) => !first.includes(n))
  // Warnings are recomputed so they show even for records received before warnings were stored.
  const warnings = receipt.warnings.length
    ? receipt.warnings
    : withheld.length > 0
      ? []
      : assessRecord(raw, { now: receipt.receivedAt }).warnings
  const extras = Object.keys(raw).filter((k) => !FEED_FIELDS.some((f) => f.name === k))
  return {
    id: receipt.id,
    open,
    title:
      withheld.length > 0
        ? `Restricted record ${receipt.referralId ?? ''}`.trim()
        : [asText(raw.forename), asText(raw.surname)].filter(Boolean).join(' ') || 'Name missing',
    withheld: withheld.length > 0,
    clash: clash
      ? {
          id: clash.id,
          receivedAt: formatDateTime(clash.receivedAt),
          state: clash.state,
          rows: clashRows(receipt, clash, withheld),
        }
      : undefined,
    facts: [
      { key: { text: 'Received' }, value: { text: formatDateTime(receipt.receivedAt) } },
      { key: { text: 'Source' }, value: { text: sourceLabel(receipt.source) } },
      {
        key: { text: 'Batch' },
        value: {
          text: batch
            ? batchLabel({ startedAt: batch.startedAt, source: batch.source, fileName: batch.fileName })
            : receipt.batchId,
        },
      },
      { key: { text: 'Record number in batch' }, value: { text: String(receipt.recordNumber) } },
      { key: { text: 'Referral ID' }, value: { text: receipt.referralId ?? 'Missing' } },
      { key: { text: 'Force' }, value: { text: receipt.forceCode ?? 'Missing' } },
      { key: { text: 'Crime reference' }, value: { text: receipt.crimeReference ?? 'Missing' } },
    ],
    state: receipt.state,
    resolution: receipt.resolution
      ? {
          what: receipt.resolution === 'released' ? 'Released' : 'Rejected',
          by: receipt.resolvedByLabel ?? 'unknown',
          at: receipt.resolvedAt ? formatDateTime(receipt.resolvedAt) : '',
          reason: receipt.resolutionReason,
        }
      : undefined,
    superseded: Boolean(receipt.supersededBy),
    reasons: (receipt.quarantineReasons ?? receipt.reasons).map((code) => {
      const field = reasonField(code)
      return { text: describeReason(code), href: field && open ? `#${fieldId(field)}` : undefined }
    }),
    warnings: warnings.map(describeReason),
    firstFields: first.map(input),
    otherFields: rest.map(input),
    otherHasError: rest.some((n) => errorFor.has(fieldId(n))),
    extras: extras.map((k) => ({ key: { text: k }, value: { text: asText(raw[k]) } })),
  }
}
