import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'
import type { FormError } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { fieldErrors, withErrors } from '../../shared/form-view.ts'
import { offerLabel, pathwayName, ruleSetLabel } from '../../shared/staff-wording.ts'
import {
  domainErrorsToForm,
  parseCapacityForm,
  previewToken,
  type RuleFormValues,
  ruleToValues,
  valuesFromBody,
  valuesToRule,
} from './forms.ts'
import { ruleFormItems, ruleRows } from './presenter.ts'

const adminOnly = { access: staffAccess('administrator') }

export async function routingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { triage } = services

  app.get('/staff/routing', { config: adminOnly }, async (request, reply) => {
    const overview = await triage.routingOverview(new Date())
    const providerName = (id: string) => overview.providers.find((p) => p.id === id)?.name ?? id
    const flash = request.session.flash
    request.session.flash = undefined
    return reply.view('staff/routing/index.njk', {
      ...overview,
      rules: ruleRows(overview.ruleSet.rules, overview.pathways, providerName),
      pathwayName: Object.fromEntries(overview.pathways.map((p) => [p.id, p.name])),
      ruleSetText: ruleSetLabel(`${overview.ruleSet.id}@${overview.ruleSet.version}`),
      flash,
    })
  })

  app.get<{ Params: { version: string } }>(
    '/staff/routing/versions/:version',
    { config: adminOnly },
    async (request, reply) => {
      const version = Number(request.params.version)
      const ruleSet = Number.isInteger(version) ? await triage.ruleSetVersion(version) : undefined
      if (!ruleSet) return reply.callNotFound()
      const [overview, providers] = await Promise.all([
        triage.routingOverview(new Date()),
        triage.providers(),
      ])
      const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id
      return reply.view('staff/routing/version.njk', {
        ruleSet,
        rules: ruleRows(ruleSet.rules, overview.pathways, providerName),
      })
    },
  )

  const renderRule = async (
    reply: import('fastify').FastifyReply,
    ruleId: string,
    values: RuleFormValues,
    extra: { errors?: FormError[]; preview?: unknown; token?: string; status?: number; message?: string },
  ) => {
    const overview = await triage.routingOverview(new Date())
    const position = overview.ruleSet.rules.findIndex((r) => r.id === ruleId)
    return reply.code(extra.status ?? 200).view('staff/routing/rule.njk', {
      ruleId,
      position: position + 1,
      isLast: position === overview.ruleSet.rules.length - 1,
      baseVersion: overview.ruleSet.version,
      values,
      items: ruleFormItems(values, overview.pathways, overview.providers),
      errors: extra.errors ?? [],
      fieldErrors: fieldErrors(extra.errors ?? []),
      preview: extra.preview,
      // Names for the preview's pathway, offer and rule ids.
      pathwayName,
      offerLabel,
      ruleName: (id: string | null) =>
        id === null
          ? 'no rule'
          : id === ruleId
            ? `rule “${values.description || 'being changed'}”`
            : `rule “${overview.ruleSet.rules.find((r) => r.id === id)?.description ?? id}”`,
      token: extra.token,
      message: extra.message,
    })
  }

  app.get<{ Params: { ruleId: string } }>(
    '/staff/routing/rules/:ruleId',
    { config: adminOnly },
    async (request, reply) => {
      const overview = await triage.routingOverview(new Date())
      const rule = overview.ruleSet.rules.find((r) => r.id === request.params.ruleId)
      if (!rule) return reply.callNotFound()
      return renderRule(reply, rule.id, ruleToValues(rule), {})
    },
  )

  // One form, two buttons: "Preview" shows how the sample referrals would be routed; "Save" appears
  // only with a preview and publishes exactly the rule that was previewed.
  app.post<{ Params: { ruleId: string } }>(
    '/staff/routing/rules/:ruleId',
    { config: adminOnly },
    async (request, reply) => {
      const { ruleId } = request.params
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = valuesFromBody(body)
      const parsed = valuesToRule(ruleId, values)
      if (!parsed.ok) return renderRule(reply, ruleId, values, { errors: parsed.errors, status: 400 })
      const preview = await triage.previewRuleChange(ruleId, parsed.rule)
      if (!preview.ok) {
        if (preview.notFound) return reply.callNotFound()
        return renderRule(reply, ruleId, values, { errors: domainErrorsToForm(preview.errors), status: 400 })
      }
      const token = previewToken(parsed.rule, preview.current.version)
      if (body.action !== 'save') return renderRule(reply, ruleId, values, { preview, token })
      if (body.previewToken !== token) {
        return renderRule(reply, ruleId, values, {
          preview,
          token,
          status: 409,
          message:
            'The rule or the rule set changed since your preview. Check this preview, then save again.',
        })
      }
      const saved = await triage.saveRuleChange(
        ruleId,
        parsed.rule,
        preview.current.version,
        values.changeNote || null,
        actorOf(request),
      )
      if (!saved.ok) {
        return renderRule(reply, ruleId, values, {
          errors: domainErrorsToForm(saved.errors),
          status: 409,
          message: saved.conflict ? 'Another version was published meanwhile. Preview again.' : undefined,
        })
      }
      request.session.flash = `Rule ${ruleId} saved. Routing rules version ${saved.version} is now in force.`
      return reply.redirect('/staff/routing')
    },
  )

  app.get<{ Params: { providerId: string } }>(
    '/staff/routing/providers/:providerId',
    { config: adminOnly },
    async (request, reply) => {
      const provider = await triage.provider(request.params.providerId)
      if (!provider) return reply.callNotFound()
      return reply.view('staff/routing/provider.njk', {
        provider,
        ...withErrors(
          {
            monthlyReferralCapacity: String(provider.monthlyReferralCapacity),
            activeCaseCapacity: String(provider.activeCaseCapacity),
            expectedWaitDays: provider.expectedWaitDays === null ? '' : String(provider.expectedWaitDays),
          },
          [],
        ),
      })
    },
  )

  app.post<{ Params: { providerId: string } }>(
    '/staff/routing/providers/:providerId',
    { config: adminOnly },
    async (request, reply) => {
      const provider = await triage.provider(request.params.providerId)
      if (!provider) return reply.callNotFound()
      const form = parseCapacityForm(request.body)
      if (!form.ok) {
        return reply
          .code(400)
          .view('staff/routing/provider.njk', { provider, ...withErrors(form.values, form.errors) })
      }
      await triage.updateProviderCapacity(provider.id, form.values, actorOf(request))
      request.session.flash = `Capacity of ${provider.name} saved.`
      return reply.redirect('/staff/routing#providers')
    },
  )
}
