import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

describe('organisations page', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('an administrator adds a police force with its force code; it can then be given an API key', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'administrator'))
    const home = await client.get('/staff')
    assert.match(home.body, /href="\/staff\/organisations"/)
    const list = await client.get('/staff/organisations')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /County Police/)
    await client.get('/staff/organisations/new')
    const added = await client.post('/staff/organisations/new', {
      name: 'Northshire Constabulary',
      kind: 'police',
      forceCode: 'nshire',
    })
    assert.equal(added.statusCode, 302, added.body.slice(0, 500))
    assert.equal(added.headers.location, '/staff/organisations')
    const after = await client.get('/staff/organisations')
    assert.match(
      after.body,
      /Northshire Constabulary<\/th>\s*<td class="govuk-table__cell">Police force<\/td>\s*<td class="govuk-table__cell">NSHIRE/,
    )
    const key = await t.services.apiKeys.create(
      { organisation: 'Northshire Constabulary', label: 'feed', scopes: ['referrals'] },
      SYSTEM_ACTOR,
    )
    assert.match(key.key, /^vh_/)
  })

  it('errors name the field, keep what was typed, and add nothing', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'administrator'))
    const before = (await t.services.organisations.list()).length
    await client.get('/staff/organisations/new')
    const noKind = await client.post('/staff/organisations/new', { name: 'Somewhere' })
    assert.equal(noKind.statusCode, 400)
    assert.match(noKind.body, /href="#kind">Select police force or partner agency/)
    assert.match(noKind.body, /value="Somewhere"/)
    const noCode = await client.post('/staff/organisations/new', { name: 'Somewhere', kind: 'police' })
    assert.equal(noCode.statusCode, 400)
    assert.match(noCode.body, /href="#forceCode">Enter the force code/)
    const taken = await client.post('/staff/organisations/new', {
      name: 'county police',
      kind: 'partner_agency',
    })
    assert.equal(taken.statusCode, 400)
    assert.match(taken.body, /href="#name">There is already an organisation called &quot;County Police&quot;/)
    assert.equal((await t.services.organisations.list()).length, before)
  })

  it('is for administrators only', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'team_manager'))
    assert.equal((await client.get('/staff/organisations')).statusCode, 403)
    await client.get('/staff')
    const post = await client.post('/staff/organisations/new', { name: 'X', kind: 'partner_agency' })
    assert.equal(post.statusCode, 403)
  })
})
