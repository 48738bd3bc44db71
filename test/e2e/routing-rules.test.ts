import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createStaffUser } from '../support/app.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'
import { assertAccessible, browserSkipReason, newPage, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('editing a routing rule with its preview, in a browser', { skip }, () => {
  const hub = startHubInBrowser()
  before(async () => {
    await receiveGeneratedReferrals(hub.server.services, { seed: 5, count: 300, days: 60 })
    await hub.server.services.triage.triagePending()
  })

  it('an administrator previews a change against the latest referrals, then saves it as a new version', async () => {
    const admin = await createStaffUser(hub.server.services, 'administrator')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, admin)
    await page.getByRole('link', { name: 'Routing rules and services' }).click()
    await page.waitForURL(/\/staff\/routing$/)
    await assertAccessible(page, 'routing rules')
    assert.match((await page.locator('.govuk-summary-list').textContent()) ?? '', /version 1/)

    await page.getByRole('link', { name: 'Edit rule Residential burglary' }).click()
    await page.waitForURL(/\/staff\/routing\/rules\/burglary$/)
    await assertAccessible(page, 'edit rule')
    assert.equal(
      await page.getByRole('button', { name: /Save as version/ }).count(),
      0,
      'no save before a preview',
    )

    await page.getByRole('checkbox', { name: 'Business and community burglary', exact: true }).check()
    await page.getByLabel('Description').fill('Residential or business burglary')
    await page.getByRole('button', { name: 'Preview the change' }).click()
    await page.getByRole('heading', { name: /Preview against 200 latest referrals/ }).waitFor()
    await assertAccessible(page, 'rule preview')
    const changed = (await page.locator('#preview-changed').textContent()) ?? ''
    const count = Number(/^(\d+) of 200/.exec(changed.trim())?.[1])
    assert.ok(count > 0, `some business burglaries move to the burglary pathway: ${changed}`)
    const rows = await page.locator('#preview-changes tbody tr').allTextContents()
    assert.ok(
      rows.every((r) => /Burglary, targeted offer \(rule “Residential or business burglary”\)/.test(r)),
      'every change goes to burglary',
    )

    await page.getByRole('button', { name: 'Save as version 2' }).click()
    await page.waitForURL(/\/staff\/routing$/)
    await assertAccessible(page, 'routing rules after save')
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /version 2 is now in force/,
    )
    const current = await hub.server.services.triage.routingOverview(new Date())
    assert.equal(current.ruleSet.version, 2)
    assert.deepEqual(current.ruleSet.rules.find((r) => r.id === 'burglary')?.when.crimeCategories, [
      'burglary_residential',
      'burglary_business',
    ])
    await page.context().close()
  })

  it('a wrong provider is refused with the field named, and capacity is edited with errors shown', async () => {
    const admin = await createStaffUser(hub.server.services, 'administrator')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, admin)
    await visit(page, `${hub.server.baseUrl}/staff/routing/rules/fraud`)
    await page.getByLabel('First choice').selectOption('refuge-da')
    await page.getByRole('button', { name: 'Preview the change' }).click()
    await assertAccessible(page, 'rule with an error')
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /Provider choice 1: refuge-da serves domestic_abuse, not fraud/,
    )

    await visit(page, `${hub.server.baseUrl}/staff/routing/providers/victim-support-general`)
    await page.getByLabel('New referrals a month').fill('lots')
    await page.getByRole('button', { name: 'Save capacity' }).click()
    await assertAccessible(page, 'capacity with an error')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /whole number/)
    await page.getByLabel('New referrals a month').fill('1500')
    await page.getByLabel('Expected wait, in days (optional)').fill('10')
    await page.getByRole('button', { name: 'Save capacity' }).click()
    await page.waitForURL(/\/staff\/routing#providers$/)
    const provider = await hub.server.services.triage.provider('victim-support-general')
    assert.equal(provider?.monthlyReferralCapacity, 1500)
    assert.equal(provider?.expectedWaitDays, 10)
    await page.context().close()
  })
})
