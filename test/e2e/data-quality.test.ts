import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createStaffUser } from '../support/app.ts'
import { assertAccessible, browserSkipReason, newPage, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('data quality queue in a browser', { skip }, () => {
  const hub = startHubInBrowser()

  it('an officer corrects a held record and releases it, and it is accepted', async () => {
    const result = await hub.server.services.intake.receive(
      [sampleReferral({ referral_id: 'E2E-DQ-1', date_of_birth: '2031-01-01', crime_reference: 'WK/E2E' })],
      { kind: 'police_feed', organisationId: null, fileName: 'e2e.csv' },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    const receiptId = result.records?.[0]?.receiptId as string
    assert.equal(result.records?.[0]?.state, 'quarantined')

    const officer = await createStaffUser(hub.server.services, 'data_quality_officer')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, officer)
    await page.getByRole('link', { name: 'Data quality queue' }).click()
    await page.waitForURL(/data-quality$/)
    await assertAccessible(page, 'queue')
    assert.ok(await page.getByText('Date of birth is after the crime was reported').isVisible())

    await page.getByRole('link', { name: 'Bethan Pritchard' }).click()
    await page.waitForURL(/records\//)
    await assertAccessible(page, 'held record')
    await page.getByLabel('Date of birth (date_of_birth)').fill('2031-02-02')
    await page.getByRole('button', { name: 'Release into the normal flow' }).click()
    await assertAccessible(page, 'held record with an error')
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /Date of birth is after the crime was reported/,
    )
    assert.equal(
      (await hub.server.services.intake.findReceipt(receiptId))?.state,
      'quarantined',
      'nothing changed',
    )

    await page.getByLabel('Date of birth (date_of_birth)').fill('1984-07-21')
    await page.getByRole('button', { name: 'Release into the normal flow' }).click()
    await page.waitForURL(/data-quality$/)
    await assertAccessible(page, 'queue after release')
    assert.ok(await page.getByText('The referral was accepted').isVisible())
    assert.equal((await hub.server.services.intake.findReceipt(receiptId))?.state, 'accepted')

    await visit(page, `${hub.server.baseUrl}/staff/data-quality/report?from=2020-01-01`)
    assert.ok(await page.getByRole('heading', { name: 'Reasons records were held' }).isVisible())
    await page.context().close()
  })
})
