// The Warwickshire 2025-01..06 report in a real browser (Debian's chromium) with an axe accessibility scan:
// the standalone HTML file the CLI writes, and the staff page as the web server renders it.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import fastifyView from '@fastify/view'
import Fastify, { type FastifyInstance } from 'fastify'
import nunjucks from 'nunjucks'
import { type Browser, chromium } from 'playwright-core'
import { importCrimesCommand } from '../../src/cli/import-crimes.ts'
import { importPopulationCommand } from '../../src/cli/import-population.ts'
import { needsAssessmentCommand } from '../../src/cli/needs-assessment.ts'
import { needsAssessmentRoutes } from '../../src/web/staff/needs-assessment/routes.ts'
import type { TestDatabase } from '../support/database.ts'
import { needsAssessmentDatabase, SAMPLE_DATA } from './needs-assessment-support.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const WARKS = join(SAMPLE_DATA, 'police_uk', 'warwickshire_street')
const skip = !existsSync(WARKS) ? 'sample data missing' : !existsSync(CHROMIUM) ? 'chromium missing' : false
const root = join(import.meta.dirname, '..', '..')

describe('needs assessment report in a browser', { skip }, () => {
  let db: TestDatabase
  let dir: string
  let browser: Browser
  let app: FastifyInstance
  let base: string
  before(async () => {
    db = await needsAssessmentDatabase()
    dir = await mkdtemp(join(tmpdir(), 'na-browser-'))
    const quiet = () => {}
    await importPopulationCommand(db.pool, [join(SAMPLE_DATA, 'ons_population')], quiet)
    const months = ['01', '02', '03', '04', '05', '06'].map((m) =>
      join(WARKS, `2025-${m}-warwickshire-street.csv`),
    )
    await importCrimesCommand(db.pool, months, { log: quiet })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    // The page plugin in a minimal server with the same view set-up as the hub (layout and govuk macros).
    app = Fastify()
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: [
        join(root, 'src', 'web'),
        join(root, 'src', 'web', 'views'),
        join(root, 'node_modules', 'govuk-frontend', 'dist'),
      ],
      options: { autoescape: true },
    })
    await app.register(needsAssessmentRoutes, { services: { pool: db.pool } })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
  })
  after(async () => {
    await browser?.close()
    await app?.close()
    await db?.drop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('standalone HTML: renders the charts and tables, and axe finds no violations', async () => {
    const out = join(dir, 'warwickshire-2025h1.html')
    await needsAssessmentCommand(db.pool, { force: 'Warwickshire', from: '2025-01', to: '2025-06', out })
    const page = await (await browser.newContext()).newPage()
    await page.goto(`file://${out}`)
    assert.equal(await page.locator('svg[role="img"]').count(), 3)
    assert.equal(await page.locator('h1').textContent(), 'Victim needs assessment: Warwickshire Police')
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    assert.deepEqual(
      results.violations.map((v) => `${v.id}: ${v.nodes.length}`),
      [],
    )
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4' })
    assert.ok(pdf.length > 50_000)
    await page.close()
  })

  it('staff page: form and report, CSV and JSON downloads, and axe finds no violations', async () => {
    const page = await (await browser.newContext()).newPage()
    const response = await page.goto(
      `${base}/staff/needs-assessment?force=warwickshire&from=2025-01&to=2025-06`,
    )
    assert.equal(response?.status(), 200)
    assert.equal(await page.locator('svg[role="img"]').count(), 3)
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    assert.deepEqual(
      results.violations.map((v) => `${v.id}: ${v.nodes.length}`),
      [],
    )
    const csv = await fetch(`${base}/staff/needs-assessment.csv?force=warwickshire&from=2025-01&to=2025-06`)
    assert.match(
      csv.headers.get('content-disposition') ?? '',
      /needs-assessment-warwickshire-2025-01-2025-06\.csv/,
    )
    const jsonResponse = await fetch(
      `${base}/staff/needs-assessment.json?force=warwickshire&from=2025-01&to=2025-06`,
    )
    const json = (await jsonResponse.json()) as { volume: { total: number } }
    assert.equal(json.volume.total, 24_715)
    const bad = await page.goto(`${base}/staff/needs-assessment?force=warwickshire&from=2025-13&to=2025-06`)
    assert.equal(bad?.status(), 400)
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /first month/)
    await page.close()
  })
})
