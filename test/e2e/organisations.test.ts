import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createStaffUser } from '../support/app.ts'
import { assertAccessible, browserSkipReason, newPage } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('setting up a new force in a browser', { skip }, () => {
  const hub = startHubInBrowser()

  it('an administrator adds a police force with its force code, after an error that names the field', async () => {
    const admin = await createStaffUser(hub.server.services, 'administrator')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, admin)
    await page.getByRole('link', { name: 'Organisations' }).click()
    await assertAccessible(page, 'organisations')
    await page.getByRole('button', { name: 'Add an organisation' }).click()
    await assertAccessible(page, 'add an organisation')
    await page.getByLabel('Name').fill('Westshire Police')
    await page.getByRole('radio', { name: 'Police force' }).check()
    await page.getByRole('button', { name: 'Add organisation' }).click()
    await assertAccessible(page, 'add an organisation, with an error')
    await page.getByRole('link', { name: /Enter the force code/ }).click()
    const code = page.getByLabel('Force code (police forces only)')
    assert.ok(
      await code.evaluate((input) => input === input.ownerDocument.activeElement),
      'the error link moves focus',
    )
    await code.fill('wshire')
    await page.getByRole('button', { name: 'Add organisation' }).click()
    await page.waitForURL(/\/staff\/organisations$/)
    const row = page.getByRole('row', { name: /Westshire Police/ })
    assert.match((await row.textContent()) ?? '', /Police force\s*WSHIRE/)
    await page.context().close()
  })
})
