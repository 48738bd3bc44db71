import type { FastifyInstance } from 'fastify'
import { InputError } from '../../../services/errors.ts'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'
import type { FormError } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { parseNewOrganisationForm } from './forms.ts'
import { errorFor, kindItems, organisationRows } from './presenter.ts'

const adminOnly = { access: staffAccess('administrator') }

export async function organisationsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const form = (values: Record<string, unknown>, errors: FormError[]) => ({
    values,
    errors,
    kindItems,
    nameError: errorFor(errors, 'name'),
    kindError: errorFor(errors, 'kind'),
    forceCodeError: errorFor(errors, 'forceCode'),
  })

  app.get('/staff/organisations', { config: adminOnly }, async (_request, reply) =>
    reply.view('staff/organisations/list.njk', {
      rows: organisationRows(await services.organisations.list()),
    }),
  )

  app.get('/staff/organisations/new', { config: adminOnly }, async (_request, reply) =>
    reply.view('staff/organisations/new.njk', form({}, [])),
  )

  app.post('/staff/organisations/new', { config: adminOnly }, async (request, reply) => {
    const parsed = parseNewOrganisationForm(request.body)
    if (!parsed.ok)
      return reply.code(400).view('staff/organisations/new.njk', form(parsed.values, parsed.errors))
    try {
      await services.organisations.create(parsed.values, actorOf(request))
      return reply.redirect('/staff/organisations')
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return reply
        .code(400)
        .view(
          'staff/organisations/new.njk',
          form(parsed.values, [{ text: error.message, href: `#${error.field}` }]),
        )
    }
  })
}
