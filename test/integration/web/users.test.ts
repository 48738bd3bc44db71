import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
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
