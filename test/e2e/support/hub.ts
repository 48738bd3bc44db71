import { after, before } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser } from './browser.ts'
import { type RunningApp, startServer } from './server.ts'

export interface HubInBrowser {
  server: RunningApp
  browser: Browser
}

/**
 * Every journey suite's setup: a hub on its own test database and a browser, started before the suite's
 * tests (and before its own `before` hooks, which are registered after this call) and stopped after.
 * `env` gives the hub more settings, made first (a fake Notify's address, for one).
 */
export function startHubInBrowser(env?: () => Promise<Record<string, string>>): HubInBrowser {
  const hub = {} as HubInBrowser
  before(async () => {
    hub.server = await startServer(env ? await env() : {})
    hub.browser = await launchBrowser()
  })
  after(async () => {
    await hub.browser?.close()
    await hub.server?.close()
  })
  return hub
}
