import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createStaffUser } from '../support/app.ts'
import { restrictedReferral } from '../support/referrals.ts'
import { assertAccessible, browserSkipReason, newPage } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('finding a victim in a browser', { skip }, () => {
  const hub = startHubInBrowser()
  before(async () => {
    const result = await hub.server.services.intake.receive(
      [
        sampleReferral({ referral_id: 'E2E-FIND-1', crime_reference: 'WK/E2E/1' }),
        restrictedReferral({ referral_id: 'E2E-FIND-2', crime_reference: 'WK/E2E/2' }),
      ],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    assert.deepEqual(
      result.records?.map((r) => r.state),
      ['accepted', 'accepted'],
    )
  })

  it('a caseworker searches, reads the results and opens the victim', async () => {
    const caseworker = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, caseworker)
    await page.getByRole('link', { name: 'Find a victim' }).click()
    await page.waitForURL(/\/staff\/victims\/search$/)
    await assertAccessible(page, 'search page')

    const searchBox = page.getByLabel(/Name, date of birth, phone number/)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/staff\/victims\/search\?q=$/)
    await assertAccessible(page, 'search page with an error')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Enter a name, date of birth/)

    await searchBox.fill('Marchetti')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=Marchetti/)
    await assertAccessible(page, 'results with a restricted record')
    assert.match(
      (await page.getByRole('row', { name: /Delyth Marchetti/ }).textContent()) ?? '',
      /Restricted/,
    )

    await searchBox.fill('07700 900123')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=07700/)
    await assertAccessible(page, 'results')
    assert.ok(await page.getByText('Searched by phone number 07700 900123.').isVisible())
    const row = page.getByRole('row', { name: /Bethan Pritchard/ })
    const text = (await row.textContent()) ?? ''
    assert.match(text, /21 July 1984/)
    assert.match(text, /CV34/)
    assert.doesNotMatch(text, /4AB/, 'the postcode district only')

    await row.getByRole('link', { name: 'Bethan Pritchard' }).click()
    await page.waitForURL(/\/staff\/victims\/[0-9a-f-]{36}$/)
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Bethan Pritchard' }).isVisible())
    await assertAccessible(page, 'victim page')
    await page.context().close()
  })
})
