import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import nunjucks from 'nunjucks'
import type { NeedsAssessment } from '../../domain/needs-assessment/index.ts'
import { needsAssessmentView, type ReportView, reportCsv } from './needs-assessment-view.ts'

const webRoot = join(import.meta.dirname, '..')
/** The report's own CSS (screen and print), inlined by the standalone file and the staff page. */
export const REPORT_CSS = readFileSync(join(import.meta.dirname, 'needs-assessment.css'), 'utf8')

let env: nunjucks.Environment | undefined
const environment = () => {
  env ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(webRoot), { autoescape: true })
  return env
}

/** One self-contained HTML file: no scripts, no external assets, charts inline as SVG. */
export async function renderStandaloneHtml(
  report: NeedsAssessment,
): Promise<{ html: string; view: ReportView }> {
  const view = await needsAssessmentView(report)
  const html = environment().render('reports/needs-assessment-standalone.njk', { view, css: REPORT_CSS })
  return { html, view }
}

export async function renderCsv(report: NeedsAssessment): Promise<string> {
  return reportCsv(await needsAssessmentView(report))
}
