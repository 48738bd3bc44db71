// A real OpenID Connect provider (oidc-provider) on loopback, for the single sign-on tests: its own
// signing key, accounts the test names, and a switch that makes it send a tampered ID token (re-signed
// with its own key, or not re-signed at all) so the hub's checks can be shown to refuse it.
import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export type ProviderAccount = { email: string; email_verified: boolean; name: string; groups: string[] }

export type Tamper =
  | { kind: 'none' }
  /** Claims changed, then signed again with the provider's own key. */
  | { kind: 'resign'; claims: Record<string, unknown> }
  /** Claims changed and the old signature kept. */
  | { kind: 'break-signature' }

export type TestProvider = {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, ProviderAccount>
  tamper: Tamper
  close: () => Promise<void>
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url')

function resign(idToken: string, changes: Record<string, unknown>, key: KeyObject): string {
  const [header = '', payload = ''] = idToken.split('.')
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...changes }
  const input = `${header}.${b64url(JSON.stringify(claims))}`
  const signature = createSign('RSA-SHA256').update(input).sign(key)
  return `${input}.${b64url(signature)}`
}

function breakSignature(idToken: string): string {
  const [header = '', payload = '', signature = ''] = idToken.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
  return `${header}.${b64url(JSON.stringify({ ...claims, email: 'someone.else@example.org' }))}.${signature}`
}

/** Starts a provider on 127.0.0.1 that accepts `redirectUris` for one confidential client. */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const signingKey = createPrivateKey({ key: privateKey.export({ format: 'jwk' }), format: 'jwk' })
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const state: TestProvider = {
    issuer,
    clientId: 'victim-hub',
    clientSecret: 'a-client-secret-only-the-hub-and-the-provider-know',
    accounts: new Map(),
    tamper: { kind: 'none' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-provider-cookie-key'] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    features: { devInteractions: { enabled: true } },
    // Every test client is trusted already: no consent page between signing in and coming back.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId as string,
        accountId: ctx.oidc.session?.accountId as string,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
    async findAccount(_ctx, id) {
      const account = state.accounts.get(id)
      if (!account) return undefined
      return { accountId: id, claims: async () => ({ sub: id, ...account }) }
    },
  })
  provider.use(async (ctx, next) => {
    await next()
    const body = ctx.body as { id_token?: string } | undefined
    if (ctx.path !== '/token' || !body?.id_token || state.tamper.kind === 'none') return
    body.id_token =
      state.tamper.kind === 'resign'
        ? resign(body.id_token, state.tamper.claims, signingKey)
        : breakSignature(body.id_token)
  })
  server.on('request', provider.callback())
  return state
}

/** Cookies as a browser would keep them for one site (paths ignored: the provider's are all its own). */
export class CookieJar {
  private cookies = new Map<string, string>()
  take(setCookie: string | string[] | undefined) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

/**
 * Plays the person at the provider: from the authorisation address, signs in as `accountId` on the
 * provider's login form and follows its redirects until it sends the browser back to the hub; returns
 * that address.
 */
export async function signInAtProvider(authorizeUrl: string, accountId: string): Promise<URL> {
  const jar = new CookieJar()
  let url = new URL(authorizeUrl)
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(response.headers.getSetCookie())
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      const posted = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any' }).toString(),
      })
      jar.take(posted.headers.getSetCookie())
      url = new URL(posted.headers.get('location') as string, url)
      continue
    }
    const location = response.headers.get('location')
    if (!location)
      throw new Error(`The provider answered ${response.status} at ${url.pathname}: ${await response.text()}`)
    const nextUrl = new URL(location, url)
    if (nextUrl.origin !== url.origin) return nextUrl
    url = nextUrl
  }
  throw new Error('The provider never sent the browser back')
}
