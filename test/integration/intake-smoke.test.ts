import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { generateLabelledReferrals } from '../../src/demo/referrals.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createServices, type Services } from '../../src/services/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

describe('intake smoke', () => {
  let db: TestDatabase
  let services: Services
  before(async () => {
    db = await createTestDatabase()
    services = createServices(db.pool, loadConfig({ VICTIM_HUB_DEMO: 'false', SESSION_SECRET: 'x'.repeat(40) }))
  })
  after(async () => db.drop())

  it('labelled referrals reach their expected states', async () => {
    const to = new Date(Date.now() - 86_400_000)
    const from = new Date(to.getTime() - 300 * 86_400_000)
    const labelled = generateLabelledReferrals({ seed: 7, count: 3000, from, to })
    const t0 = performance.now()
    const result = await services.intake.receive(
      labelled.map((l) => l.record),
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    console.log('ms', performance.now() - t0, { ...result, records: undefined })
    const mismatches = new Map<string, number>()
    labelled.forEach((l, i) => {
      const o = result.records?.[i]
      const key = `${l.kind}: expected ${l.expected.state} got ${o?.state} ${o?.reasons.join(',')}`
      if (o?.state !== l.expected.state) mismatches.set(key, (mismatches.get(key) ?? 0) + 1)
    })
    console.log(mismatches)
    assert.equal(result.received, 3000)
  })
})
