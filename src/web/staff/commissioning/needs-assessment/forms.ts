import { isAssumptionKey, isMonth } from '../../../../domain/commissioning/index.ts'

/** The report's query string: force, period and any assumption overrides as `a.<key>`. */
export interface Query {
  force?: string
  from?: string
  to?: string
  [assumption: `a.${string}`]: string | undefined
}

export type Parsed =
  | { ok: true; force: string; from: string; to: string; assumptions: Record<string, string> }
  | { ok: false; errors: Array<{ text: string; href: string }> }

/** Reads the query; undefined when nothing was asked yet (the page shows only the form). */
export function parse(query: Query): Parsed | undefined {
  if (query.force === undefined && query.from === undefined && query.to === undefined) return undefined
  const errors: Array<{ text: string; href: string }> = []
  if (!query.force) errors.push({ text: 'Select a police force', href: '#force' })
  if (!query.from || !isMonth(query.from))
    errors.push({ text: 'Enter the first month as YYYY-MM, for example 2025-01', href: '#from' })
  if (!query.to || !isMonth(query.to))
    errors.push({ text: 'Enter the last month as YYYY-MM, for example 2025-06', href: '#to' })
  if (errors.length === 0 && (query.from as string) > (query.to as string)) {
    errors.push({ text: 'The first month must be before the last month', href: '#from' })
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
    from: query.from as string,
    to: query.to as string,
    assumptions,
  }
}
