import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { publicAccess } from '../access.ts'

const projectRoot = join(import.meta.dirname, '..', '..', '..')
const govukDist = join(projectRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

/** Stylesheet, scripts and GOV.UK Frontend's own assets, served by @fastify/static under declared access. */
export async function assetRoutes(app: FastifyInstance) {
  const cache = 'public, max-age=3600'
  app.get('/assets/application.css', { config: { access: publicAccess } }, (_req, reply) =>
    reply.header('cache-control', cache).sendFile('application.css'),
  )
  app.get('/assets/init.js', { config: { access: publicAccess } }, (_req, reply) =>
    reply.header('cache-control', cache).sendFile('init.js', import.meta.dirname),
  )
  app.get('/assets/favicon.svg', { config: { access: publicAccess } }, (_req, reply) =>
    reply.header('cache-control', cache).sendFile('favicon.svg', import.meta.dirname),
  )
  app.get('/assets/govuk/*', { config: { access: publicAccess } }, (request, reply) => {
    const path = (request.params as { '*': string })['*']
    const file = path === 'govuk-frontend.min.js' ? path : join('assets', path)
    return reply.header('cache-control', cache).sendFile(file, govukDist)
  })
}
