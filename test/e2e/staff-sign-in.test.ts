import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createStaffUser, totpCode } from '../support/app.ts'
import { assertAccessible, browserSkipReason, newPage, tabTo, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'

const skip = browserSkipReason()

describe('staff sign-in in a browser', { skip }, () => {
  const hub = startHubInBrowser()

  it('a caseworker signs in, sees their home page and signs out', async () => {
    const user = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await visit(page, `${hub.server.baseUrl}/staff`)
    assert.match(page.url(), /\/sign-in/, 'an anonymous visit goes to sign-in')
    await page.getByLabel('Email address').fill(user.email)
    await page.getByLabel('Password', { exact: true }).fill('wrong password!')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await assertAccessible(page, 'sign-in with an error')
    assert.equal(
      await page.getByRole('alert').locator('a').first().textContent(),
      'Enter a correct email address and password',
    )
    await page.getByLabel('Password', { exact: true }).fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/staff$/)
    await assertAccessible(page, 'staff home')
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Hello, Test hub_caseworker')
    assert.ok(await page.getByText('Hub caseworker').isVisible())
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/sign-in/)
    await page.goto(`${hub.server.baseUrl}/staff`)
    assert.match(page.url(), /\/sign-in/, 'signed out for real')
    await page.context().close()
  })

  it('an administrator signs in with a code from an authenticator app, by keyboard alone', async () => {
    const admin = await createStaffUser(hub.server.services, 'administrator')
    const page = await newPage(hub.browser)
    await visit(page, `${hub.server.baseUrl}/sign-in`)
    await tabTo(page, '#email')
    await page.keyboard.type(admin.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(admin.password)
    await page.keyboard.press('Enter')
    await page.waitForURL(/two-factor/)
    await assertAccessible(page, 'second factor')
    await tabTo(page, '#code')
    await page.keyboard.type(totpCode(admin.totpSecret as string))
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/staff$/)
    await page.getByRole('link', { name: 'Users and teams' }).click()
    await assertAccessible(page, 'users and teams')
    await visit(page, `${hub.server.baseUrl}/staff/users/new`)
    await visit(page, `${hub.server.baseUrl}/staff/audit`)
    await page.getByRole('button', { name: 'Check the log has not been changed' }).click()
    await assertAccessible(page, 'audit verified')
    assert.ok(await page.getByText(/The audit log is intact/).isVisible())
    await page.context().close()
  })
})
