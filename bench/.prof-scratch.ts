import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedCluster } from '/work/main/src/db/embedded.ts'
import { createPool } from '/work/main/src/db/database.ts'
import { migrate } from '/work/main/src/db/migrate.ts'
import { loadConfig } from '/work/main/src/config/config.ts'
import { createServices } from '/work/main/src/services/index.ts'
import { SYSTEM_ACTOR } from '/work/main/src/services/audit.ts'
import { generateReferrals } from '/work/main/src/demo/referrals.ts'
import { assessRecord, fingerprint } from '/work/main/src/domain/referral-feed/index.ts'

import pg from 'pg'
const times = new Map<string, number>()
const orig = pg.Client.prototype.query as any
;(pg.Client.prototype as any).query = function (...args: any[]) {
  const sql = typeof args[0] === 'string' ? args[0] : args[0]?.text ?? ''
  const t0 = performance.now()
  const r = orig.apply(this, args)
  if (r && typeof r.then === 'function') r.then(() => { const k = sql.replace(/\s+/g, ' ').slice(0, 70); times.set(k, (times.get(k) ?? 0) + performance.now() - t0) }, () => {})
  return r
}
process.on('exit', () => { for (const [k, v] of [...times].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(v.toFixed(0), k) })
const dir = await mkdtemp(join(tmpdir(), 'prof-'))
const cluster = await startEmbeddedCluster(dir)
const admin = createPool(cluster.url('postgres'), 1)
await admin.query('CREATE DATABASE p')
const pool = createPool(cluster.url('p'), 5)
await migrate(pool)
const services = createServices(pool, loadConfig({ VICTIM_HUB_DEMO: 'false', SESSION_SECRET: 'x'.repeat(40) }))
const to = new Date(Date.now() - 86_400_000)
const from = new Date(to.getTime() - 300 * 86_400_000)
const n = Number(process.argv[2] ?? 10000)
const recs = generateReferrals({ seed: 7, count: n, from, to })
let t = performance.now()
for (const r of recs) { assessRecord(r, { now: new Date() }); fingerprint(r) }
console.log('pure assess+fp', n / ((performance.now() - t) / 1000), 'rec/s')
t = performance.now()
const res = await services.intake.receive(recs, { kind: 'police_feed', organisationId: null }, SYSTEM_ACTOR, { includeRecords: false })
console.log('receive', n / ((performance.now() - t) / 1000), 'rec/s', res.accepted)
await pool.end(); await admin.end(); await cluster.stop()
