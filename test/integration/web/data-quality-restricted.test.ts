import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { restrictedReferral } from '../../support/referrals.ts'

const PERSONAL = /Delyth|Marchetti|delyth@example\.org|07700 ?900555|CV32 5AA|3 Elm Row/

/** Issue 11 item 2: restricted quarantined records reach data quality officers with names and contact withheld. */
describe('restricted records in the data quality queue', () => {
  let t: TestApp
  let officer: BrowserLikeClient
  let firstContactManager: BrowserLikeClient
  let heldId: string
  let clashId: string

  before(async () => {
    t = await startTestApp()
    const police = await t.services.intake.organisationForImport('County Police')
    const from = { kind: 'police_feed' as const, organisationId: police?.id ?? null }
    const first = await t.services.intake.receive(
      [
        restrictedReferral({
          referral_id: 'DA-HELD',
          crime_reference: 'WK/70/26',
          reported_at: 'last tuesday',
        }),
        restrictedReferral({
          referral_id: 'DA-OK',
          crime_reference: 'WK/71/26',
          crime_category: 'violence_with_injury',
        }),
      ],
      from,
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    heldId = first.records?.[0]?.receiptId as string
    assert.equal(first.records?.[0]?.state, 'quarantined')
    // The same referral ID again with other details: held as a clash with the earlier one.
    const again = await t.services.intake.receive(
      [
        restrictedReferral({
          referral_id: 'DA-OK',
          crime_reference: 'WK/71/26',
          crime_category: 'violence_with_injury',
          town: 'Kenilworth',
        }),
      ],
      from,
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    clashId = again.records?.[0]?.receiptId as string
    assert.deepEqual(again.records?.[0]?.reasons, ['referral_id_conflict'])
    officer = new BrowserLikeClient(t.app)
    await officer.signIn(await createStaffUser(t.services, 'data_quality_officer'))
    firstContactManager = new BrowserLikeClient(t.app)
    await firstContactManager.signIn(await createStaffUser(t.services, 'team_manager', 'First contact'))
  })
  after(async () => t.close())

  it('the queue lists a restricted record without its name, and the listing is audited with its id', async () => {
    const page = await officer.get('/staff/data-quality')
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, PERSONAL)
    assert.match(page.body, /Restricted record \(name withheld\)/)
    const audit = await t.services.audit.recent({ action: 'restricted_records.listed' })
    const receipts = ((audit[0]?.details ?? { receipts: [] }) as { receipts: string[] }).receipts
    assert.ok(receipts.includes(heldId) && receipts.includes(clashId))
  })

  it('the record page withholds names and contact details and audits the view', async () => {
    const page = await officer.get(`/staff/data-quality/records/${heldId}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, PERSONAL)
    assert.match(page.body, /Names and contact details are withheld/)
    assert.match(page.body, /name="reported_at"[^>]*value="last tuesday"/, 'the field that broke it is shown')
    const audit = await t.services.audit.recent({ action: 'restricted_record.viewed', recordId: heldId })
    assert.equal(audit.length, 1)
    assert.equal(((audit[0]?.details ?? {}) as { shown?: string }).shown, 'withheld')
  })

  it('the officer corrects the broken field and releases it; the withheld details are kept as sent', async () => {
    await officer.get(`/staff/data-quality/records/${heldId}`)
    const released = await officer.post(`/staff/data-quality/records/${heldId}/release`, {
      reported_at: '2026-03-09T10:15:00Z',
      forename: '',
      email: '',
    })
    assert.equal(released.statusCode, 302, released.body.slice(0, 500))
    const { rows } = await t.db.pool.query(
      `SELECT v.forename, v.surname, v.email, v.postcode FROM referral_receipts q
       JOIN victims v ON v.id = q.victim_id WHERE q.id = $1`,
      [heldId],
    )
    assert.deepEqual(rows[0], {
      forename: 'Delyth',
      surname: 'Marchetti',
      email: 'delyth@example.org',
      postcode: 'CV32 5AA',
    })
  })

  it('a record held as a clash shows the earlier record beside it, withheld fields still withheld', async () => {
    const page = await officer.get(`/staff/data-quality/records/${clashId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /The earlier record with this referral ID/)
    assert.doesNotMatch(page.body, PERSONAL)
    assert.match(page.body, /Withheld<\/td>\s*<td class="govuk-table__cell">Withheld/)
    const shown = await firstContactManager.get(`/staff/data-quality/records/${clashId}`)
    assert.match(shown.body, /Marchetti/, 'the first-contact team sees it in full')
    assert.match(shown.body, /Differs/)
  })
})
