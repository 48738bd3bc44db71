import pg from 'pg'
import { needsAssessmentCommand } from '../src/cli/needs-assessment.ts'

const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/na_scratch' })
let json = ''
const { timings } = await needsAssessmentCommand(pool, {
  force: 'Warwickshire',
  from: '2025-01',
  to: '2025-06',
  json: true,
  out: '/tmp/na/report.html',
  csv: '/tmp/na/report.csv',
  write: (t) => {
    json += t
  },
})
console.log(timings, json.length)
const j = JSON.parse(json)
console.log(
  j.volume.byCrimeType,
  j.volume.victimBased,
  j.volume.asb,
  j.rates.perThousand,
  j.forecast.categories.victimBased.total,
  j.forecast.categories.victimBased.driftSd,
)
await pool.end()
