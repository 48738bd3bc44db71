// `npm run bench`: every benchmark in turn, each in its own process so one's memory does not colour
// another's peak. Pass names to run some: npm run bench -- matching-quality
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ALL = [
  'import-referrals',
  'triage',
  'matching-quality',
  'needs-assessment',
  'need-to-know',
  'national-seed',
  'import-at-scale',
  'staff-pages',
]
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL
let failed = 0
for (const name of chosen) {
  const file = join(import.meta.dirname, `${name}.ts`)
  if (!existsSync(file)) {
    console.error(`No benchmark called ${name} (bench/${name}.ts)`)
    failed += 1
    continue
  }
  console.log(`\n=== ${name} ===`)
  // The same heap cap as the `victim-hub` command, so peak memory is what an operator would see.
  const result = spawnSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', file], {
    stdio: 'inherit',
    env: process.env,
  })
  if (result.status !== 0) failed += 1
}
process.exit(failed === 0 ? 0 : 1)
