import assert from 'node:assert/strict'
import { request } from 'node:https'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createStaffUser } from '../support/app.ts'
import { assertAccessible, browserSkipReason, launchBrowser, visit } from './support/browser.ts'
import { type RunningApp, startServer } from './support/server.ts'
import { signInInBrowser } from './support/sign-in.ts'
import { startTlsProxy, type TlsProxy } from './support/tls-proxy.ts'

const skip = browserSkipReason()
const SIGN_IN_LIMIT = 4

/**
 * A bare form post through the proxy from another client address: every 127.x address is this machine,
 * so a second client is one that connects from 127.0.0.2.
 */
function postFrom(proxy: TlsProxy, clientAddress: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port: proxy.port,
        method: 'POST',
        path,
        localAddress: clientAddress,
        ca: proxy.certificate,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (answer) => {
        answer.resume()
        answer.on('end', () => resolve(answer.statusCode ?? 0))
      },
    )
    outgoing.on('error', reject)
    outgoing.end('email=flood%40hub.example&password=guess')
  })
}

async function referSelf(page: Page, base: string) {
  const next = () => page.getByRole('button', { name: 'Continue' }).click()
  await visit(page, `${base}/refer-yourself/about-you`)
  await page.getByLabel('First name').fill('Ceri')
  await page.getByLabel('Last name').fill('Nwosu')
  await next()
  await page.waitForURL(/what-happened/)
  await page.getByLabel('I’d rather not say').check()
  await next()
  await page.waitForURL(/police/)
  await page.getByLabel('No', { exact: true }).check()
  await next()
  await page.waitForURL(/contact$/)
  await page.getByLabel('Email address').fill('ceri@example.org')
  await next()
  await page.waitForURL(/safe-contact/)
  await page.getByRole('group', { name: 'Is it safe for us to email you?' }).getByLabel('Yes').check()
  await next()
  await page.waitForURL(/consent/)
  await page.getByLabel(/I agree/).check()
  await next()
  await page.waitForURL(/check-answers/)
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForURL(/confirmation/)
  await assertAccessible(page, 'confirmation behind the proxy')
}

describe('the hub behind a TLS-terminating proxy, with secure cookies', { skip }, () => {
  let server: RunningApp
  let proxy: TlsProxy
  let browser: Browser
  before(async () => {
    server = await startServer({
      TRUST_PROXY: '127.0.0.1',
      COOKIE_SECURE: 'true',
      SIGNIN_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT),
    })
    proxy = await startTlsProxy(server.baseUrl)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await proxy?.close()
    await server?.close()
  })

  const newPage = async () => (await browser.newContext({ ignoreHTTPSErrors: true })).newPage()

  it('signs in, sends a staff form and signs the new account in, over HTTPS only', async () => {
    const admin = await createStaffUser(server.services, 'administrator')
    const page = await newPage()
    await signInInBrowser(page, proxy.url, admin)
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === 'vh_session')
    assert.ok(session, 'the session cookie was set')
    assert.equal(session.secure, true)
    assert.equal(session.httpOnly, true)

    await visit(page, `${proxy.url}/staff/users/new`)
    await page.getByLabel('Name').fill('Dewi Caseworker')
    await page.getByLabel('Email address').fill('dewi@hub.example')
    await page.getByLabel('Hub caseworker').check()
    await page.getByRole('button', { name: 'Add user' }).click()
    await page.waitForSelector('#new-password')
    await assertAccessible(page, 'user added behind the proxy')
    const password = (await page.locator('#new-password').textContent())?.trim() as string

    const dewi = await newPage()
    await signInInBrowser(dewi, proxy.url, {
      id: '',
      email: 'dewi@hub.example',
      password,
      role: 'hub_caseworker',
    })
    const [row] = await server.services.audit.recent({ action: 'sign_in', limit: 1 })
    assert.equal(row?.actor, 'dewi@hub.example')
    assert.equal(row?.ip, '127.0.0.1', 'the audit row holds the client’s address, passed on by the proxy')
  })

  it('one client’s flood of sign-ins and self-referrals does not stop another client', async () => {
    const flood: number[] = []
    for (let i = 0; i < SIGN_IN_LIMIT + 2; i++) flood.push(await postFrom(proxy, '127.0.0.2', '/sign-in'))
    assert.deepEqual(flood.slice(-2), [429, 429], `the flooding client is limited: ${flood}`)
    const referrals: number[] = []
    for (let i = 0; i < 11; i++)
      referrals.push(await postFrom(proxy, '127.0.0.2', '/refer-yourself/check-answers'))
    assert.equal(referrals.at(-1), 429, `the flooding client is limited: ${referrals}`)

    const manager = await createStaffUser(server.services, 'team_manager')
    const page = await newPage()
    await signInInBrowser(page, proxy.url, manager)
    assert.match((await page.locator('h1').first().textContent()) ?? '', /Hello/)

    const victim = await newPage()
    await referSelf(victim, proxy.url)
    const { rows } = await server.db.pool.query(
      `SELECT count(*)::int AS n FROM referral_receipts WHERE source = 'self_referral'`,
    )
    assert.equal(rows[0].n, 1, 'the self-referral was received')
  })
})
