import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { type Browser, chromium, type Page } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[]

export const chromiumPath = CANDIDATES.find((path) => existsSync(path))

/**
 * Whether end-to-end tests can run here. Under CI a missing browser is a failure, never a skip: .ci/run
 * installs Debian's chromium, so its absence means the set-up is broken.
 */
export function browserSkipReason(): string | false {
  if (chromiumPath) return false
  if (process.env.CI)
    throw new Error('End-to-end tests need Chromium (apt-get install chromium); none was found under CI')
  return 'Chromium not found: install it with `apt-get install chromium` or set CHROMIUM_PATH'
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath as string,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Runs axe-core's WCAG 2.2 A and AA rules on the page as it is now and fails on any violation. */
export async function assertAccessible(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  )
  assert.deepEqual(summary, [], `axe found accessibility violations on ${label}`)
}

/** Pages that a test opens are checked with axe as they are visited. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await assertAccessible(page)
}

/** A page in a fresh context: its own cookies, as a new person at a new computer. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext()
  return context.newPage()
}

/** Presses Tab until the element matching `selector` has focus, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, maxPresses = 20): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    if (await page.locator(selector).evaluate((el) => el.matches(':focus'))) return
  }
  throw new Error(`${selector} could not be reached with the Tab key in ${maxPresses} presses`)
}
