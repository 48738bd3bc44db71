import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser, enableSecondFactor, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

describe('administrators manage users', () => {
  let t: TestApp
  let admin: BrowserLikeClient
  before(async () => {
    t = await startTestApp()
    admin = new BrowserLikeClient(t.app)
    await admin.signIn(await createStaffUser(t.services, 'administrator'))
  })
  after(async () => t.close())

  it('adds a user who can then sign in with the password shown once', async () => {
    await admin.get('/staff/users/new')
    const created = await admin.post('/staff/users/new', {
      name: 'Jo Worker',
      email: 'jo.worker@hub.example',
      role: 'hub_caseworker',
      team: '',
    })
    assert.equal(created.statusCode, 200)
    const password = /id="new-password">([^<]+)</.exec(created.body)?.[1]
    assert.ok(password)
    const jo = new BrowserLikeClient(t.app)
    const signIn = await jo.signIn({
      id: '',
      email: 'jo.worker@hub.example',
      password,
      role: 'hub_caseworker',
    })
    assert.equal(signIn.headers.location, '/staff')
    const audit = await t.services.audit.recent({ action: 'user.created' })
    assert.ok(audit.some((row) => (row.details as { email: string }).email === 'jo.worker@hub.example'))
  })

  it('lists accounts for the users page without any password hash or authenticator secret', async () => {
    const withSecret = await createStaffUser(t.services, 'administrator')
    await enableSecondFactor(t.services, withSecret.id, 'JBSWY3DPEHPK3PXP')
    const accounts = await t.services.accounts.listUsers()
    assert.ok(accounts.length >= 2)
    for (const account of accounts) {
      assert.equal('passwordHash' in account, false, `${account.email} is listed with its password hash`)
      assert.equal('totpSecret' in account, false, `${account.email} is listed with its authenticator secret`)
    }
    assert.equal(accounts.find((a) => a.id === withSecret.id)?.totpEnabled, true)
  })

  it('names the field when the form is wrong and adds nobody', async () => {
    const usersBefore = (await t.services.accounts.listUsers()).length
    await admin.get('/staff/users/new')
    const response = await admin.post('/staff/users/new', { name: '', email: 'not-an-email', role: 'wizard' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#name">Enter the person’s name/)
    assert.match(response.body, /href="#email">Enter an email address like name@example.org/)
    assert.match(response.body, /href="#role">Select a role/)
    assert.equal((await t.services.accounts.listUsers()).length, usersBefore)
  })

  it('changes a role and audits the change with before and after', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    await admin.get(`/staff/users/${user.id}`)
    const response = await admin.post(`/staff/users/${user.id}/role`, { role: 'team_manager', teamId: '' })
    assert.equal(response.statusCode, 302)
    const [row] = await t.services.audit.recent({ recordId: user.id, action: 'user.role_changed' })
    assert.ok(row, 'the change is audited')
    const details = row.details as { from: { role: string }; to: { role: string } }
    assert.equal(details.to.role, 'team_manager')
    assert.equal(details.from.role, 'hub_caseworker')
  })

  it('a role change signs the person out everywhere; promoted to administrator, they must set up a second factor', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const phone = new BrowserLikeClient(t.app)
    const laptop = new BrowserLikeClient(t.app)
    await phone.signIn(user)
    await laptop.signIn(user)
    assert.equal((await laptop.get('/staff')).statusCode, 200)
    await admin.get(`/staff/users/${user.id}`)
    await admin.post(`/staff/users/${user.id}/role`, { role: 'administrator', teamId: '' })
    for (const client of [phone, laptop]) {
      for (const page of ['/staff/users', '/staff/audit', '/staff']) {
        const response = await client.get(page)
        assert.equal(response.statusCode, 302, `${page} after the role change`)
        assert.match(String(response.headers.location), /^\/sign-in/)
      }
    }
    const again = await new BrowserLikeClient(t.app).signIn(user)
    assert.equal(again.headers.location, '/sign-in/two-factor/set-up', 'a password alone is not enough now')
    const signedOut = await t.services.audit.recent({ recordId: user.id, action: 'sessions.ended' })
    assert.equal((signedOut[0]?.details as { sessions?: number })?.sessions, 2)
  })

  it('an administrator session that never passed a second factor reaches no administrator page', async () => {
    // An account made administrator outside the hub's pages (straight in the database) while signed in.
    const user = await createStaffUser(t.services, 'team_manager')
    const first = new BrowserLikeClient(t.app)
    const second = new BrowserLikeClient(t.app)
    await first.signIn(user)
    await second.signIn(user)
    await t.db.pool.query(`UPDATE users SET role = 'administrator' WHERE id = $1`, [user.id])
    const users = await first.get('/staff/users')
    assert.equal(users.statusCode, 302)
    assert.equal(users.headers.location, '/sign-in/two-factor/set-up')
    // Even with an authenticator on the account, a session that has not shown a code is sent to show one.
    await enableSecondFactor(t.services, user.id, 'JBSWY3DPEHPK3PXP')
    const audit = await second.get('/staff/audit')
    assert.equal(audit.statusCode, 302)
    assert.equal(audit.headers.location, '/sign-in/two-factor')
    assert.equal((await second.get('/staff/audit')).headers.location, '/sign-in?next=%2Fstaff%2Faudit')
  })

  it('a password alone cannot replace an authenticator that is set up', async () => {
    const user = await createStaffUser(t.services, 'administrator')
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in')
    const step1 = await client.post('/sign-in', { email: user.email, password: user.password })
    assert.equal(step1.headers.location, '/sign-in/two-factor')
    const setUp = await client.get('/sign-in/two-factor/set-up')
    assert.equal(setUp.statusCode, 302)
    assert.equal(setUp.headers.location, '/sign-in/two-factor')
    const { rows } = await t.db.pool.query('SELECT totp_enabled FROM users WHERE id = $1', [user.id])
    assert.equal(rows[0].totp_enabled, true, 'the authenticator stays on')
    assert.equal((await client.get('/staff')).statusCode, 302)
    assert.equal((await new BrowserLikeClient(t.app).signIn(user)).headers.location, '/staff')
  })

  it('disables an account so it can no longer sign in', async () => {
    const user = await createStaffUser(t.services, 'commissioner')
    await admin.get(`/staff/users/${user.id}`)
    await admin.post(`/staff/users/${user.id}/status`, { action: 'disable' })
    const response = await new BrowserLikeClient(t.app).signIn(user)
    assert.equal(response.statusCode, 401)
  })

  it('checks the audit log from the audit page', async () => {
    await admin.get('/staff/audit')
    const response = await admin.post('/staff/audit/verify', {})
    assert.match(response.body, /The audit log is intact: \d+ rows verified/)
  })
})
