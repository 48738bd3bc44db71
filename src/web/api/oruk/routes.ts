// The directory published as Open Referral UK 3.0 at /api/oruk/ (ADR 0039): open to anyone without a
// key, readable from any web page (Access-Control-Allow-Origin: *), only public services, and never a
// confidential location.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { InputError } from '../../../services/errors.ts'
import type { Services } from '../../../services/index.ts'
import { publicAccess } from '../../access.ts'
import { type ListQuery, listQuery } from './forms.ts'

export const ORUK_BASE = '/api/oruk'

const config = { access: publicAccess }

function readQuery(request: FastifyRequest, reply: FastifyReply): ListQuery | undefined {
  const parsed = listQuery.safeParse(request.query)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = String(issue?.path[0] ?? 'query')
  reply.code(400).send({ error: 'bad_request', field, message: `${field}: ${issue?.message ?? 'invalid'}` })
  return undefined
}

const notFound = (reply: FastifyReply, what: string) =>
  reply.code(404).send({ error: 'not_found', message: `No ${what} with that id` })

const filters = (q: ListQuery) => ({
  search: q.search,
  taxonomyTermId: q.taxonomy_term_id,
  taxonomyId: q.taxonomy_id,
  minimumAge: q.minimum_age,
  maximumAge: q.maximum_age,
})
const pageOf = (q: ListQuery) => ({ page: q.page, perPage: q.per_page })

export async function orukRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const oruk = services.directory.oruk
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith(`${ORUK_BASE}/`) || request.url === ORUK_BASE) {
      reply.header('access-control-allow-origin', '*')
      reply.header('cross-origin-resource-policy', 'cross-origin')
    }
  })

  app.get(`${ORUK_BASE}/`, { config }, async () => oruk.about())

  app.get(`${ORUK_BASE}/services`, { config }, async (request, reply) => {
    const q = readQuery(request, reply)
    return q && oruk.services(filters(q), pageOf(q))
  })

  app.get<{ Params: { id: string } }>(`${ORUK_BASE}/services/:id`, { config }, async (request, reply) => {
    return (await oruk.service(request.params.id)) ?? notFound(reply, 'service')
  })

  app.get(`${ORUK_BASE}/service_at_locations`, { config }, async (request, reply) => {
    const q = readQuery(request, reply)
    if (!q) return reply
    try {
      return await oruk.serviceAtLocations(
        { ...filters(q), postcode: q.postcode, proximity: q.proximity },
        pageOf(q),
      )
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return reply.code(400).send({ error: 'bad_request', field: error.field, message: error.message })
    }
  })

  app.get<{ Params: { id: string } }>(
    `${ORUK_BASE}/service_at_locations/:id`,
    { config },
    async (request, reply) =>
      (await oruk.serviceAtLocation(request.params.id)) ?? notFound(reply, 'service at location'),
  )

  app.get(`${ORUK_BASE}/taxonomies`, { config }, async (request, reply) => {
    const q = readQuery(request, reply)
    return q && oruk.taxonomies(pageOf(q))
  })

  app.get<{ Params: { id: string } }>(
    `${ORUK_BASE}/taxonomies/:id`,
    { config },
    async (request, reply) => oruk.taxonomy(request.params.id) ?? notFound(reply, 'taxonomy'),
  )

  app.get(`${ORUK_BASE}/taxonomy_terms`, { config }, async (request, reply) => {
    const q = readQuery(request, reply)
    return q && oruk.taxonomyTerms(pageOf(q))
  })

  app.get<{ Params: { id: string } }>(
    `${ORUK_BASE}/taxonomy_terms/:id`,
    { config },
    async (request, reply) => oruk.taxonomyTerm(request.params.id) ?? notFound(reply, 'taxonomy term'),
  )
}
