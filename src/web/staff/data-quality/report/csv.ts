import type { ReportReasonRow, ReportTotalsRow } from '../../../../services/data-quality/index.ts'
import { describeReason } from '../../../shared/referral-text.ts'

/**
 * RFC 4180 cell. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe, so a value sent by a force cannot become a formula on a data quality officer's machine.
 */
export function csvCell(value: string | number): string {
  let s = String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const CSV_HEADER = ['period_start', 'force_code', 'measure', 'code', 'description', 'count']

/** One row per period, force and measure: received, quarantined, with_warnings, then each reason and warning. */
export function reportCsv(data: { totals: ReportTotalsRow[]; reasons: ReportReasonRow[] }): string {
  const lines = [CSV_HEADER.join(',')]
  const push = (cells: (string | number)[]) => lines.push(cells.map(csvCell).join(','))
  for (const t of data.totals) {
    push([t.period, t.forceCode, 'received', '', 'Records received', t.received])
    push([t.period, t.forceCode, 'quarantined', '', 'Records held in quarantine', t.quarantined])
    push([t.period, t.forceCode, 'with_warnings', '', 'Records with warnings', t.withWarnings])
  }
  for (const r of data.reasons) push([r.period, r.forceCode, r.kind, r.code, describeReason(r.code), r.count])
  return `${lines.join('\r\n')}\r\n`
}
