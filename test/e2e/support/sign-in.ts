import type { Page } from 'playwright-core'
import { type TestUser, totpCode } from '../../support/app.ts'
import { visit } from './browser.ts'

/** Signs a staff user in through the real pages (with the second factor when they have one). */
export async function signInInBrowser(page: Page, baseUrl: string, user: TestUser): Promise<void> {
  await visit(page, `${baseUrl}/sign-in`)
  await page.getByLabel('Email address').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  if (user.totpSecret) {
    await page.waitForURL(/two-factor/)
    await page.locator('#code').fill(totpCode(user.totpSecret))
    await page.keyboard.press('Enter')
  }
  await page.waitForURL(/\/staff$/)
}
