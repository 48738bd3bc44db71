import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { restrictedReferral } from '../../support/referrals.ts'

describe('victim pages, possible matches and restricted records', () => {
  let t: TestApp
  let manager: BrowserLikeClient
  const ids: Record<string, string> = {}

  before(async () => {
    t = await startTestApp()
    const receive = async (record: Record<string, unknown>) => {
      const r = await t.services.intake.receive(
        [record],
        { kind: 'police_feed', organisationId: null },
        SYSTEM_ACTOR,
        {
          includeRecords: true,
        },
      )
      const outcome = r.records?.[0]
      assert.equal(outcome?.state, 'accepted', JSON.stringify(outcome))
      return outcome
    }
    ids.known = (await receive(sampleReferral({ referral_id: 'V-1', crime_reference: 'WK/10' })))
      ?.victimId as string
    const second = await receive(
      sampleReferral({
        referral_id: 'V-2',
        crime_reference: 'WK/11',
        date_of_birth: '',
        victim_person_ref: '',
        email: '',
        phone_mobile: '07700 900999',
        phone_other: '',
      }),
    )
    ids.second = second?.victimId as string
    ids.restricted = (await receive(restrictedReferral({ referral_id: 'V-3', crime_reference: 'WK/12' })))
      ?.victimId as string
    manager = new BrowserLikeClient(t.app)
    await manager.signIn(await createStaffUser(t.services, 'team_manager'))
  })
  after(async () => t.close())

  it('shows a victim with details, referrals and the 12-month repeat count', async () => {
    const page = await manager.get(`/staff/victims/${ids.known}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">Bethan Pritchard<\/h1>/)
    assert.match(page.body, /WK\/10/)
    assert.match(page.body, /id="repeat-count">\d+</)
    assert.equal((await manager.get('/staff/victims/00000000-0000-4000-8000-000000000000')).statusCode, 404)
  })

  it('lists a possible match with its evidence, and merging then unmerging is reversible and audited', async () => {
    assert.notEqual(ids.second, ids.known, 'the fixture is not linked automatically')
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM match_reviews WHERE status = 'open'",
    )
    assert.equal(rows[0].n, 1, 'the fixture makes one possible-match task')
    const list = await manager.get('/staff/victims')
    assert.match(list.body, /Same person: merge/)
    const reviewId = /action="\/staff\/victims\/reviews\/([0-9a-f-]{36})\/merge"/.exec(list.body)?.[1]
    assert.ok(reviewId)
    const merged = await manager.post(`/staff/victims/reviews/${reviewId}/merge`, {})
    assert.equal(merged.headers.location, `/staff/victims/${ids.known}`)
    const page = await manager.get(`/staff/victims/${ids.known}`)
    assert.match(page.body, /Referrals \(2\)/)
    assert.match(page.body, /Records merged into this one/)
    assert.equal((await t.services.audit.recent({ recordId: ids.known, action: 'victim.merged' })).length, 1)
    const old = await manager.get(`/staff/victims/${ids.second}`)
    assert.equal(old.headers.location, `/staff/victims/${ids.known}`, 'a merged record leads to the one kept')

    await manager.get(`/staff/victims/${ids.known}`)
    const unmerged = await manager.post(`/staff/victims/${ids.second}/unmerge`, {})
    assert.equal(unmerged.headers.location, `/staff/victims/${ids.second}`)
    assert.match((await manager.get(`/staff/victims/${ids.known}`)).body, /Referrals \(1\)/)
    assert.equal(
      (await t.services.audit.recent({ recordId: ids.second, action: 'victim.unmerged' })).length,
      1,
    )
  })

  it('a restricted record is shown to the first contact team and audited', async () => {
    const page = await manager.get(`/staff/victims/${ids.restricted}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Delyth Marchetti/)
    assert.match(page.body, /Restricted record \(domestic abuse\)/)
    const audit = await t.services.audit.recent({ recordId: ids.restricted, action: 'record.viewed' })
    assert.equal(audit.length, 1)
  })

  it('a specialist team sees a restricted record only on its own pathway', async () => {
    const idva = new BrowserLikeClient(t.app)
    await idva.signIn(await createStaffUser(t.services, 'team_manager', 'IDVA team'))
    assert.equal((await idva.get(`/staff/victims/${ids.restricted}`)).statusCode, 200)
    const isva = new BrowserLikeClient(t.app)
    await isva.signIn(await createStaffUser(t.services, 'team_manager', 'ISVA team'))
    const refused = await isva.get(`/staff/victims/${ids.restricted}`)
    assert.equal(refused.statusCode, 403)
    assert.doesNotMatch(refused.body, /Delyth|Marchetti|07700/)
  })

  it('a data quality officer is refused a restricted record, and the attempt is audited', async () => {
    const officer = await createStaffUser(t.services, 'data_quality_officer')
    const client = new BrowserLikeClient(t.app)
    await client.signIn(officer)
    const page = await client.get(`/staff/victims/${ids.restricted}`)
    assert.equal(page.statusCode, 403)
    assert.match(page.body, /Restricted record/)
    assert.doesNotMatch(page.body, /Delyth|Marchetti/)
    const audit = await t.services.audit.recent({ recordId: ids.restricted, action: 'record.view_refused' })
    assert.ok(audit.some((a) => a.actorUserId === officer.id))
    assert.equal(
      (await client.get(`/staff/victims/${ids.known}`)).statusCode,
      200,
      'unrestricted records are fine',
    )
  })

  it('a list of possible matches that shows a restricted victim is audited once, with its id', async () => {
    const r = await t.services.intake.receive(
      [
        restrictedReferral({
          referral_id: 'V-9',
          crime_reference: 'WK/19',
          date_of_birth: '',
          victim_person_ref: '',
          email: '',
          phone_mobile: '07700 900998',
        }),
      ],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    assert.notEqual(r.records?.[0]?.victimId, ids.restricted, 'a possible match, not a link')
    const list = await manager.get('/staff/victims')
    assert.match(list.body, /Delyth Marchetti/)
    const audit = await t.services.audit.recent({ action: 'restricted_records.listed' })
    const victims = ((audit[0]?.details ?? {}) as { victims?: string[] }).victims ?? []
    assert.ok(victims.includes(ids.restricted as string), JSON.stringify(audit[0]))
  })
})
