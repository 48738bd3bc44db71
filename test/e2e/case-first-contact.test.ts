import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser } from '../support/app.ts'
import { type FakeNotify, startFakeNotify } from '../support/fake-notify/index.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'
import { assertAccessible, browserSkipReason, newPage } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('a case from the queue to first contact, in a browser', { skip }, () => {
  let fake: FakeNotify
  const hub = startHubInBrowser(async () => {
    fake = await startFakeNotify()
    const templates = fake.addGeneralTemplates()
    return {
      NOTIFY_API_KEY: fake.createApiKey({ name: 'hub_e2e' }),
      NOTIFY_BASE_URL: fake.baseUrl,
      NOTIFY_TEXT_TEMPLATE: templates.text,
      NOTIFY_EMAIL_TEMPLATE: templates.email,
      NOTIFY_LETTER_TEMPLATE: templates.letter,
    }
  })
  let referralId: string
  let victimName: string

  before(async () => {
    // Police referrals, as the feed sends them, triaged.
    await receiveGeneratedReferrals(hub.server.services, { seed: 31, count: 80, days: 20 })
    await hub.server.services.triage.triagePending()
    const { rows } = await hub.server.db.pool.query(
      `SELECT r.id, r.victim_id, v.forename || ' ' || v.surname AS name FROM referrals r
       JOIN triage t ON t.referral_id = r.id JOIN victims v ON v.id = r.victim_id
       WHERE t.pathway_id = 'general_support' AND r.domestic_abuse <> 'Y' AND r.cse <> 'Y'
         AND r.crime_category NOT IN ('rape', 'sexual_offence_other') ORDER BY r.id LIMIT 1`,
    )
    referralId = rows[0].id
    victimName = rows[0].name
    // This victim said: calls and texts are safe, email and voicemail are not; received today, so its
    // first-contact deadline is still to come.
    await hub.server.db.pool.query(
      `UPDATE victims SET forename = split_part($2, ' ', 1), phone_mobile = '+447700900401', phone_other = NULL,
         email = 'victim@example.org', safe_to_call = 'Y', safe_to_text = 'Y', safe_to_email = 'N',
         safe_to_leave_voicemail = 'N', safe_days = '{}', safe_from = NULL, safe_to = NULL WHERE id = $1`,
      [rows[0].victim_id, victimName],
    )
    await hub.server.db.pool.query(
      `UPDATE referrals SET first_contact_due = (now() AT TIME ZONE 'Europe/London')::date + 3 WHERE id = $1`,
      [referralId],
    )
  })
  after(async () => fake?.close())

  it('a caseworker takes a referral, two attempts fail (one a text seen at Notify), an unsafe email is refused, and first contact is made on time', async () => {
    const caseworker = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, caseworker)

    await page.getByRole('link', { name: 'My cases' }).click()
    await page.waitForURL(/\/staff\/cases$/)
    await assertAccessible(page, 'my cases, empty')

    // This referral's own Take button: another referral of the same victim, or a namesake, may be listed
    // too, and the queue shows 50 a page.
    const take = page.locator(`form[action="/staff/cases/take-referral/${referralId}"] button`)
    for (let queuePage = 1; queuePage <= 5; queuePage++) {
      await page.goto(`${hub.server.baseUrl}/staff/queue?unallocated=yes&page=${queuePage}`)
      if ((await take.count()) > 0) break
    }
    assert.match((await take.getAttribute('aria-label')) ?? '', new RegExp(`Take ${victimName} for myself`))
    await take.click()
    await page.waitForURL(/\/staff\/cases\/[0-9a-f-]{36}$/)
    await assertAccessible(page, 'case page')
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /You are now the lead worker/,
    )
    const caseUrl = page.url()
    assert.ok(
      await page.getByRole('heading', { name: 'Safe contact: read before every contact' }).isVisible(),
    )

    // First attempt: a call, no answer.
    await page.getByLabel('Phone call').check()
    await page.getByLabel('No answer').check()
    await page.getByRole('button', { name: 'Record contact attempt' }).click()
    await page.waitForURL(caseUrl)
    assert.match(
      (await page.locator('.govuk-notification-banner').textContent()) ?? '',
      /Next attempt due by/,
    )

    // An email, which the victim said is not safe: refused on screen, nothing recorded.
    await page.getByLabel('Email', { exact: true }).check()
    await page.getByLabel('Sent (a text, email or letter)').check()
    await page.getByRole('button', { name: 'Record contact attempt' }).click()
    await assertAccessible(page, 'an unsafe contact refused')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /The victim said emails are not safe/)

    // Second attempt: a text, which goes through the outbox to Notify.
    await page.getByLabel('Text message').check()
    await page.getByLabel('Sent (a text, email or letter)').check()
    await page.getByRole('button', { name: 'Record contact attempt' }).click()
    await page.waitForURL(caseUrl)
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /in the outbox/)
    await hub.server.services.outbox.run()
    const texts = fake.received.filter(
      (m) => m.type === 'sms' && m.phoneNumber?.replace(/\D/g, '').endsWith('7700900401'),
    )
    assert.equal(texts.length, 1, 'the text is seen at Notify once')
    assert.match(texts[0]?.body ?? '', /We tried to call you today/)

    // Third attempt: a call, and they answer.
    await page.reload()
    await page.getByLabel('Phone call').check()
    await page.getByLabel('Spoke to the victim').check()
    await page.getByRole('button', { name: 'Record contact attempt' }).click()
    await page.waitForURL(caseUrl)
    await assertAccessible(page, 'case after first contact')
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /First contact made/)
    assert.match((await page.locator('h1').textContent()) ?? '', /Assessing needs/)
    assert.match(
      (await page.locator('#attempts').textContent()) ?? '',
      /No answer[\s\S]*Sent[\s\S]*Spoke to the victim/,
    )

    const referral = await hub.server.db.pool.query(
      'SELECT status, first_contact_on_time FROM referrals WHERE id = $1',
      [referralId],
    )
    assert.deepEqual(
      referral.rows[0],
      { status: 'contacted', first_contact_on_time: true },
      'first contact on time',
    )

    // The victim gives a new number: the old one is retired at once.
    await page.getByRole('link', { name: 'Change contact details or safe-contact rules' }).click()
    await assertAccessible(page, 'contact details form')
    await page.getByLabel('Mobile phone').fill('07700 900402')
    await page.getByRole('button', { name: 'Save contact details' }).click()
    await page.waitForURL(caseUrl)
    await assertAccessible(page, 'case after a change of number')
    assert.match(
      (await page.locator('.govuk-warning-text').first().textContent()) ?? '',
      /old number, email or address is unsafe/,
    )

    await page.getByRole('link', { name: 'Back to cases' }).click()
    await assertAccessible(page, 'my cases')
    assert.ok(await page.getByRole('link', { name: victimName }).isVisible())
    await page.context().close()
  })
})
