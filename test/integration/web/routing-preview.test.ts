import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { PATHWAYS } from '../../../src/domain/triage/pathways.ts'
import { routingPreviewSample } from '../../../src/domain/triage/preview-sample.ts'
import type { RoutingRule } from '../../../src/domain/triage/routing.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { receiveGeneratedReferrals } from '../../support/referrals.ts'

const SAMPLE_SIZE = routingPreviewSample(new Date()).length

/** The burglary rule widened to business burglaries, the change an administrator is most likely to try. */
async function widenedBurglaryRule(test: TestApp): Promise<RoutingRule> {
  const overview = await test.services.triage.routingOverview(new Date())
  const burglary = overview.ruleSet.rules.find((r) => r.id === 'burglary')
  assert.ok(burglary)
  return { ...burglary, when: { crimeCategories: ['burglary_residential', 'burglary_business'] } }
}

describe('previewing a routing rule change on a hub with too few referrals of its own', () => {
  let test: TestApp
  before(async () => {
    test = await startTestApp()
  })
  after(async () => test.close())

  it('a new hub previews against the fixed sample, which reaches every pathway', async () => {
    const preview = await test.services.triage.previewRuleChange('burglary', await widenedBurglaryRule(test))
    assert.ok(preview.ok)
    assert.equal(preview.sampleSource, 'sample')
    assert.equal(preview.sampleCount, SAMPLE_SIZE)
    const reached = preview.summary.filter((row) => row.before > 0).map((row) => row.pathway)
    assert.deepEqual(reached.sort(), PATHWAYS.map((p) => p.id).sort(), 'every pathway has a referral now')
    assert.deepEqual(
      preview.changed.map((row) => row.label),
      [
        'Sample 31: Business burglary, corner shop, aged 55, Bedworth',
        'Sample 32: Business burglary, village hall, aged 61, Southam',
      ],
    )
    assert.ok(preview.changed.every((row) => row.old.pathway === 'general_support'))
    assert.ok(preview.changed.every((row) => row.new.pathway === 'burglary'))
  })

  it('the page says the preview is on sample referrals and names what each changed one is', async () => {
    const admin = await createStaffUser(test.services, 'administrator')
    const browser = new BrowserLikeClient(test.app)
    await browser.signIn(admin)
    const page = await browser.get('/staff/routing/rules/burglary')
    assert.equal(page.statusCode, 200)
    const rule = await widenedBurglaryRule(test)
    // The rule narrowed to business burglary alone: the form sends one crime category.
    const response = await browser.post('/staff/routing/rules/burglary', {
      description: 'Business burglary',
      crimeCategories: 'burglary_business',
      pathway: rule.outcome.pathway ?? '',
      ...Object.fromEntries(rule.outcome.providers.map((id, i) => [`provider${i + 1}`, id])),
      offer: rule.outcome.offer ?? '',
      action: 'preview',
    })
    assert.equal(response.statusCode, 200)
    assert.match(
      response.body,
      new RegExp(`Preview against ${SAMPLE_SIZE} sample referrals \\(the hub has too few of its own yet\\)`),
    )
    assert.match(response.body, /Sample 27: Residential burglary, aged 47, Warwick/)
    assert.match(response.body, /Sample 31: Business burglary, corner shop, aged 55, Bedworth/)
  })

  it('a few referrals are still too few; once the hub has as many as the sample, its own are used', async () => {
    await receiveGeneratedReferrals(test.services, { seed: 3, count: 20, days: 30 })
    const few = await test.services.triage.previewRuleChange('burglary', await widenedBurglaryRule(test))
    assert.ok(few.ok && few.sampleSource === 'sample' && few.sampleCount === SAMPLE_SIZE)
    await receiveGeneratedReferrals(test.services, { seed: 4, count: 120, days: 30 })
    const own = await test.services.triage.previewRuleChange('burglary', await widenedBurglaryRule(test))
    assert.ok(own.ok)
    assert.equal(own.sampleSource, 'referrals')
    assert.ok(own.sampleCount >= SAMPLE_SIZE && own.sampleCount <= 200, `${own.sampleCount} referrals`)
  })
})
