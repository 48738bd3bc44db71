import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

// An extra bank holiday imported by an administrator moves the first-contact deadlines intake sets.
describe('intake deadlines follow the bank holidays in force', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  const receiveOne = async (referralId: string) => {
    const record = sampleReferral({ referral_id: referralId, crime_reference: `CAL-${referralId}` })
    await t.services.intake.receive([record], { kind: 'police_feed', organisationId: null }, SYSTEM_ACTOR)
    const { rows } = await t.db.pool.query(
      `SELECT r.first_contact_due, r.received_at FROM referrals r JOIN referral_receipts q ON q.id = r.receipt_id
       WHERE q.referral_id = $1`,
      [referralId],
    )
    return rows[0] as { first_contact_due: string | null; received_at: Date }
  }

  it('uses an imported calendar for new referrals', async () => {
    const before = await receiveOne('CAL-1')
    assert.ok(before.first_contact_due, 'a deadline is set with the bundled calendar')
    const file = join(
      import.meta.dirname,
      '..',
      '..',
      'src',
      'domain',
      'calendar',
      'data',
      'bank-holidays-england-and-wales.json',
    )
    const data = JSON.parse(await readFile(file, 'utf8'))
    // Declare the bundled deadline day a holiday: the next referral's deadline must move past it.
    data['england-and-wales'].events.push({
      title: 'Test holiday',
      date: before.first_contact_due,
      notes: '',
      bunting: false,
    })
    await t.services.calendar.importFile(
      JSON.stringify(data),
      { sourceFile: 'test.json', currentYear: new Date().getFullYear() },
      SYSTEM_ACTOR,
    )
    const afterImport = await receiveOne('CAL-2')
    assert.ok(afterImport.first_contact_due)
    assert.ok(
      (afterImport.first_contact_due as string) > (before.first_contact_due as string),
      `${afterImport.first_contact_due} should be after the new holiday ${before.first_contact_due}`,
    )
  })
})
