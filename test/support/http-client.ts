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

export type HttpAnswer = { status: number; location: string | null; body: string }

/**
 * A browser's cookie jar and CSRF token over real HTTP, for hubs running as processes of their own. One
 * jar serves every address it is given, as one browser behind a load balancer reaches whichever process
 * the balancer picks.
 */
export class HttpBrowserClient {
  private cookies = new Map<string, string>()
  lastCsrf: string | undefined

  private async remember(response: Response): Promise<HttpAnswer> {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';')
      const name = pair.slice(0, pair.indexOf('=')).trim()
      const value = pair.slice(pair.indexOf('=') + 1).trim()
      const expires = attributes.find((a) => /^\s*expires=/i.test(a))?.split('=')[1]
      const gone =
        value === '' ||
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        (expires !== undefined && new Date(expires).getTime() < Date.now())
      if (gone) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const body = await response.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)
    if (token) this.lastCsrf = token[1]
    return { status: response.status, location: response.headers.get('location'), body }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(url: string): Promise<HttpAnswer> {
    return this.remember(await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader() } }))
  }

  /** Posts a form with the CSRF token of the last page read, from whichever process served it. */
  async post(url: string, form: Record<string, string>): Promise<HttpAnswer> {
    const body = new URLSearchParams(form)
    if (this.lastCsrf) body.set('_csrf', this.lastCsrf)
    return this.remember(
      await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      }),
    )
  }
}
