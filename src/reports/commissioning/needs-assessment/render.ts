import { readFileSync } from 'node:fs'
import nunjucks from 'nunjucks'
import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { needsAssessmentView, type ReportView } from './view.ts'

/** The report's own CSS (screen and print), inlined by the standalone file and the staff page. */
export const REPORT_CSS = readFileSync(new URL('report.css', import.meta.url), 'utf8')

/** Links the staff page adds above the report; the standalone file has none. */
export interface ReportLinks {
  csv: string
  json: string
}

let env: nunjucks.Environment | undefined
const environment = () => {
  env ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(import.meta.dirname), { autoescape: true })
  return env
}

/** The report body (headline, charts with their tables, demand, methods), as the staff page shows it. */
export function renderReportBody(view: ReportView, links?: ReportLinks): string {
  return environment().render('body.njk', { view, links })
}

/** One self-contained HTML file: no scripts, no external assets, charts inline as SVG. */
export async function renderStandaloneHtml(
  report: NeedsAssessment,
): Promise<{ html: string; view: ReportView }> {
  const view = await needsAssessmentView(report)
  const html = environment().render('standalone.njk', { view, css: REPORT_CSS })
  return { html, view }
}
