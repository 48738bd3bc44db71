import pg from 'pg'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config/config.ts'
import { generateReferrals } from '../src/demo/referrals.ts'
import { SYSTEM_ACTOR } from '../src/services/audit.ts'
import { createServices } from '../src/services/index.ts'
import { openBenchDatabase } from '../bench/support/database.ts'
import { createDemoOrganisations } from '../src/services/demo/demo-county.ts'

const stats = new Map<string, { n: number; ms: number }>()
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown
;(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?')
  const key = text.replace(/\s+/g, ' ').slice(0, 90)
  const t = performance.now()
  const r = orig.apply(this, args) as Promise<unknown>
  if (r && typeof (r as Promise<unknown>).then === 'function') {
    return r.finally(() => {
      const s = stats.get(key) ?? { n: 0, ms: 0 }
      s.n++; s.ms += performance.now() - t; stats.set(key, s)
    })
  }
  return r
}
const db = await openBenchDatabase()
await createDemoOrganisations(db.pool)
const services = createServices(db.pool, loadConfig({ SESSION_SECRET: 'x'.repeat(40) }))
const org = await services.intake.organisationForImport('County Police')
const to = new Date(Date.now() - 86400000)
const records = generateReferrals({ seed: 1, count: Number(process.argv[2] ?? 20000), from: new Date(to.getTime() - 365 * 86400000), to })
const t0 = performance.now()
const res = await services.intake.receive(records, { kind: 'police_feed', organisationId: org?.id ?? null, fileName: 'x' }, SYSTEM_ACTOR, { includeRecords: false })
console.log(res.received, 'in', ((performance.now() - t0) / 1000).toFixed(1), 's')
for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(v.ms.toFixed(0).padStart(7), 'ms', String(v.n).padStart(6), k)
await db.close()
