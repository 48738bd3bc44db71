import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

describe('staff sign-in', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES: '3', SIGNIN_LOCK_MINUTES: '15' })
  })
  after(async () => t.close())

  it('signs a caseworker in and shows their name, role and team on the home page', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app)
    const response = await client.signIn(user)
    assert.equal(response.statusCode, 302)
    assert.equal(response.headers.location, '/staff')
    const home = await client.get('/staff')
    assert.equal(home.statusCode, 200)
    assert.match(home.body, /Hello, Test hub_caseworker/)
    assert.match(home.body, /Hub caseworker/)
    assert.match(home.body, /First contact/)
    assert.match(home.body, /First contact queue/)
    assert.doesNotMatch(home.body, /Users and teams/, 'a caseworker is not shown the administrator sections')
  })

  it('rejects a wrong password without saying which part was wrong, and audits it', async () => {
    const user = await createStaffUser(t.services, 'commissioner')
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in')
    const response = await client.post('/sign-in', { email: user.email, password: 'not the password at all' })
    assert.equal(response.statusCode, 401)
    assert.match(response.body, /Enter a correct email address and password/)
    const audit = await t.services.audit.recent({ recordId: user.id, action: 'sign_in.failed' })
    assert.equal(audit.length, 1)
  })

  it('locks the account after repeated failures, even against the right password', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in')
    for (let i = 0; i < 3; i++)
      await client.post('/sign-in', { email: user.email, password: `wrong guess ${i}` })
    const response = await client.post('/sign-in', { email: user.email, password: user.password })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /locked/)
    assert.equal((await client.get('/staff')).statusCode, 302, 'still not signed in')
    const locked = await t.services.audit.recent({ recordId: user.id, action: 'account.locked' })
    assert.equal(locked.length, 1)
  })

  it('answers an email that is no account exactly as it answers a locked account', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const attempts = async (email: string) => {
      const client = new BrowserLikeClient(t.app)
      await client.get('/sign-in')
      const answers = []
      for (let i = 0; i < 5; i++) {
        const response = await client.post('/sign-in', { email, password: `wrong guess ${i}` })
        const message = /<a href="#email"[^>]*>([^<]+)<\/a>/.exec(response.body)?.[1]
        // The time the lock ends may fall in another minute for the second email.
        answers.push(`${response.statusCode} ${message?.trim().replace(/\d\d:\d\d/, 'HH:MM')}`)
      }
      return answers
    }
    const account = await attempts(user.email)
    const nobody = await attempts('nobody.at.all@hub.example')
    assert.match(account[4] as string, /^403 This account is locked/)
    assert.deepEqual(nobody, account, 'the answers say nothing about whether the account exists')
  })

  it('rejects a form without its CSRF token with 403 and changes nothing', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app)
    await client.signIn(user)
    const response = await client.post('/sign-out', {}, { csrf: false })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /could not be sent/)
    assert.equal((await client.get('/staff')).statusCode, 200, 'the session was not ended')
    const forged = await client.post('/sign-out', { _csrf: 'forged-token' }, { csrf: false })
    assert.equal(forged.statusCode, 403)
    assert.equal((await client.get('/staff')).statusCode, 200)
  })

  it('asks an administrator for a second factor and refuses a wrong code', async () => {
    const admin = await createStaffUser(t.services, 'administrator')
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in')
    const step1 = await client.post('/sign-in', { email: admin.email, password: admin.password })
    assert.equal(step1.headers.location, '/sign-in/two-factor')
    assert.equal(
      (await client.get('/staff')).statusCode,
      302,
      'a password alone does not sign an administrator in',
    )
    await client.get('/sign-in/two-factor')
    const wrong = await client.post('/sign-in/two-factor', { code: '000000' })
    assert.equal(wrong.statusCode, 401)
    const right = await new BrowserLikeClient(t.app).signIn(admin)
    assert.equal(right.headers.location, '/staff')
  })

  it('makes a new administrator set up an authenticator app before signing in', async () => {
    const email = 'new.admin@hub.example'
    await t.services.accounts.createUser(
      {
        email,
        displayName: 'New Admin',
        role: 'administrator',
        teamName: 'Hub administration',
        password: 'a long enough password',
      },
      { userId: null, label: 'test', ip: null, requestId: null },
    )
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in')
    const step1 = await client.post('/sign-in', { email, password: 'a long enough password' })
    assert.equal(step1.headers.location, '/sign-in/two-factor/set-up')
    const page = await client.get('/sign-in/two-factor/set-up')
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)?.[1]
    assert.ok(secret, 'the set-up page shows the key')
    const { totpCode } = await import('../../support/app.ts')
    const done = await client.post('/sign-in/two-factor/set-up', { code: totpCode(secret) })
    assert.equal(done.headers.location, '/staff')
    assert.equal((await client.get('/staff')).statusCode, 200)
  })

  it('signs out, ends the session on the server and audits it', async () => {
    const user = await createStaffUser(t.services, 'team_manager')
    const client = new BrowserLikeClient(t.app)
    await client.signIn(user)
    await client.get('/staff')
    const out = await client.post('/sign-out', {})
    assert.equal(out.statusCode, 302)
    assert.equal((await client.get('/staff')).statusCode, 302)
    assert.equal((await t.services.audit.recent({ recordId: user.id, action: 'sign_out' })).length, 1)
  })

  it('never redirects to another site after sign-in', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in?next=//evil.example/')
    const response = await client.post('/sign-in', {
      email: user.email,
      password: user.password,
      next: '//evil.example/',
    })
    assert.equal(response.headers.location, '/staff')
  })

  it('slows down a flood of sign-in attempts from one address', async () => {
    const limited = await startTestApp({ SIGNIN_RATE_LIMIT_PER_MINUTE: '3' })
    try {
      const client = new BrowserLikeClient(limited.app)
      await client.get('/sign-in')
      const statuses = []
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await client.post('/sign-in', { email: 'nobody@hub.example', password: 'guess' })).statusCode,
        )
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429])
    } finally {
      await limited.close()
    }
  })

  it('sends security headers on every page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/sign-in' })
    assert.match(String(response.headers['content-security-policy']), /script-src 'self' 'nonce-/)
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['referrer-policy'], 'no-referrer')
    assert.equal(response.headers['cache-control'], 'no-store')
  })
})
