// The staff pages changed so that a new user is offered only what exists and reads names, in a
// browser with axe on every page: the home page, the assessment page with its contact details and its
// link to the victim record (and back), an empty risk checklist refused, the likely matches before a
// referral is sent, and the data quality report's date inputs.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createStaffUser } from '../support/app.ts'
import { assertAccessible, browserSkipReason, newPage, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

/** Posts a form from the page's own session, with the CSRF token the page holds. */
async function postForm(page: Page, url: string, form: Record<string, string>) {
  await page.goto(url)
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue()
  const response = await page.request.post(url, { form: { ...form, _csrf: csrf }, maxRedirects: 0 })
  assert.equal(response.status(), 302, `${url}: ${(await response.text()).slice(0, 300)}`)
}

describe('staff pages a new user tries, in a browser', { skip }, () => {
  const hub = startHubInBrowser()
  let referralId: string
  before(async () => {
    const received = await hub.server.services.intake.receive(
      [sampleReferral({ referral_id: 'E2E-1', crime_category: 'other_theft' })],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    referralId = received.records?.[0]?.referralUuid as string
    await hub.server.services.triage.triagePending()
  })

  it('a caseworker goes from the assessment to the victim record and back, and an empty checklist is refused', async () => {
    const caseworker = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, caseworker)
    await assertAccessible(page, 'home')
    assert.equal(await page.getByText('Not available yet').count(), 0)
    for (const link of await page.locator('.vh-section-grid a').all()) {
      const href = new URL((await link.getAttribute('href')) ?? '', page.url()).toString()
      assert.equal((await page.request.get(href)).status(), 200, `${href} opens`)
    }

    await visit(page, `${hub.server.baseUrl}/staff/assessment/${referralId}`)
    const contact = page.locator('#contact + dl')
    assert.match((await contact.textContent()) ?? '', /07700 900123[\s\S]*Safe to leave voicemail/)
    await page.getByRole('link', { name: /victim record/ }).click()
    await page.waitForURL(/\/staff\/victims\/[0-9a-f-]{36}$/)
    await assertAccessible(page, 'victim record')
    await page.getByRole('link', { name: /open this referral/ }).click()
    await page.waitForURL(new RegExp(`/staff/assessment/${referralId}$`))

    await page.getByRole('link', { name: 'Start the risk checklist' }).click()
    await page.getByRole('button', { name: 'Save the risk checklist' }).click()
    await assertAccessible(page, 'empty risk checklist refused')
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /Answer at least one question, or record your professional judgement/,
    )
    await page.context().close()
  })

  it('a caseworker sees the victims the hub already knows before sending a referral', async () => {
    const caseworker = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, caseworker)
    const base = `${hub.server.baseUrl}/staff/refer`
    await postForm(page, `${base}/person`, {
      victimType: 'direct',
      forename: 'Bethan',
      surname: 'Pritchard',
      'dob-day': '21',
      'dob-month': '7',
      'dob-year': '1984',
    })
    await postForm(page, `${base}/contact`, { email: 'bethan.pritchard@example.org', safeToEmail: 'Y' })
    await postForm(page, `${base}/crime`, { crimeCategory: 'robbery', toldPolice: 'no' })
    await postForm(page, `${base}/consent`, { consent: 'yes' })
    await visit(page, `${base}/check-answers`)
    const matches = page.locator('#likely-matches')
    assert.match(
      (await matches.textContent()) ?? '',
      /Bethan Pritchard[\s\S]*Name, date of birth, email address/,
    )
    await page.context().close()
  })

  it('the data quality report asks for dates with GOV.UK date inputs', async () => {
    const officer = await createStaffUser(hub.server.services, 'data_quality_officer')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, officer)
    await visit(page, `${hub.server.baseUrl}/staff/data-quality/report`)
    await page.locator('#from-day').fill('31')
    await page.locator('#from-month').fill('2')
    await page.locator('#from-year').fill('2026')
    await page.getByRole('button', { name: 'Show report' }).click()
    await assertAccessible(page, 'report with a date that is not real')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /The start date must be a real date/)
    await page.context().close()
  })
})
