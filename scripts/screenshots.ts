// Makes the pictures in docs/images from a real hub with demo data:
//   node --import tsx scripts/screenshots.ts
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { importCrimesCommand } from '../src/cli/import-crimes.ts'
import { importPopulationCommand } from '../src/cli/import-population.ts'
import { loadConfig } from '../src/config/config.ts'
import { openDatabase } from '../src/db/database.ts'
import { loadDemoData } from '../src/demo/load.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { withRuntimeSecrets } from '../src/services/runtime-secrets.ts'
import { createApp } from '../src/web/app.ts'
import { buildAssets } from '../src/web/assets/build.ts'
import { chromiumPath } from '../test/e2e/support/browser.ts'
import { ONS_POPULATION_DIR, WARWICKSHIRE_DIR } from '../test/support/samples.ts'

const dataDir = await mkdtemp(join(tmpdir(), 'victim-hub-shots-'))
const config = loadConfig({ VICTIM_HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
await buildAssets()
const database = await openDatabase(config)
const services = createServices(database.pool, await withRuntimeSecrets(database, config), database.readPool)
await loadDemoData(services, { seed: 2026, referrals: Number(process.env.SHOT_REFERRALS ?? 3000) })
const quiet = () => {}
await importPopulationCommand(services.commissioning, [ONS_POPULATION_DIR], quiet)
await importCrimesCommand(services.commissioning, [WARWICKSHIRE_DIR], { log: quiet })
await services.triage.triagePending()
const password = 'screenshot password only'
await services.accounts.createUser(
  {
    email: 'shots@hub.example',
    displayName: 'Morgan Manager',
    role: 'team_manager',
    teamName: 'First contact',
    password,
  },
  SYSTEM_ACTOR,
)
const app = await createApp(services, { logger: false })
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
const shot = async (path: string, name: string, fullPage = false) => {
  await page.goto(`${base}${path}`)
  await page.screenshot({
    path: join('docs', 'images', `${name}.png`),
    fullPage,
    ...(fullPage ? { clip: { x: 0, y: 0, width: 1280, height: 2400 } } : {}),
  })
  console.log(`docs/images/${name}.png ← ${path}`)
}
await shot('/', 'public-front-door')
await page.goto(`${base}/sign-in`)
await page.getByLabel('Email address').fill('shots@hub.example')
await page.getByLabel('Password', { exact: true }).fill(password)
await page.getByRole('button', { name: 'Sign in' }).click()
await page.waitForURL(/\/staff$/)
await shot('/staff', 'staff-home')
await shot('/staff/needs-assessment?force=warwickshire&from=2025-01&to=2025-06', 'needs-assessment', true)
for (const [path, name] of (process.env.SHOT_PAGES ?? '')
  .split(',')
  .filter(Boolean)
  // path=name, split at the last '=' so a path may carry a query string
  .map((p) => [p.slice(0, p.lastIndexOf('=')), p.slice(p.lastIndexOf('=') + 1)])) {
  await shot(path as string, name as string, true)
}
await browser.close()
await app.close()
await database.close()
await rm(dataDir, { recursive: true, force: true })
