import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

const marked = (body: string) => body.match(/govuk-form-group--error/g)?.length ?? 0

describe('routing rule and capacity pages', () => {
  let t: TestApp
  let admin: BrowserLikeClient
  before(async () => {
    t = await startTestApp()
    await t.services.triage.ensureSeeded()
    admin = new BrowserLikeClient(t.app)
    await admin.signIn(await createStaffUser(t.services, 'administrator'))
  })
  after(async () => t.close())

  it('a provider’s capacity page marks no field wrong until a wrong one is sent, then only that one', async () => {
    const page = await admin.get('/staff/routing/providers/rosa-isva')
    assert.equal(page.statusCode, 200)
    assert.equal(marked(page.body), 0)
    const refused = await admin.post('/staff/routing/providers/rosa-isva', {
      monthlyReferralCapacity: 'lots',
      activeCaseCapacity: '220',
      expectedWaitDays: '',
    })
    assert.equal(refused.statusCode, 400)
    assert.equal(marked(refused.body), 1)
    assert.match(refused.body, /New referrals a month must be a whole number, 0 or more/)
    assert.match(refused.body, /value="lots"/, 'what was typed is shown again')
    assert.equal(
      (await t.services.triage.provider('rosa-isva'))?.monthlyReferralCapacity,
      65,
      'nothing changed',
    )
  })

  it('a rule page marks no field wrong until a wrong one is sent, then only that one', async () => {
    const page = await admin.get('/staff/routing/rules/burglary')
    assert.equal(page.statusCode, 200)
    assert.equal(marked(page.body), 0)
    const refused = await admin.post('/staff/routing/rules/burglary', {
      description: '',
      crimeCategories: 'burglary_residential',
      pathway: 'burglary',
      provider1: 'victim-support-burglary',
      offer: 'targeted',
    })
    assert.equal(refused.statusCode, 400)
    assert.equal(marked(refused.body), 1)
    assert.match(refused.body, /href="#description"/)
  })
})
