import { isAssumptionKey, isMonth } from '../../../../domain/commissioning/index.ts'

/** The report's query string: force, period and any assumption overrides as `a.<key>`. */
export interface Query {
  force?: string
  from?: string
  to?: string
  /** The GOV.UK date inputs (month and year only); `from` and `to` as YYYY-MM are read too, for links. */
  'from-month'?: string
  'from-year'?: string
  'to-month'?: string
  'to-year'?: string
  [assumption: `a.${string}`]: string | undefined
}

/**
 * A month from its date input (`from-month` and `from-year`), or from `from` as YYYY-MM. Undefined when
 * nothing was given, `''` when what was given is not a month.
 */
export function monthOf(query: Query, prefix: 'from' | 'to'): string | undefined {
  const month = query[`${prefix}-month`]?.trim()
  const year = query[`${prefix}-year`]?.trim()
  if (month === undefined && year === undefined) return query[prefix]
  if (!month && !year) return ''
  if (!month || !year || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return ''
  const iso = `${year}-${month.padStart(2, '0')}`
  return isMonth(iso) ? iso : ''
}

/** The month and year to show in a date input: what was typed, or the parts of the YYYY-MM given. */
export function monthParts(query: Query, prefix: 'from' | 'to'): { month: string; year: string } {
  const month = query[`${prefix}-month`]
  const year = query[`${prefix}-year`]
  if (month !== undefined || year !== undefined) return { month: month ?? '', year: year ?? '' }
  const iso = query[prefix]
  return iso && isMonth(iso)
    ? { month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) }
    : { month: '', year: '' }
}

export type Parsed =
  | { ok: true; force: string; from: string; to: string; assumptions: Record<string, string> }
  | { ok: false; errors: Array<{ text: string; href: string }> }

/** Reads the query; undefined when nothing was asked yet (the page shows only the form). */
export function parse(query: Query): Parsed | undefined {
  const from = monthOf(query, 'from')
  const to = monthOf(query, 'to')
  if (query.force === undefined && from === undefined && to === undefined) return undefined
  const errors: Array<{ text: string; href: string }> = []
  if (!query.force) errors.push({ text: 'Select a police force', href: '#force' })
  if (!from || !isMonth(from))
    errors.push({
      text: 'Enter the first month as a month and year, for example 1 2025',
      href: '#from-month',
    })
  if (!to || !isMonth(to))
    errors.push({ text: 'Enter the last month as a month and year, for example 6 2025', href: '#to-month' })
  if (errors.length === 0 && (from as string) > (to as string)) {
    errors.push({ text: 'The first month must be before the last month', href: '#from-month' })
  }
  const assumptions: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    if (!k.startsWith('a.') || v === undefined || v.trim() === '') continue
    const key = k.slice(2)
    if (isAssumptionKey(key)) assumptions[key] = v.trim()
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    force: query.force as string,
    from: from as string,
    to: to as string,
    assumptions,
  }
}
