import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { type TestUser, totpCode } from './app.ts'

/**
 * Talks to the app the way a browser does: keeps cookies, reads the CSRF token from the last page and
 * sends forms url-encoded.
 */
export class BrowserLikeClient {
  private cookies = new Map<string, string>()
  lastCsrf: string | undefined

  /** `headers` go with every request, as a proxy in front of the hub would add them. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)
    if (token) this.lastCsrf = token[1]
    return response
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { ...this.headers, cookie: this.cookieHeader(), ...headers },
      }),
    )
  }

  /** Posts a form; the CSRF token from the last page is added unless `csrf: false`. */
  async post(url: string, form: Record<string, string>, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams(form)
    if (options.csrf !== false && this.lastCsrf) body.set('_csrf', this.lastCsrf)
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: {
          ...this.headers,
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
    )
  }

  async signIn(user: TestUser) {
    await this.get('/sign-in')
    const response = await this.post('/sign-in', { email: user.email, password: user.password })
    if (response.headers.location === '/sign-in/two-factor' && user.totpSecret) {
      await this.get('/sign-in/two-factor')
      return this.post('/sign-in/two-factor', { code: totpCode(user.totpSecret) })
    }
    return response
  }
}
