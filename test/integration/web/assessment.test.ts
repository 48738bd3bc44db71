import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { INTERNAL_CODES, pageText } from '../../support/page-text.ts'

describe('assessment pages', () => {
  let t: TestApp
  let caseworker: BrowserLikeClient
  let referralId: string
  const page = (path = '') => `/staff/assessment/${referralId}${path}`

  before(async () => {
    t = await startTestApp()
    const received = await t.services.intake.receive(
      [sampleReferral({ referral_id: 'A-1', crime_reference: 'WK/20', crime_category: 'other_theft' })],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    referralId = received.records?.[0]?.referralUuid as string
    assert.ok(referralId, JSON.stringify(received.records))
    await t.services.triage.triagePending()
    caseworker = new BrowserLikeClient(t.app)
    await caseworker.signIn(await createStaffUser(t.services, 'hub_caseworker'))
  })
  after(async () => t.close())

  const triageRow = async () =>
    (
      await t.db.pool.query(
        'SELECT pathway_id, victim_choice_pathway, victim_wants_out_of_area FROM triage WHERE referral_id = $1',
        [referralId],
      )
    ).rows[0]

  it("records the victim's own choice, routes again and says so on the overview", async () => {
    await caseworker.get(page())
    const saved = await caseworker.post(page('/choice'), { pathway: 'burglary' })
    assert.equal(saved.statusCode, 302)
    assert.equal(saved.headers.location, page())
    assert.deepEqual(await triageRow(), {
      pathway_id: 'burglary',
      victim_choice_pathway: 'burglary',
      victim_wants_out_of_area: false,
    })
    const overview = await caseworker.get(page())
    assert.match(overview.body, /The victim’s choice is recorded\. The referral was routed again\./)
  })

  it('refuses a risk checklist with a wrong age, naming the field, and stores nothing', async () => {
    const form = await caseworker.get(page('/risk-checklist'))
    assert.equal(form.statusCode, 200)
    assert.doesNotMatch(
      form.body,
      /govuk-form-group--error/,
      'no field is marked wrong before anything is sent',
    )
    const refused = await caseworker.post(page('/risk-checklist'), { victimAge: 'forty', q1: 'yes' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#victimAge">Age must be a whole number of years/)
    assert.equal(refused.body.match(/govuk-form-group--error/g)?.length, 1, 'only the age is marked wrong')
    assert.match(refused.body, /name="q1" type="radio" value="yes" checked/, 'the answers given are kept')
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM risk_checklists')
    assert.equal(rows[0].n, 0)
  })

  it('a THRIVE re-grade without a reason is refused on the overview, keeping the grades chosen', async () => {
    await caseworker.get(page())
    const refused = await caseworker.post(page('/thrive'), {
      threat: 'high',
      harm: 'low',
      risk: 'low',
      vulnerability: 'low',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Say why you are re-grading/)
    assert.match(refused.body, /name="threat" type="radio" value="high" checked/)
  })

  it('a fresh needs assessment marks no field wrong, and offers languages by name', async () => {
    const form = await caseworker.get(page('/needs'))
    assert.equal(form.statusCode, 200)
    assert.doesNotMatch(form.body, /govuk-form-group--error|govuk-error-message|There is a problem/)
    assert.match(form.body, /<select class="govuk-select" id="field_communication_language"/)
    assert.match(form.body, /<option value="pl">Polish<\/option>/)
    assert.doesNotMatch(form.body, /ISO 639/)
  })

  it('an empty risk checklist is refused as not completed: nothing stored, never "standard"', async () => {
    await caseworker.get(page('/risk-checklist'))
    const refused = await caseworker.post(page('/risk-checklist'), {})
    assert.equal(refused.statusCode, 400)
    assert.match(
      refused.body,
      /href="#q1">Answer at least one question, or record your professional judgement/,
    )
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM risk_checklists')
    assert.equal(rows[0].n, 0)
    const overview = await caseworker.get(page())
    assert.match(overview.body, /id="risk-checklist-result">Not completed\./)
    assert.match(overview.body, /risk checklist not completed/)
    assert.doesNotMatch(overview.body, /[Ss]tandard risk/)
  })

  it('the overview shows names, not ids or codes', async () => {
    const text = pageText((await caseworker.get(page())).body)
    for (const code of INTERNAL_CODES) {
      const found = code.exec(text)
      assert.equal(found, null, `the page shows ${found?.[0]}`)
    }
    assert.match(text, /Rules Default routing rules, version 1/)
    assert.match(text, /General support/)
  })

  it('shows phone, email and safe-contact rules, and links to the victim record, which links back', async () => {
    const overview = await caseworker.get(page())
    const contact = overview.body.slice(overview.body.indexOf('id="contact"'))
    assert.match(contact, /07700 900123/, 'the phone number as people write it')
    assert.match(contact, /bethan\.pritchard@example\.org/)
    assert.match(contact, /Safe to leave voicemail/)
    assert.match(contact, /Language[\s\S]*?English/)
    const link = /href="(\/staff\/victims\/[0-9a-f-]{36})"/.exec(overview.body)?.[1]
    assert.ok(link, 'the assessment links to the victim record')
    const record = await caseworker.get(link)
    assert.equal(record.statusCode, 200)
    assert.match(record.body, new RegExp(`href="/staff/assessment/${referralId}"`))
    assert.match(record.body, /Routed, waiting for first contact/)
    assert.doesNotMatch(record.body, />triaged</)
  })

  it('a THRIVE re-grade changes the risk the page summarises, both ways', async () => {
    const riskTag = (body: string) =>
      /Risk\s*<\/dt>[\s\S]*?govuk-tag[^>]*>\s*([A-Za-z ]+?)\s*</.exec(body)?.[1]
    await caseworker.get(page())
    const regrade = async (grade: string) => {
      const saved = await caseworker.post(page('/thrive'), {
        threat: grade,
        harm: grade,
        risk: grade,
        vulnerability: grade,
        reason: `now ${grade}`,
      })
      assert.equal(saved.statusCode, 302)
      return caseworker.get(page())
    }
    const high = await regrade('high')
    assert.equal(riskTag(high.body), 'High')
    assert.match(high.body, /From THRIVE high \(hub re-grade\)/)
    const low = await regrade('low')
    assert.equal(riskTag(low.body), 'Low')
    assert.match(low.body, /From THRIVE low \(hub re-grade\)/)
    assert.doesNotMatch(low.body, /From THRIVE high/)
  })

  it('every page and form answers 404 for a referral that is not there or not visible', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    for (const id of ['not-a-referral', missing]) {
      for (const path of ['', '/needs', '/risk-checklist']) {
        assert.equal((await caseworker.get(`/staff/assessment/${id}${path}`)).statusCode, 404, `GET ${path}`)
      }
      await caseworker.get(page())
      for (const path of ['/thrive', '/choice', '/needs', '/risk-checklist']) {
        const posted = await caseworker.post(`/staff/assessment/${id}${path}`, { pathway: 'burglary' })
        assert.equal(posted.statusCode, 404, `POST ${path} for ${id}`)
      }
    }
    // A specialist worker on another pathway may not see this general referral at all.
    const specialist = new BrowserLikeClient(t.app)
    await specialist.signIn(await createStaffUser(t.services, 'specialist_worker'))
    assert.equal((await specialist.get(page('/needs'))).statusCode, 404)
  })
})
