// The Warwickshire 2025-01..06 needs assessment in a real browser with axe: the standalone HTML file the
// CLI writes (also printed to PDF), and the staff page a commissioner uses, inside the real app.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importCrimesCommand } from '../../src/cli/import-crimes.ts'
import { importPopulationCommand } from '../../src/cli/import-population.ts'
import { needsAssessmentCommand } from '../../src/cli/needs-assessment.ts'
import { createStaffUser } from '../support/app.ts'
import { ONS_POPULATION_DIR, warwickshireMonth } from '../support/samples.ts'
import { assertAccessible, browserSkipReason, newPage, visit } from './support/browser.ts'
import { startHubInBrowser } from './support/hub.ts'
import { signInInBrowser } from './support/sign-in.ts'

const skip = browserSkipReason()

describe('needs assessment report in a browser', { skip }, () => {
  const hub = startHubInBrowser()
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'na-browser-'))
    const quiet = () => {}
    const { commissioning } = hub.server.services
    await importPopulationCommand(commissioning, [ONS_POPULATION_DIR], quiet)
    const months = ['01', '02', '03', '04', '05', '06'].map((m) => warwickshireMonth(`2025-${m}`))
    await importCrimesCommand(commissioning, months, { log: quiet })
  })
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('the standalone report renders its charts and tables, passes axe and prints to PDF', async () => {
    const out = join(dir, 'warwickshire-2025h1.html')
    await needsAssessmentCommand(hub.server.services.commissioning, {
      force: 'Warwickshire',
      from: '2025-01',
      to: '2025-06',
      out,
    })
    const page = await newPage(hub.browser)
    await page.goto(`file://${out}`)
    assert.equal(await page.locator('svg[role="img"]').count(), 3)
    assert.equal(await page.locator('h1').textContent(), 'Victim needs assessment: Warwickshire Police')
    await assertAccessible(page, 'standalone report')
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4' })
    assert.ok(pdf.length > 50_000)
    await page.context().close()
  })

  it('a commissioner runs it in the staff pages and downloads the figures', async () => {
    const commissioner = await createStaffUser(hub.server.services, 'commissioner')
    const page = await newPage(hub.browser)
    await signInInBrowser(page, hub.server.baseUrl, commissioner)
    await page.getByRole('link', { name: 'Needs assessment' }).click()
    await assertAccessible(page, 'needs assessment form')
    await visit(
      page,
      `${hub.server.baseUrl}/staff/needs-assessment?force=warwickshire&from=2025-01&to=2025-06`,
    )
    assert.equal(await page.locator('svg[role="img"]').count(), 3)
    const json = (await (
      await page.request.get(
        `${hub.server.baseUrl}/staff/needs-assessment.json?force=warwickshire&from=2025-01&to=2025-06`,
      )
    ).json()) as { volume: { total: number } }
    assert.equal(json.volume.total, 24_715)
    const csv = await page.request.get(
      `${hub.server.baseUrl}/staff/needs-assessment.csv?force=warwickshire&from=2025-01&to=2025-06`,
    )
    assert.match(
      csv.headers()['content-disposition'] ?? '',
      /needs-assessment-warwickshire-2025-01-2025-06\.csv/,
    )
    const bad = await page.goto(
      `${hub.server.baseUrl}/staff/needs-assessment?force=warwickshire&from=2025-13&to=2025-06`,
    )
    assert.equal(bad?.status(), 400)
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /first month/)
    await assertAccessible(page, 'needs assessment with an error')
    await page.context().close()
  })
})
