import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { loadConfig } from '../../../src/config/config.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createServices } from '../../../src/services/index.ts'
import { rotateEncryptionKey } from '../../../src/services/secrets/index.ts'
import { createStaffUser, startTestApp, TEST_ENCRYPTION_KEY, type TestApp } from '../../support/app.ts'
import { signInAtProvider, startTestProvider, type TestProvider } from '../../support/oidc-provider.ts'

const HUB = 'http://hub.test'
const SLUG = 'county-police'
const cookieOf = (setCookie: string | string[] | undefined): string => {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  const session = lines.find((line) => line.startsWith('vh_session='))
  return (session ?? '').split(';')[0] ?? ''
}
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&rsquo;|&#39;|’/g, "'")
    .replace(/\s+/g, ' ')

describe('single sign-on with an organisation’s OpenID Connect provider', () => {
  let t: TestApp
  let provider: TestProvider

  /** A person goes from the hub's sign-in link to the provider, signs in there and comes back. */
  async function signInWith(accountId: string) {
    const start = await t.app.inject({ method: 'GET', url: `/sign-in/sso/${SLUG}` })
    assert.equal(start.statusCode, 302)
    const location = String(start.headers.location)
    assert.ok(location.startsWith(`${provider.issuer}/`), location)
    const authorize = new URL(location)
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256')
    assert.ok(authorize.searchParams.get('nonce') && authorize.searchParams.get('state'))
    const cookie = cookieOf(start.headers['set-cookie'])
    const back = await signInAtProvider(location, accountId)
    assert.equal(back.origin, HUB)
    const callback = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie },
    })
    return { callback, back, cookie, signedIn: cookieOf(callback.headers['set-cookie']) }
  }

  const refusals = async () =>
    (await t.services.audit.recent({ action: 'sign_in.single_sign_on_refused' })).map(
      (row) => (row.details as { reason: string }).reason,
    )

  before(async () => {
    t = await startTestApp({ VICTIM_HUB_PUBLIC_URL: HUB })
    provider = await startTestProvider([`${HUB}/sign-in/sso/${SLUG}/callback`])
    await t.services.singleSignOn.add(
      {
        organisation: 'County Police',
        slug: SLUG,
        displayName: 'County Police account',
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        roleClaim: 'groups',
        roleMappings: ['vh-referrers=police_referrer:Victim and witness unit'],
        createAccounts: true,
      },
      SYSTEM_ACTOR,
    )
    provider.accounts.set('pc-1001', {
      email: 'jo.constable@police.example',
      email_verified: true,
      name: 'Jo Constable',
      groups: ['everyone', 'vh-referrers'],
    })
  })
  beforeEach(() => {
    provider.tamper = { kind: 'none' }
  })
  after(async () => {
    await t?.close()
    await provider?.close()
  })

  it('the sign-in page offers the organisation’s provider beside the email and password', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' })
    assert.match(page.body, /href="\/sign-in\/sso\/county-police">Sign in with County Police account/)
    assert.match(page.body, /name="password"/)
  })

  it('signs a new person in, making their account with the role and team their group gives', async () => {
    const { callback, signedIn } = await signInWith('pc-1001')
    assert.equal(callback.statusCode, 302)
    assert.equal(callback.headers.location, '/staff')
    const home = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: signedIn } })
    assert.equal(home.statusCode, 200)
    assert.match(home.body, /Jo Constable/)
    const users = await t.services.accounts.listUsers()
    const jo = users.find((u) => u.email === 'jo.constable@police.example')
    assert.equal(jo?.role, 'police_referrer')
    assert.equal(jo?.teamName, 'Victim and witness unit')

    // The second time, the same account: no new one.
    const again = await signInWith('pc-1001')
    assert.equal(again.callback.statusCode, 302)
    const after = await t.services.accounts.listUsers()
    assert.equal(after.filter((u) => u.email === 'jo.constable@police.example').length, 1)
    // An account made by single sign-on has no password to guess.
    const local = await t.services.accounts.signIn('jo.constable@police.example', '', SYSTEM_ACTOR)
    assert.equal(local.outcome, 'rejected')
  })

  it('matches an existing account of the organisation by verified email, keeping its role', async () => {
    const existing = await createStaffUser(t.services, 'police_referrer', 'Victim and witness unit')
    provider.accounts.set('pc-2002', {
      email: existing.email.toUpperCase(),
      email_verified: true,
      name: 'Someone',
      groups: [],
    })
    const { callback, signedIn } = await signInWith('pc-2002')
    assert.equal(callback.statusCode, 302)
    const home = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: signedIn } })
    assert.match(home.body, /Test police_referrer/)
  })

  it('does not link an email the provider has not verified, nor an account of another organisation', async () => {
    const caseworker = await createStaffUser(t.services, 'hub_caseworker')
    provider.accounts.set('pc-3003', { email: caseworker.email, email_verified: true, name: 'X', groups: [] })
    const other = await signInWith('pc-3003')
    assert.equal(other.callback.statusCode, 401)
    assert.match(text(other.callback.body), /belongs to another organisation/)

    provider.accounts.set('pc-3004', {
      email: 'unverified@police.example',
      email_verified: false,
      name: 'Y',
      groups: ['vh-referrers'],
    })
    const unverified = await signInWith('pc-3004')
    assert.equal(unverified.callback.statusCode, 401)
    assert.match(text(unverified.callback.body), /has not confirmed your email address/)
  })

  it('an account disabled in the hub stays disabled whatever the provider says', async () => {
    provider.accounts.set('pc-4004', {
      email: 'leaver@police.example',
      email_verified: true,
      name: 'Lee Leaver',
      groups: ['vh-referrers'],
    })
    assert.equal((await signInWith('pc-4004')).callback.statusCode, 302)
    const leaver = (await t.services.accounts.listUsers()).find((u) => u.email === 'leaver@police.example')
    await t.services.accounts.setDisabled(leaver?.id as string, true, SYSTEM_ACTOR)
    const { callback } = await signInWith('pc-4004')
    assert.equal(callback.statusCode, 401)
    assert.match(text(callback.body), /Your Victim Hub account has been switched off/)
    assert.ok((await refusals()).includes('disabled'))
  })

  it('refuses an ID token from a wrong issuer', async () => {
    provider.tamper = { kind: 'resign', claims: { iss: 'http://127.0.0.1:9/another-provider' } }
    const { callback } = await signInWith('pc-1001')
    assert.equal(callback.statusCode, 401)
    assert.match(text(callback.body), /did not come from County Police account's sign-in service/)
    assert.ok((await refusals()).includes('issuer'))
  })

  it('refuses an ID token whose signature is not the provider’s', async () => {
    provider.tamper = { kind: 'break-signature' }
    const { callback } = await signInWith('pc-1001')
    assert.equal(callback.statusCode, 401)
    assert.match(text(callback.body), /was not signed with County Police account's key/)
    assert.ok((await refusals()).includes('signature'))
  })

  it('refuses an expired ID token', async () => {
    const now = Math.floor(Date.now() / 1000)
    provider.tamper = { kind: 'resign', claims: { iat: now - 7200, exp: now - 3600 } }
    const { callback } = await signInWith('pc-1001')
    assert.equal(callback.statusCode, 401)
    assert.match(text(callback.body), /had expired/)
    assert.ok((await refusals()).includes('expired'))
  })

  it('refuses an ID token made for another sign-in (nonce mismatch)', async () => {
    provider.tamper = { kind: 'resign', claims: { nonce: 'a-nonce-from-another-sign-in' } }
    const { callback } = await signInWith('pc-1001')
    assert.equal(callback.statusCode, 401)
    assert.match(text(callback.body), /belongs to a different sign-in/)
    assert.ok((await refusals()).includes('nonce'))
  })

  it('refuses a replayed answer: the same state used twice, or in another browser', async () => {
    const first = await signInWith('pc-1001')
    assert.equal(first.callback.statusCode, 302)
    const url = `${first.back.pathname}${first.back.search}`
    const sameBrowser = await t.app.inject({ method: 'GET', url, headers: { cookie: first.cookie } })
    assert.equal(sameBrowser.statusCode, 401)
    assert.match(text(sameBrowser.body), /already used, or was started in another browser/)
    const otherBrowser = await t.app.inject({ method: 'GET', url })
    assert.equal(otherBrowser.statusCode, 401)
    assert.ok((await refusals()).filter((r) => r === 'state').length >= 2)
  })

  it('refuses a person with no account where the organisation does not make them', async () => {
    const hospital = await startTestProvider([`${HUB}/sign-in/sso/nhs/callback`])
    try {
      await t.services.singleSignOn.add(
        {
          organisation: 'County NHS Trust',
          slug: 'nhs',
          displayName: 'NHS account',
          issuer: hospital.issuer,
          clientId: hospital.clientId,
          clientSecret: hospital.clientSecret,
          roleMappings: ['staff=police_referrer'],
          createAccounts: false,
        },
        SYSTEM_ACTOR,
      )
      hospital.accounts.set('n-1', {
        email: 'nurse@nhs.example',
        email_verified: true,
        name: 'N',
        groups: ['staff'],
      })
      const start = await t.app.inject({ method: 'GET', url: '/sign-in/sso/nhs' })
      const back = await signInAtProvider(String(start.headers.location), 'n-1')
      const callback = await t.app.inject({
        method: 'GET',
        url: `${back.pathname}${back.search}`,
        headers: { cookie: cookieOf(start.headers['set-cookie']) },
      })
      assert.equal(callback.statusCode, 401)
      assert.match(text(callback.body), /do not have a Victim Hub account yet/)
      const users = await t.services.accounts.listUsers()
      assert.ok(!users.some((u) => u.email === 'nurse@nhs.example'))
    } finally {
      await hospital.close()
    }
  })

  it('says so clearly when a provider does not answer, and 404 for one that does not exist', async () => {
    await t.services.singleSignOn.add(
      {
        organisation: 'County NHS Trust',
        slug: 'offline',
        displayName: 'Offline account',
        issuer: 'http://127.0.0.1:9',
        clientId: 'x',
        clientSecret: 'y',
      },
      SYSTEM_ACTOR,
    )
    const offline = await t.app.inject({ method: 'GET', url: '/sign-in/sso/offline' })
    assert.equal(offline.statusCode, 503)
    assert.match(text(offline.body), /Offline account's sign-in service did not answer/)
    assert.equal((await t.app.inject({ method: 'GET', url: '/sign-in/sso/nobody' })).statusCode, 404)
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/sign-in/sso/nobody/callback?state=x' })).statusCode,
      404,
    )
  })

  it('a provider’s client secret is sealed at rest and still opens after the encryption key is rotated', async () => {
    const stored = await t.db.pool.query<{ client_secret: string }>(
      `SELECT client_secret FROM identity_providers WHERE slug = $1`,
      [SLUG],
    )
    assert.ok(!stored.rows[0]?.client_secret.includes(provider.clientSecret))
    const newKey = Buffer.alloc(32, 7).toString('base64')
    const rotated = await rotateEncryptionKey(
      t.db.pool,
      { key: newKey, previousKeys: [TEST_ENCRYPTION_KEY] },
      t.services.audit,
      SYSTEM_ACTOR,
    )
    assert.ok(rotated.resealed >= 1)
    // A hub holding only the new key signs people in through the provider.
    const hub = createServices(
      t.db.pool,
      loadConfig({ VICTIM_HUB_DEMO: 'false', VICTIM_HUB_PUBLIC_URL: HUB, VICTIM_HUB_ENCRYPTION_KEY: newKey }),
    )
    const begun = await hub.singleSignOn.begin(SLUG, `${HUB}/sign-in/sso/${SLUG}/callback`, '/staff')
    assert.equal(begun.outcome, 'redirect')
    if (begun.outcome !== 'redirect') return
    const back = await signInAtProvider(begun.url, 'pc-1001')
    const result = await hub.singleSignOn.complete(SLUG, back, begun.pending, SYSTEM_ACTOR)
    assert.equal(result.outcome, 'signed_in')
  })
})
