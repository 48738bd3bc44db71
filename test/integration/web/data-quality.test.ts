import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

describe('data quality queue and report', () => {
  let t: TestApp
  let officer: BrowserLikeClient
  let held: Map<string, string>

  before(async () => {
    t = await startTestApp()
    const police = await t.services.intake.organisationForImport('County Police')
    const result = await t.services.intake.receive(
      [
        sampleReferral({ referral_id: 'DQ-1', forename: '', crime_reference: 'WK/1' }),
        sampleReferral({
          referral_id: 'DQ-2',
          reported_at: 'yesterday',
          crime_reference: 'WK/2',
          surname: 'Nwosu',
        }),
        sampleReferral({
          referral_id: 'DQ-3',
          crime_reference: 'WK/3',
          surname: 'Lindqvist',
          phone_mobile: '',
          phone_other: '',
          email: '',
          address_line1: '',
        }),
        sampleReferral({ referral_id: 'DQ-4', crime_reference: 'WK/4', surname: 'Accepted' }),
      ],
      { kind: 'police_feed', organisationId: police?.id ?? null, fileName: 'warks-2026-03-10.csv' },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    held = new Map((result.records ?? []).map((r) => [r.referralId ?? '', r.receiptId]))
    assert.equal(result.quarantined, 3)
    officer = new BrowserLikeClient(t.app)
    await officer.signIn(await createStaffUser(t.services, 'data_quality_officer'))
  })
  after(async () => t.close())

  it('lists held records with their reasons in plain English, oldest first', async () => {
    const page = await officer.get('/staff/data-quality')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /3 records waiting/)
    assert.match(page.body, /First name is missing/)
    assert.match(page.body, /Date reported to police is not a real date/)
    assert.match(page.body, /There is no usable phone number, email address or postal address/)
    assert.doesNotMatch(page.body, /Accepted/)
  })

  it('filters by reason, force and batch', async () => {
    const byReason = await officer.get('/staff/data-quality?reason=no_contact_route')
    assert.match(byReason.body, /1 record waiting/)
    assert.match(byReason.body, /Lindqvist/)
    const byForce = await officer.get('/staff/data-quality?force=NOPE')
    assert.match(byForce.body, /0 records waiting/)
    const junk = await officer.get('/staff/data-quality?batch=not-a-uuid&page=-4')
    assert.equal(junk.statusCode, 200, 'malformed filters are ignored, not an error')
  })

  it('a correction that still fails names the field and changes nothing', async () => {
    const id = held.get('DQ-2') as string
    await officer.get(`/staff/data-quality/records/${id}`)
    const response = await officer.post(`/staff/data-quality/records/${id}/release`, {
      reported_at: '2026-13-45',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#field-reported_at">Date reported to police is not a real date/)
    const receipt = await t.services.intake.findReceipt(id)
    assert.equal(receipt?.state, 'quarantined')
    assert.equal(receipt?.resolution, null)
  })

  it('a corrected record is released into the normal flow and accepted, and the release is audited', async () => {
    const id = held.get('DQ-1') as string
    const page = await officer.get(`/staff/data-quality/records/${id}`)
    assert.match(page.body, /id="field-forename"/)
    assert.match(
      page.body,
      /<select class="govuk-select" id="field-crime_category" name="crime_category">[\s\S]*?<option value="burglary_residential" selected>Residential burglary<\/option>/,
      'the crime category is chosen by name',
    )
    assert.doesNotMatch(page.body, /One of: homicide/)
    const response = await officer.post(`/staff/data-quality/records/${id}/release`, { forename: 'Bethan' })
    assert.equal(response.statusCode, 302)
    assert.match((await officer.get('/staff/data-quality')).body, /The referral was accepted/)
    const receipt = await t.services.intake.findReceipt(id)
    assert.equal(receipt?.state, 'accepted')
    assert.deepEqual(receipt?.corrections, { forename: 'Bethan' })
    const audit = await t.services.audit.recent({ recordId: id, action: 'intake.record_released' })
    assert.equal(audit.length, 1)
  })

  it('rejecting needs a reason; with one the record is rejected and audited', async () => {
    const id = held.get('DQ-3') as string
    await officer.get(`/staff/data-quality/records/${id}`)
    const empty = await officer.post(`/staff/data-quality/records/${id}/reject`, { reason: ' ' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /href="#reason">Enter why you are rejecting this record/)
    assert.equal((await t.services.intake.findReceipt(id))?.resolution, null)
    const done = await officer.post(`/staff/data-quality/records/${id}/reject`, {
      reason: 'Test record sent by mistake',
    })
    assert.equal(done.statusCode, 302)
    assert.equal((await t.services.intake.findReceipt(id))?.resolution, 'rejected')
    assert.equal(
      (await t.services.audit.recent({ recordId: id, action: 'intake.record_rejected' })).length,
      1,
    )
  })

  it('refuses a release without its CSRF token', async () => {
    const id = held.get('DQ-2') as string
    const response = await officer.post(
      `/staff/data-quality/records/${id}/release`,
      { reported_at: '2026-03-09' },
      { csrf: false },
    )
    assert.equal(response.statusCode, 403)
    assert.equal((await t.services.intake.findReceipt(id))?.state, 'quarantined')
  })

  it('reports reasons by period and force, and downloads them as CSV', async () => {
    const page = await officer.get('/staff/data-quality/report?from=2020-01-01&period=month')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /First name is missing/)
    assert.match(page.body, /WARKS/)
    const csv = await officer.get('/staff/data-quality/report.csv?from=2020-01-01&period=month')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(String(csv.headers['content-disposition']), /attachment/)
    const lines = csv.body.trim().split('\r\n')
    assert.equal(lines[0], 'period_start,force_code,measure,code,description,count')
    assert.ok(
      lines.some((l) => /,WARKS,received,,Records received,4$/.test(l)),
      csv.body,
    )
    assert.ok(
      lines.some((l) => /,WARKS,quarantine,missing_field:forename,First name is missing,1$/.test(l)),
      csv.body,
    )
  })

  it('asks for the report dates with GOV.UK date inputs, and names a date that is not real', async () => {
    const form = await officer.get('/staff/data-quality/report')
    assert.doesNotMatch(form.body, /From \(YYYY-MM-DD\)|To \(YYYY-MM-DD\)/)
    for (const part of ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'])
      assert.match(form.body, new RegExp(`name="${part}"`))
    assert.doesNotMatch(form.body, /govuk-error-summary/, 'no error before the form is sent')
    const page = await officer.get(
      '/staff/data-quality/report?from-day=1&from-month=1&from-year=2020&to-day=&to-month=&to-year=&period=month',
    )
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /from 1 January 2020 to/)
    assert.match(page.body, /First name is missing/)
    const wrong = await officer.get(
      '/staff/data-quality/report?from-day=31&from-month=2&from-year=2026&to-day=&to-month=&to-year=',
    )
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /href="#from-day">The start date must be a real date/)
    assert.match(wrong.body, /name="from-day" type="text" value="31"/, 'what was typed is kept')
  })

  it('a police referrer sees the report for their own organisation only, and not the queue', async () => {
    const police = new BrowserLikeClient(t.app)
    await police.signIn(await createStaffUser(t.services, 'police_referrer'))
    assert.equal((await police.get('/staff/data-quality')).statusCode, 403)
    const own = await police.get('/staff/data-quality/report?from=2020-01-01')
    assert.equal(own.statusCode, 200)
    assert.match(own.body, /only records sent by County Police/)
    assert.match(own.body, /First name is missing/)

    const partner = new BrowserLikeClient(t.app)
    await partner.signIn(await createStaffUser(t.services, 'police_referrer', 'Safeguarding'))
    const other = await partner.get('/staff/data-quality/report.csv?from=2020-01-01')
    assert.equal(other.body.trim().split('\r\n').length, 1, 'another organisation sees no rows')
  })
})
