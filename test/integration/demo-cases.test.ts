import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { createDemoCases, DEMO_STAGES } from '../../src/demo/cases.ts'
import { createDemoCounty } from '../../src/demo/county.ts'
import { createServices, type Services } from '../../src/services/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'

describe('demo cases', () => {
  let db: TestDatabase
  let services: Services
  before(async () => {
    db = await createTestDatabase()
    services = createServices(
      db.pool,
      loadConfig({ VICTIM_HUB_DEMO: 'false', SESSION_SECRET: 'x'.repeat(40) }),
    )
    await createDemoCounty(db.pool, services.accounts)
    await receiveGeneratedReferrals(services, { seed: 40, count: 150, days: 60 })
  })
  after(async () => db.drop())

  it('about a third of the referrals get a case at every stage of first contact, through the services and the outbox', async () => {
    const counts = await createDemoCases(services, { max: 36 })
    for (const stage of DEMO_STAGES) assert.ok(counts[stage] > 0, `some case is at ${stage}`)
    const { rows } = await db.pool.query(
      `SELECT state, closure_reason, count(*)::int AS n FROM cases GROUP BY state, closure_reason ORDER BY state`,
    )
    const states = new Set(rows.map((r) => r.state))
    for (const s of ['awaiting_first_contact', 'contacting', 'assessing', 'closed'])
      assert.ok(states.has(s), s)
    const reasons = new Set(rows.map((r) => r.closure_reason))
    assert.ok(reasons.has('not_contacted_after_attempts') && reasons.has('declined_support'))
    const attempts = await db.pool.query('SELECT count(*)::int AS n FROM contact_attempts')
    assert.ok(attempts.rows[0].n > 20)
    const audit = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.opened'`)
    assert.equal(
      audit.rows[0].n,
      Number((await db.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n),
    )
    const run = await services.outbox.run()
    const kept = await db.pool.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'kept'`)
    assert.equal(
      kept.rows[0].n,
      run.kept,
      'with no Notify key the texts are kept in the outbox, nothing leaves',
    )
  })
})
