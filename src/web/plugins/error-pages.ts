import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'

const isHtmlRoute = (request: FastifyRequest) =>
  !request.url.startsWith('/api/') && !request.url.startsWith('/health/')

/** Accessible 403, 404 and 500 pages for people; JSON errors for the API. No stack traces reach a browser. */
export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (!isHtmlRoute(request))
      return reply.code(404).send({ error: 'not_found', message: 'No such resource' })
    return reply.code(404).view('views/error.njk', {
      title: 'Page not found',
      lines: [
        'If you typed the web address, check it is correct.',
        'If you pasted the web address, check you copied the entire address.',
      ],
    })
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      request.log.warn({ code: error.code }, 'form rejected: CSRF token missing or invalid')
      return reply.code(403).view('views/error.njk', {
        title: 'Your form could not be sent',
        lines: [
          'The page was open too long or was sent from somewhere else, so nothing was changed.',
          'Go back, reload the page and try again.',
        ],
        requestId: request.id,
      })
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'request failed')
    if (!isHtmlRoute(request)) {
      return reply.code(status).send({
        error: status === 500 ? 'internal_error' : 'bad_request',
        message: status === 500 ? 'Something went wrong; nothing was changed' : error.message,
        requestId: request.id,
      })
    }
    if (status === 429) {
      return reply.code(429).view('views/error.njk', {
        title: 'Too many attempts',
        lines: ['Wait a minute, then try again.'],
        requestId: request.id,
      })
    }
    return reply.code(status).view('views/error.njk', {
      title:
        status === 500
          ? 'Sorry, there is a problem with the service'
          : 'There is a problem with your request',
      lines:
        status === 500
          ? [
              'Try again later. If you were sending a form, check whether it was saved before sending it again.',
            ]
          : [error.message],
      requestId: request.id,
    })
  })
}
