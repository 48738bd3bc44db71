import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, browserSkipReason, newPage, tabTo, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'

const skip = browserSkipReason()

const PUBLIC_PAGES = [
  '/',
  '/refer-yourself',
  '/refer-yourself/about-you',
  '/refer-yourself/what-happened',
  '/refer-yourself/police',
  '/refer-yourself/contact',
  '/privacy',
  '/accessibility',
]

/** The quick exit goes to the BBC: intercepted so the test never leaves this machine. */
async function interceptExit(page: Page) {
  await page.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ body: 'weather', contentType: 'text/plain' }),
  )
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' })

describe('self-referral in a browser', { skip }, () => {
  const hub = startHubInBrowser()

  it('a person refers themselves, every page passing axe, errors included', async () => {
    const page = await newPage(hub.browser)
    const url = (path: string) => `${hub.server.baseUrl}${path}`
    await visit(page, url('/refer-yourself'))
    await page.getByRole('button', { name: 'Start now' }).click()
    await page.waitForURL(/about-you/)
    await assertAccessible(page, 'about you')
    await continueButton(page).click()
    await assertAccessible(page, 'about you with errors')
    assert.equal(await page.getByRole('alert').locator('a').first().textContent(), 'Enter your first name')
    await page.getByLabel('First name').fill('Rhiannon')
    await page.getByLabel('Last name').fill('Okafor')
    await continueButton(page).click()

    await page.waitForURL(/what-happened/)
    await assertAccessible(page, 'what happened')
    await page.getByLabel('I’d rather not say').check()
    await continueButton(page).click()

    await page.waitForURL(/police/)
    await assertAccessible(page, 'police')
    await page.getByLabel('No', { exact: true }).check()
    await continueButton(page).click()

    await page.waitForURL(/contact$/)
    await assertAccessible(page, 'contact')
    await page.getByLabel('Email address').fill('rhiannon@example.org')
    await continueButton(page).click()

    await page.waitForURL(/safe-contact/)
    await assertAccessible(page, 'safe contact')
    await page.getByRole('group', { name: 'Is it safe for us to email you?' }).getByLabel('Yes').check()
    await page.getByLabel('When is it safe to contact you? (optional)').fill('Weekday mornings')
    await continueButton(page).click()

    await page.waitForURL(/consent/)
    await assertAccessible(page, 'consent')
    await continueButton(page).click()
    await assertAccessible(page, 'consent with an error')
    await page.getByLabel(/I agree/).check()
    await continueButton(page).click()

    await page.waitForURL(/check-answers/)
    await assertAccessible(page, 'check answers')
    assert.ok(await page.getByText('rhiannon@example.org').isVisible())
    await page.getByRole('button', { name: 'Send' }).click()

    await page.waitForURL(/confirmation/)
    await assertAccessible(page, 'confirmation')
    const reference = await page.locator('#reference').textContent()
    assert.match(reference ?? '', /^SR-[A-Z0-9]{8}$/)
    const { rows } = await hub.server.db.pool.query(
      'SELECT state FROM referral_receipts WHERE referral_id = $1',
      [reference],
    )
    assert.equal(rows[0]?.state, 'accepted')
    await page.context().close()
  })

  it('the whole journey can be done with the keyboard alone', async () => {
    const page = await newPage(hub.browser)
    await visit(page, `${hub.server.baseUrl}/refer-yourself/about-you`)
    await tabTo(page, '#firstName', 30)
    await page.keyboard.type('Kofi')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Mensah')
    await page.keyboard.press('Enter')
    await page.waitForURL(/what-happened/)
    await tabTo(page, '#crimeType', 30)
    await page.keyboard.press('Space')
    await page.keyboard.press('Enter')
    await page.waitForURL(/police/)
    await tabTo(page, '#toldPolice', 30)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.waitForURL(/contact$/)
    await tabTo(page, '#phone', 30)
    await page.keyboard.type('07700 900456')
    await page.keyboard.press('Enter')
    await page.waitForURL(/safe-contact/)
    await tabTo(page, '#call', 30)
    await page.keyboard.press('Space')
    await tabTo(page, '#text', 10)
    await page.keyboard.press('Space')
    await tabTo(page, '#voicemail', 10)
    await page.keyboard.press('ArrowRight')
    await tabTo(page, '#safeWords', 20)
    await page.keyboard.type('Say you are from the library')
    await page.keyboard.press('Enter')
    await page.waitForURL(/consent/)
    await tabTo(page, '#consent', 30)
    await page.keyboard.press('Space')
    await page.keyboard.press('Enter')
    await page.waitForURL(/check-answers/)
    assert.ok(await page.getByText('Voicemail: No').isVisible())
    await tabTo(page, 'button.govuk-button', 60)
    await page.keyboard.press('Enter')
    await page.waitForURL(/confirmation/)
    assert.ok(await page.getByRole('heading', { name: 'Request sent' }).isVisible())
    await page.context().close()
  })

  it('the quick exit works from every public page', async () => {
    const page = await newPage(hub.browser)
    await interceptExit(page)
    // Reach the later question pages with answers, so they show rather than redirect.
    await page.goto(`${hub.server.baseUrl}/refer-yourself/about-you`)
    for (const path of PUBLIC_PAGES) {
      await visit(page, `${hub.server.baseUrl}${path}`)
      await page.getByRole('button', { name: 'Exit this page' }).click()
      await page.waitForURL(/bbc\.co\.uk/)
      assert.equal(await page.locator('body').textContent(), 'weather', `exit from ${path}`)
    }
    await page.context().close()
  })

  it('the quick exit works from the keyboard: Shift three times', async () => {
    const page = await newPage(hub.browser)
    await interceptExit(page)
    await visit(page, `${hub.server.baseUrl}/refer-yourself/about-you`)
    await page.locator('#firstName').focus()
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift')
    await page.waitForURL(/bbc\.co\.uk/)
    await page.context().close()
  })
})
