import pg from 'pg'
import { readdirSync } from 'node:fs'
import { importCrimeFile } from '/work/main/src/services/needs-assessment/import-crimes.ts'
import { importPopulationFile } from '/work/main/src/services/needs-assessment/import-population.ts'
import { buildReport } from '/work/main/src/services/needs-assessment/report.ts'
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/na_scratch' })
const D = '/work/shared/data'
for (const f of readdirSync(`${D}/ons_population`)) console.log(await importPopulationFile(pool, `${D}/ons_population/${f}`))
for (const dir of ['warwickshire_street']) for (const f of readdirSync(`${D}/police_uk/${dir}`).sort()) {
  const r = await importCrimeFile(pool, `${D}/police_uk/${dir}/${f}`); console.log(r.month, r.rows, r.lsoaVintage, Math.round(r.elapsedMs))
}
const { report, timings } = await buildReport(pool, { force: 'Warwickshire', from: '2025-01', to: '2025-06' })
console.log(timings, report.volume.total, report.volume.byCrimeType, report.rates.perThousand, report.rates.annualisedPerThousand, report.rates.homePopulation)
console.log(report.rates.districts.map(d => [d.district, d.home, d.total, d.population, d.crimesPerThousand?.toFixed(1)]))
console.log(report.forecast.categories.victimBased.total, report.forecast.sourceComparison)
console.log(report.victims.period.totals, report.capacity.lines, report.notes)
await pool.end()
