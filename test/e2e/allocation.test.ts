import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createStaffUser } from '../support/app.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'
import { assertAccessible, browserSkipReason, newPage, tabTo, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('first-contact queue, allocation and assessment, in a browser', { skip }, () => {
  const hub = startHubInBrowser()
  before(async () => {
    await receiveGeneratedReferrals(hub.server.services, { seed: 9, count: 120, days: 30 })
    await hub.server.services.triage.triagePending()
  })

  it('a manager allocates a lead worker from the queue and sees the caseload change', async () => {
    const manager = await createStaffUser(hub.server.services, 'team_manager')
    const worker = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, manager)
    await page.getByRole('link', { name: 'First contact queue' }).click()
    await page.waitForURL(/\/staff\/queue$/)
    await assertAccessible(page, 'queue')
    const firstRow = page.locator('#queue tbody tr').first()
    assert.match((await firstRow.textContent()) ?? '', /left|Due|Overdue/, 'time left is shown')

    await firstRow.getByRole('link', { name: /Allocate/ }).click()
    await page.waitForURL(/\/allocate$/)
    await assertAccessible(page, 'allocate')
    await page.getByRole('button', { name: 'Allocate' }).click()
    await assertAccessible(page, 'allocate with an error')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Choose a lead worker/)
    await page.getByLabel('Test hub_caseworker').check()
    await page.getByRole('button', { name: 'Allocate' }).click()
    await page.waitForURL(/\/staff\/queue$/)
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Test hub_caseworker is now the lead worker/,
    )
    await page.getByRole('link', { name: 'See each worker’s caseload' }).click()
    await assertAccessible(page, 'caseloads')
    const row = page.getByRole('row', { name: /Test hub_caseworker/ })
    assert.match((await row.textContent()) ?? '', /First contact\s*1\s*\d+/)
    const loads = await hub.server.services.triage.caseloads(new Date())
    assert.equal(loads.find((l) => l.userId === worker.id)?.victims, 1)
    await page.context().close()
  })

  it('a caseworker re-grades THRIVE, records the needs assessment and a high risk checklist raises MARAC', async () => {
    const caseworker = await createStaffUser(hub.server.services, 'hub_caseworker')
    const { rows } = await hub.server.db.pool.query(
      // An adult's: for a child the same checklist raises a children's safeguarding task instead of MARAC.
      `SELECT t.referral_id FROM triage t JOIN referrals r ON r.id = t.referral_id
       WHERE t.pathway_id = 'domestic_abuse' AND NOT r.under_18 ORDER BY r.reported_at, r.id LIMIT 1`,
    )
    const id = rows[0].referral_id as string
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, caseworker)
    await visit(page, `${hub.server.baseUrl}/staff/assessment/${id}`)

    await page.getByText('Re-grade THRIVE').click()
    await page.getByRole('button', { name: 'Save THRIVE grades' }).click()
    await assertAccessible(page, 'THRIVE with an error')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Say why you are re-grading/)
    for (const el of ['threat', 'harm', 'risk', 'vulnerability']) {
      await page.locator(`input[name="${el}"][value="high"]`).check()
    }
    await page.getByLabel('Why are you re-grading?').fill('Threats made at first contact call')
    await page.getByRole('button', { name: 'Save THRIVE grades' }).click()
    await page.waitForURL(new RegExp(`/staff/assessment/${id}$`))
    await assertAccessible(page, 'assessment after regrade')
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /THRIVE re-graded/)

    await page.getByRole('link', { name: 'Start the needs assessment' }).click()
    await assertAccessible(page, 'needs assessment')
    await page.getByRole('button', { name: 'Save the needs assessment' }).click()
    await assertAccessible(page, 'needs assessment with errors')
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /Safety and security: choose a level of need/,
    )
    for (const radio of await page.locator('input[type="radio"][value="medium"]').all()) await radio.check()
    await page.getByRole('checkbox', { name: 'Domestic abuse disclosed' }).check()
    await page.getByRole('button', { name: 'Save the needs assessment' }).click()
    await page.waitForURL(new RegExp(`/staff/assessment/${id}$`))
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /overall need medium/,
    )

    await page.getByRole('link', { name: 'Start the risk checklist' }).click()
    await assertAccessible(page, 'risk checklist')
    const yes = await page.locator('input[type="radio"][value="yes"]').all()
    for (const radio of yes.slice(0, 15)) await radio.check()
    await tabTo(page, 'form[action$="risk-checklist"] button', 200)
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/staff/assessment/${id}$`))
    await assertAccessible(page, 'assessment with a MARAC task')
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /high risk \(15 yes\)\. A MARAC referral task was raised/,
    )
    assert.ok(await page.getByText(/Raise a MARAC referral/).isVisible())
    await page.getByRole('button', { name: 'Mark the MARAC referral as made' }).click()
    await page.waitForURL(new RegExp(`/staff/assessment/${id}$`))
    assert.equal(await page.getByText(/Raise a MARAC referral/).count(), 0)
    await page.context().close()
  })
})
