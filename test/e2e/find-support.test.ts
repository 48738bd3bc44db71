import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, browserSkipReason } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'

const skip = browserSkipReason()

/** Nothing is cut off or needs sideways scrolling at this width. */
async function assertReflows(page: Page, label: string) {
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px at 320px`)
}

async function check(page: Page, label: string) {
  await assertAccessible(page, label)
  await assertReflows(page, label)
}

describe('find support in a browser, at 320px wide', { skip }, () => {
  const hub = startHubInBrowser()
  const phone = async () => {
    const context = await hub.browser.newContext({ viewport: { width: 320, height: 800 } })
    return context.newPage()
  }

  it('find support, choose a service, refer yourself to it: the referral reaches the hub with it', async () => {
    const page = await phone()
    const url = (path: string) => `${hub.server.baseUrl}${path}`
    await page.goto(url('/'))
    await check(page, 'start')
    await page.getByRole('link', { name: 'Find the right support' }).click()
    await page.waitForURL(/find-support/)
    await check(page, 'find support')
    await page.getByRole('button', { name: 'Show services' }).click()
    await check(page, 'find support with errors')
    assert.equal(
      await page.getByRole('alert').locator('a').first().textContent(),
      'Select what happened, or ‘I’d rather not say’',
    )

    await page.getByLabel('Someone broke into my home').check()
    await page.getByLabel('Where do you live? (optional)').fill('Warwick')
    await page.getByLabel('By phone').check()
    await page.getByRole('group', { name: 'Are you safe now?' }).getByLabel('Yes').check()
    await page.getByRole('button', { name: 'Show services' }).click()
    await page.getByRole('heading', { name: 'Services that can help you', level: 1 }).waitFor()
    await check(page, 'results')
    assert.ok(await page.getByText('Helps after a burglary').first().isVisible())
    assert.ok(await page.getByText('Covers where you live (CV34)').first().isVisible())

    await page.getByRole('button', { name: 'Ask Victim Support burglary support for support' }).click()
    await page.waitForURL(/refer-yourself/)
    await check(page, 'refer yourself with a service chosen')
    assert.ok(await page.getByText('You asked for: Victim Support burglary support').isVisible())
    await page.getByRole('button', { name: 'Start now' }).click()
    const next = () => page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('First name').fill('Siân')
    await page.getByLabel('Last name').fill('Evans')
    await next()
    await page.waitForURL(/what-happened/)
    await page.getByLabel('I’d rather not say').check()
    await next()
    await page.waitForURL(/police/)
    await page.getByLabel('No', { exact: true }).check()
    await next()
    await page.waitForURL(/contact$/)
    await page.getByLabel('Email address').fill('sian@example.org')
    await next()
    await page.waitForURL(/safe-contact/)
    await page.getByRole('group', { name: 'Is it safe for us to email you?' }).getByLabel('Yes').check()
    await next()
    await page.waitForURL(/consent/)
    await page.getByLabel(/I agree/).check()
    await next()
    await page.waitForURL(/check-answers/)
    await check(page, 'check answers with the service')
    assert.ok(await page.getByText('Service you asked for', { exact: true }).isVisible())
    await page.getByRole('button', { name: 'Send' }).click()
    await page.waitForURL(/confirmation/)
    await check(page, 'confirmation')
    const reference = await page.locator('#reference').textContent()
    const { rows } = await hub.server.db.pool.query<{ state: string; raw: { notes: string } }>(
      'SELECT state, raw FROM referral_receipts WHERE referral_id = $1',
      [reference],
    )
    assert.equal(rows[0]?.state, 'accepted')
    assert.match(
      rows[0]?.raw.notes ?? '',
      /Asked for the service Victim Support burglary support \(victim-support-burglary\)/,
    )
    await page.context().close()
  })

  it('in Welsh: questions, errors and results, the language switch keeping the results', async () => {
    const page = await phone()
    await page.goto(`${hub.server.baseUrl}/find-support?lang=cy`)
    await check(page, 'Welsh find support')
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    await page.getByRole('button', { name: 'Dangos gwasanaethau' }).click()
    await check(page, 'Welsh errors')
    await page.getByLabel('Cam-drin gan bartner, cyn-bartner neu aelod o’r teulu').check()
    await page
      .getByRole('group', { name: 'Ydych chi’n ddiogel nawr?' })
      .getByLabel('Nac ydw, neu rwy’n poeni y bydd rhywun yn fy mrifo')
      .check()
    await page.getByRole('button', { name: 'Dangos gwasanaethau' }).click()
    await page.getByRole('heading', { name: 'Gwasanaethau a all eich helpu', level: 1 }).waitFor()
    await check(page, 'Welsh results')
    const first = await page.locator('.govuk-summary-card__title').first().textContent()
    assert.equal(first, 'National Domestic Abuse Helpline')
    await page.getByRole('button', { name: /English/ }).click()
    await page.getByRole('heading', { name: 'Services that can help you', level: 1 }).waitFor()
    await check(page, 'results switched to English')
    assert.equal(
      await page.locator('.govuk-summary-card__title').first().textContent(),
      'National Domestic Abuse Helpline',
    )
    await page.context().close()
  })
})
