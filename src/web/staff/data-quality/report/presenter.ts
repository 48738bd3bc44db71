import { z } from 'zod'
import { parseDate } from '../../../../domain/referral-feed/index.ts'
import type {
  ReportFilter,
  ReportReasonRow,
  ReportTotalsRow,
} from '../../../../services/data-quality/index.ts'
import type { FormError } from '../../../forms.ts'
import {
  type DateParts,
  isoToParts,
  londonToday,
  readDateInput,
  readDateParts,
} from '../../../shared/date-input.ts'
import { describeReason, reasonShortLabel } from '../../../shared/referral-text.ts'
import { batchLabel, sourceFilterFields } from '../queue/presenter.ts'

const DAY = 86_400_000
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY)

const querySchema = z.object({
  ...sourceFilterFields,
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  period: z.enum(['day', 'week', 'month']).catch('week'),
})

/**
 * The report's filters. Defaults: the last 12 weeks by week. A range too long for its period is shown
 * in longer periods (days up to 62, weeks up to 2 years), so the table stays readable.
 */
export function parseReportQuery(query: unknown, today = londonToday()): ReportFilter {
  return readReportQuery(query, today).filter
}

/**
 * The dates come from two GOV.UK date inputs (`from-day`, `from-month`, `from-year` and the same for
 * `to`); `from` and `to` as ISO dates are still read, for the CSV link and bookmarks. A date that is
 * not real is named in an error and the default is used in its place.
 */
export function readReportQuery(
  query: unknown,
  today = londonToday(),
): { filter: ReportFilter; errors: FormError[]; dates: { from: DateParts; to: DateParts } } {
  const q = querySchema.parse(query ?? {})
  const errors: FormError[] = []
  const typed = (prefix: 'from' | 'to', label: string): string | undefined => {
    const parts = readDateInput(query, prefix)
    if (!parts.day && !parts.month && !parts.year) return undefined
    const read = readDateParts(parts, { label, optional: true })
    if (read.ok) return read.iso ?? undefined
    errors.push({ text: read.message, href: `#${prefix}-${read.part}` })
    return undefined
  }
  const typedFrom = typed('from', 'The start date')
  const typedTo = typed('to', 'The end date')
  let to = typedTo || (q.to && parseDate(q.to)) || today
  let from = typedFrom || (q.from && parseDate(q.from)) || addDays(to, -83)
  if (from > to) [from, to] = [to, from]
  const span = daysBetween(from, to)
  let period = q.period
  if (period === 'day' && span > 62) period = 'week'
  if (period === 'week' && span > 730) period = 'month'
  const filter = { forceCode: q.force?.toUpperCase(), batchId: q.batch, from, to, period }
  const shown = (prefix: 'from' | 'to', iso: string) => {
    const parts = readDateInput(query, prefix)
    return errors.some((e) => e.href.startsWith(`#${prefix}-`)) ? parts : isoToParts(iso)
  }
  return { filter, errors, dates: { from: shown('from', from), to: shown('to', to) } }
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '–')

const periodLabel = (period: ReportFilter['period'], start: string) => {
  const d = new Date(`${start}T00:00:00Z`)
  const fmt = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...o, timeZone: 'UTC' }).format(d)
  if (period === 'month') return fmt({ month: 'short', year: 'numeric' })
  if (period === 'week') return `w/c ${fmt({ day: 'numeric', month: 'short', year: 'numeric' })}`
  return fmt({ day: 'numeric', month: 'short', year: 'numeric' })
}

type Facets = {
  forces: string[]
  batches: { id: string; startedAt: Date; source: string; fileName: string | null }[]
}

export function reportView(
  filter: ReportFilter,
  data: { totals: ReportTotalsRow[]; reasons: ReportReasonRow[]; facets: Facets },
) {
  const periods = [...new Set(data.totals.map((t) => t.period))].sort()
  const num = (n: number) => ({ text: n.toLocaleString('en-GB'), format: 'numeric' })

  const byPeriod = periods.map((p) => {
    const rows = data.totals.filter((t) => t.period === p)
    const received = rows.reduce((s, r) => s + r.received, 0)
    const quarantined = rows.reduce((s, r) => s + r.quarantined, 0)
    const warned = rows.reduce((s, r) => s + r.withWarnings, 0)
    return [
      { text: periodLabel(filter.period, p) },
      num(received),
      num(quarantined),
      { text: percent(quarantined, received), format: 'numeric' },
      num(warned),
    ]
  })

  const forces = [...new Set(data.totals.map((t) => t.forceCode))].sort()
  const byForce = forces.map((f) => {
    const rows = data.totals.filter((t) => t.forceCode === f)
    const received = rows.reduce((s, r) => s + r.received, 0)
    const quarantined = rows.reduce((s, r) => s + r.quarantined, 0)
    const top = topReason(data.reasons.filter((r) => r.forceCode === f && r.kind === 'quarantine'))
    return [
      { text: f || 'Not given' },
      num(received),
      num(quarantined),
      { text: percent(quarantined, received), format: 'numeric' },
      { text: top ? reasonShortLabel(top) : 'None' },
    ]
  })

  const reasonTable = (kind: 'quarantine' | 'warning') => {
    const rows = data.reasons.filter((r) => r.kind === kind)
    const codes = [...new Set(rows.map((r) => r.code))]
    const total = (code: string) => rows.filter((r) => r.code === code).reduce((s, r) => s + r.count, 0)
    codes.sort((a, b) => total(b) - total(a) || a.localeCompare(b))
    return codes.map((code) => [
      { text: describeReason(code) },
      ...periods.map((p) =>
        num(rows.filter((r) => r.code === code && r.period === p).reduce((s, r) => s + r.count, 0)),
      ),
      num(total(code)),
    ])
  }

  const option = (value: string, text: string, selected: boolean) => ({ value, text, selected })
  const csvQuery = new URLSearchParams({ from: filter.from, to: filter.to, period: filter.period })
  if (filter.forceCode) csvQuery.set('force', filter.forceCode)
  if (filter.batchId) csvQuery.set('batch', filter.batchId)

  return {
    filter,
    periodHead: [
      { text: filter.period === 'month' ? 'Month' : filter.period === 'week' ? 'Week' : 'Day' },
      { text: 'Received', format: 'numeric' },
      { text: 'Held in quarantine', format: 'numeric' },
      { text: 'Share held', format: 'numeric' },
      { text: 'With warnings', format: 'numeric' },
    ],
    byPeriod,
    forceHead: [
      { text: 'Force or source' },
      { text: 'Received', format: 'numeric' },
      { text: 'Held in quarantine', format: 'numeric' },
      { text: 'Share held', format: 'numeric' },
      { text: 'Most common reason' },
    ],
    byForce,
    reasonHead: [
      { text: 'Reason' },
      ...periods.map((p) => ({ text: periodLabel(filter.period, p), format: 'numeric' })),
      { text: 'Total', format: 'numeric' },
    ],
    quarantineRows: reasonTable('quarantine'),
    warningRows: reasonTable('warning'),
    forceItems: [
      option('', 'All forces and sources', !filter.forceCode),
      ...data.facets.forces.map((f) => option(f, f, f === filter.forceCode)),
    ],
    batchItems: [
      option('', 'All batches', !filter.batchId),
      ...data.facets.batches.map((b) => option(b.id, batchLabel(b), b.id === filter.batchId)),
    ],
    periodItems: [
      option('day', 'Day', filter.period === 'day'),
      option('week', 'Week', filter.period === 'week'),
      option('month', 'Month', filter.period === 'month'),
    ],
    csvHref: `/staff/data-quality/report.csv?${csvQuery}`,
  }
}

function topReason(rows: ReportReasonRow[]): string | undefined {
  const totals = new Map<string, number>()
  for (const r of rows) totals.set(r.code, (totals.get(r.code) ?? 0) + r.count)
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]
}
