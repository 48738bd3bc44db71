import type { FastifyInstance, FastifyReply } from 'fastify'
import {
  DEFAULT_ASSUMPTIONS,
  type NeedsAssessment,
  roundForJson,
} from '../../../../domain/commissioning/index.ts'
import { reportCsv } from '../../../../reports/commissioning/needs-assessment/csv.ts'
import { REPORT_CSS, renderReportBody } from '../../../../reports/commissioning/needs-assessment/render.ts'
import { needsAssessmentView } from '../../../../reports/commissioning/needs-assessment/view.ts'
import {
  AssumptionError,
  type CommissioningService,
  ReportRequestError,
} from '../../../../services/commissioning/index.ts'
import { staffAccess } from '../../../access.ts'
import { fieldErrors } from '../../../shared/form-view.ts'
import { monthParts, type Parsed, parse, type Query } from './forms.ts'

/** Who may see the needs assessment (aggregates only, no names): the same roles as the home page section. */
const access = staffAccess('commissioner', 'administrator', 'team_manager')

/**
 * Staff pages for commissioners: GET /staff/needs-assessment shows the form and, once a force and period are
 * chosen, the report; .csv and .json give the same figures as downloads. Everything is a GET, so a report
 * is a link that can be shared and bookmarked, and needs no CSRF token.
 */
export async function needsAssessmentRoutes(
  app: FastifyInstance,
  deps: { services: { commissioning: CommissioningService } },
) {
  const { commissioning } = deps.services

  async function run(query: Query): Promise<{ report?: NeedsAssessment; parsed?: Parsed; error?: string }> {
    const parsed = parse(query)
    if (!parsed?.ok) return { parsed }
    try {
      const { report } = await commissioning.needsAssessment(parsed)
      return { report, parsed }
    } catch (error) {
      if (error instanceof ReportRequestError || error instanceof AssumptionError) {
        return { parsed, error: error.message }
      }
      throw error
    }
  }

  const download = (
    reply: FastifyReply,
    parsed: Parsed | undefined,
    ext: string,
    type: string,
    body: string,
  ) => {
    const name = parsed?.ok
      ? `needs-assessment-${parsed.force.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${parsed.from}-${parsed.to}`
      : 'needs-assessment'
    return reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="${name}.${ext}"`)
      .send(body)
  }

  app.get<{ Querystring: Query }>(
    '/staff/needs-assessment',
    { config: { access } },
    async (request, reply) => {
      const forces = await commissioning.listForces()
      const { report, parsed, error } = await run(request.query)
      const qs = new URLSearchParams(request.query as Record<string, string>).toString()
      const errors = parsed && !parsed.ok ? parsed.errors : error ? [{ text: error, href: '#force' }] : []
      const view = report ? await needsAssessmentView(report) : undefined
      const links = view
        ? { csv: `/staff/needs-assessment.csv?${qs}`, json: `/staff/needs-assessment.json?${qs}` }
        : undefined
      return reply.code(errors.length > 0 ? 400 : 200).view('staff/commissioning/needs-assessment/page.njk', {
        forceItems: [
          { value: '', text: 'Choose a force' },
          ...forces.map((f) => ({
            value: f.slug,
            text: `${f.name} (${f.firstMonth} to ${f.lastMonth})`,
            selected: request.query.force === f.slug || request.query.force === f.name,
          })),
        ],
        query: request.query,
        months: { from: monthParts(request.query, 'from'), to: monthParts(request.query, 'to') },
        errors,
        fieldErrors: fieldErrors(errors),
        view,
        reportHtml: view ? renderReportBody(view, links) : undefined,
        assumptionFields: Object.entries(DEFAULT_ASSUMPTIONS).map(([key, a]) => ({
          key,
          label: a.label,
          value: request.query[`a.${key}`] ?? '',
          defaultValue: String(typeof a.value === 'number' ? Number(a.value.toFixed(4)) : a.value),
        })),
        reportCss: REPORT_CSS,
        styleNonce: reply.cspNonce?.style,
      })
    },
  )

  // The same report as downloads: every table as CSV, every figure as JSON.
  const downloads = [
    {
      ext: 'csv',
      type: 'text/csv; charset=utf-8',
      body: async (report: NeedsAssessment) => reportCsv(await needsAssessmentView(report)),
    },
    {
      ext: 'json',
      type: 'application/json',
      body: async (report: NeedsAssessment) => JSON.stringify(roundForJson(report), null, 2),
    },
  ]
  for (const format of downloads) {
    app.get<{ Querystring: Query }>(
      `/staff/needs-assessment.${format.ext}`,
      { config: { access } },
      async (request, reply) => {
        const { report, parsed, error } = await run(request.query)
        if (!report)
          return reply
            .code(400)
            .type('text/plain')
            .send(error ?? 'Choose a force, from and to')
        return download(reply, parsed, format.ext, format.type, await format.body(report))
      },
    )
  }
}
