// Migration 0210: empty risk checklists stored before the rule (scored "standard") become "not
// completed", and a referral whose latest checklist was one loses the risk level it gave.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

const MIGRATION = join(import.meta.dirname, '../../src/db/migrations/0210_risk_checklist_not_completed.sql')

describe('empty risk checklists stored before the rule', () => {
  let t: TestApp
  const ids: string[] = []
  before(async () => {
    t = await startTestApp()
    const received = await t.services.intake.receive(
      [
        sampleReferral({ referral_id: 'OLD-EMPTY', crime_reference: 'WK/1' }),
        sampleReferral({ referral_id: 'OLD-ANSWERED', crime_reference: 'WK/2' }),
      ],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    for (const r of received.records ?? []) ids.push(r.referralUuid as string)
    await t.services.triage.triagePending()
  })
  after(async () => t.close())

  it('become "not completed" and stop giving the referral a risk level; answered ones stay', async () => {
    const store = (referralId: string, answers: Record<string, string>) =>
      t.db.pool.query(
        `INSERT INTO risk_checklists (referral_id, form_id, form_version, answers, result, level, yes_count, assessed_by_label)
         VALUES ($1, 'domestic-abuse-risk-checklist', 1, $2, '{"level": "standard", "yesCount": 0}', 'standard', 0, 'worker')`,
        [referralId, JSON.stringify({ formId: 'domestic-abuse-risk-checklist', formVersion: 1, answers })],
      )
    await store(ids[0] as string, {})
    await store(ids[1] as string, { q1: 'no' })
    await t.db.pool.query(`UPDATE triage SET risk_level = 'standard' WHERE referral_id = ANY($1)`, [ids])

    await t.db.pool.query(await readFile(MIGRATION, 'utf8'))

    const { rows } = await t.db.pool.query(
      `SELECT c.referral_id, c.level, c.result->>'level' AS result_level, t.risk_level
       FROM risk_checklists c JOIN triage t USING (referral_id) ORDER BY c.referral_id = $1 DESC`,
      [ids[0]],
    )
    assert.deepEqual(rows, [
      { referral_id: ids[0], level: 'not_completed', result_level: 'not_completed', risk_level: null },
      { referral_id: ids[1], level: 'standard', result_level: 'standard', risk_level: 'standard' },
    ])
  })
})
