import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

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
