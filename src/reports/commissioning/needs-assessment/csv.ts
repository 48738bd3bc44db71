import type { ReportView } from './view.ts'

/** Every table of the report as one long CSV: table, row label, column, value. */
export function reportCsv(view: ReportView): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const lines = ['table,row,column,value']
  const all = [...view.charts.map((c) => c.table), ...view.tables, view.inputs]
  for (const table of all) {
    for (const row of table.rows) {
      const label = row[0]?.text ?? ''
      row.slice(1).forEach((cell, i) => {
        // Plain numbers in the CSV (no thousands separators) so a spreadsheet reads them as numbers.
        const value =
          cell.numeric && /^-?[\d,]+(\.\d+)?%?$/.test(cell.text) ? cell.text.replace(/,/g, '') : cell.text
        lines.push([table.caption, label, table.head[i + 1]?.text ?? '', value].map(q).join(','))
      })
    }
  }
  for (const a of view.assumptions) lines.push(['Assumptions', a.label, 'value', a.value].map(q).join(','))
  return `${lines.join('\r\n')}\r\n`
}
