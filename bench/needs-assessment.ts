// Benchmark: import every police.uk file in samples/ (three forces) and produce the Warwickshire report.
// Prints wall time, rows/s, peak RSS, and the report's analysis time against a hand-written SQL baseline
// over the same rows in the same run. Uses a scratch database: embedded, or on DATABASE_URL's server.
//   node --import tsx bench/needs-assessment.ts
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importCrimesCommand } from '../src/cli/import-crimes.ts'
import { importPopulationCommand } from '../src/cli/import-population.ts'
import { needsAssessmentCommand } from '../src/cli/needs-assessment.ts'
import { baselineCrimeTypeMonthCounts } from '../src/repositories/commissioning/crimes.ts'
import { createCommissioningService } from '../src/services/commissioning/index.ts'
import { ONS_POPULATION_DIR, POLICE_UK_DIR } from '../test/support/samples.ts'
import { openBenchDatabase } from './support/database.ts'

const REPEATS = 20

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`

const database = await openBenchDatabase()
const pool = database.pool
const commissioning = createCommissioningService(pool)
console.log(`database: ${database.kind}`)
const out = await mkdtemp(join(tmpdir(), 'na-bench-'))
try {
  const quiet = () => {}
  const t0 = performance.now()
  await importPopulationCommand(commissioning, [ONS_POPULATION_DIR], quiet)
  const t1 = performance.now()
  // Every file under the folder, as `victim-hub import crimes samples/police_uk` would take them.
  const imported = await importCrimesCommand(commissioning, [POLICE_UK_DIR], { log: quiet })
  const t2 = performance.now()
  const rows = imported.reduce((s, r) => s + r.rows, 0)
  await needsAssessmentCommand(commissioning, {
    force: 'Warwickshire',
    from: '2025-01',
    to: '2025-06',
    out: join(out, 'report.html'),
    csv: join(out, 'report.csv'),
  })
  const t3 = performance.now()

  // Same run, same rows: the report's analysis (all its queries + the methods) against one hand-written
  // GROUP BY that only counts the window's rows by month and crime type. Warm both first.
  const request = { force: 'Warwickshire', from: '2025-01', to: '2025-06' }
  await commissioning.needsAssessment(request)
  await baselineCrimeTypeMonthCounts(pool, 'warwickshire', '2025-01', '2025-06')
  const analysis: number[] = []
  const queriesOnly: number[] = []
  const baseline: number[] = []
  for (let i = 0; i < REPEATS; i++) {
    const a = performance.now()
    const { timings } = await commissioning.needsAssessment(request)
    analysis.push(performance.now() - a)
    queriesOnly.push(timings.queriesMs)
    const b = performance.now()
    await baselineCrimeTypeMonthCounts(pool, 'warwickshire', '2025-01', '2025-06')
    baseline.push(performance.now() - b)
  }
  const peak = process.resourceUsage().maxRSS
  console.log(`police.uk files imported: ${imported.length}, rows: ${rows}`)
  console.log(`population import: ${((t1 - t0) / 1000).toFixed(2)} s`)
  console.log(
    `crime import: ${((t2 - t1) / 1000).toFixed(2)} s, ${Math.round(rows / ((t2 - t1) / 1000))} rows/s`,
  )
  console.log(`report (queries + methods + HTML/SVG + CSV): ${((t3 - t2) / 1000).toFixed(2)} s`)
  console.log(`total wall time: ${((t3 - t0) / 1000).toFixed(2)} s; peak RSS ${mb(peak)}`)
  console.log(
    `analysis median of ${REPEATS}: report ${median(analysis).toFixed(1)} ms (queries ${median(queriesOnly).toFixed(1)} ms), ` +
      `hand-written SQL baseline ${median(baseline).toFixed(1)} ms, ratio ${(median(analysis) / median(baseline)).toFixed(1)}x`,
  )
} finally {
  await database.close()
  await rm(out, { recursive: true, force: true })
}
