import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createStaffUser } from '../support/app.ts'
import { BrowserLikeClient } from '../support/http-client.ts'
import { browserSkipReason, newPage, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

describe('error pages a person may meet', { skip: browserSkipReason() }, () => {
  const hub = startHubInBrowser()

  it('page not found is accessible and says what to check', async () => {
    const page = await newPage(hub.browser)
    const response = await page.goto(`${hub.server.baseUrl}/no-such-page`)
    assert.equal(response?.status(), 404)
    await visit(page, `${hub.server.baseUrl}/no-such-page`)
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Page not found')
    await page.context().close()
  })

  it('a page the role may not use says so, accessibly, with 403', async () => {
    const user = await createStaffUser(hub.server.services, 'hub_caseworker')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, user)
    const response = await page.goto(`${hub.server.baseUrl}/staff/users`)
    assert.equal(response?.status(), 403)
    await visit(page, `${hub.server.baseUrl}/staff/users`)
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      'You do not have access to this page',
    )
    await page.context().close()
  })

  it('a form sent without its token gets an accessible 403 that says nothing changed', async () => {
    const client = new BrowserLikeClient(hub.server.app)
    const response = await client.post('/sign-in', { email: 'a@b.example', password: 'x' }, { csrf: false })
    assert.equal(response.statusCode, 403)
    const page = await newPage(hub.browser)
    await page.setContent(response.body.replace('<head>', `<head><base href="${hub.server.baseUrl}/">`))
    assert.ok(await page.getByText('nothing was changed').isVisible())
    await page.context().close()
  })
})
