import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { restrictedReferral } from '../../support/referrals.ts'

/**
 * The findings of the need-to-know test (issue 11, item 1), through the pages: a caseworker whose team
 * does not work domestic abuse, or who is in no team, and the ISVA team's manager, against a domestic
 * abuse referral; the first-contact team sees it.
 */
describe('need to know on the triage pages', () => {
  let t: TestApp
  let restrictedId: string
  let plainId: string
  const as = new Map<string, BrowserLikeClient>()
  const client = (name: string) => as.get(name) as BrowserLikeClient
  const victimOf = async (referralId: string) =>
    (await t.db.pool.query('SELECT victim_id FROM referrals WHERE id = $1', [referralId])).rows[0]
      .victim_id as string

  before(async () => {
    t = await startTestApp()
    const received = await t.services.intake.receive(
      [
        restrictedReferral({
          referral_id: 'DA-1',
          crime_reference: 'WK/900/26',
          crime_category: 'violence_with_injury',
        }),
        sampleReferral({ referral_id: 'B-1', crime_reference: 'WK/901/26' }),
      ],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    const ids = received.records?.map((r) => r.referralUuid as string) ?? []
    ;[restrictedId, plainId] = ids as [string, string]
    assert.ok(restrictedId && plainId, JSON.stringify(received.records))
    await t.services.triage.triagePending()
    const accounts = {
      firstContact: await createStaffUser(t.services, 'hub_caseworker', 'First contact'),
      hateCrime: await createStaffUser(t.services, 'hub_caseworker', 'Hate crime caseworkers'),
      noTeam: await createStaffUser(t.services, 'hub_caseworker', ''),
      isvaManager: await createStaffUser(t.services, 'team_manager', 'ISVA team'),
      manager: await createStaffUser(t.services, 'team_manager', 'First contact'),
    }
    for (const [name, user] of Object.entries(accounts)) {
      const c = new BrowserLikeClient(t.app)
      await c.signIn(user)
      as.set(name, c)
    }
  })
  after(async () => t.close())

  it('a caseworker outside the domestic abuse teams cannot open its assessment page, which answers as not found', async () => {
    for (const name of ['hateCrime', 'noTeam']) {
      const page = await client(name).get(`/staff/assessment/${restrictedId}`)
      assert.equal(page.statusCode, 404, name)
      assert.doesNotMatch(page.body, /Marchetti|WK\/900\/26/, name)
      assert.equal((await client(name).get(`/staff/assessment/${plainId}`)).statusCode, 200, name)
    }
    const firstContact = await client('firstContact').get(`/staff/assessment/${restrictedId}`)
    assert.equal(firstContact.statusCode, 200)
    assert.match(firstContact.body, /Marchetti/)
  })

  it('the queue filtered to domestic abuse lists and counts no domestic abuse victim for them', async () => {
    for (const name of ['hateCrime', 'noTeam']) {
      const all = await client(name).get('/staff/queue')
      assert.doesNotMatch(all.body, /Marchetti/, name)
      assert.match(all.body, /Pritchard/, name)
      const filtered = await client(name).get('/staff/queue?pathway=domestic_abuse')
      assert.equal(filtered.statusCode, 200)
      assert.doesNotMatch(filtered.body, /Marchetti/, name)
    }
    assert.match((await client('firstContact').get('/staff/queue?pathway=domestic_abuse')).body, /Marchetti/)
  })

  it('a THRIVE re-grade by the hate crime caseworker is refused and not saved', async () => {
    const c = client('hateCrime')
    await c.get(`/staff/assessment/${plainId}`)
    const refused = await c.post(`/staff/assessment/${restrictedId}/thrive`, {
      threat: 'high',
      harm: 'high',
      risk: 'high',
      vulnerability: 'high',
      reason: 'all high',
    })
    assert.equal(refused.statusCode, 404)
    const { rows } = await t.db.pool.query('SELECT hub_thrive FROM triage WHERE referral_id = $1', [
      restrictedId,
    ])
    assert.equal(rows[0].hub_thrive, null)
    const audit = await t.services.audit.recent({ action: 'thrive.regraded', recordId: restrictedId })
    assert.equal(audit.length, 0)
  })

  it("the ISVA team's manager cannot open or use a domestic abuse referral's allocation page", async () => {
    const c = client('isvaManager')
    const page = await c.get(`/staff/queue/${restrictedId}/allocate`)
    assert.equal(page.statusCode, 404)
    assert.doesNotMatch(page.body, /Marchetti/)
    await c.get(`/staff/queue/${plainId}/allocate`)
    const posted = await c.post(`/staff/queue/${restrictedId}/allocate`, {
      worker: (await t.services.accounts.listUsers())[0]?.id ?? '',
    })
    assert.equal(posted.statusCode, 404)
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM lead_workers')
    assert.equal(rows[0].n, 0)
    assert.equal((await client('manager').get(`/staff/queue/${restrictedId}/allocate`)).statusCode, 200)
  })

  it('a queue page that lists restricted victims is audited once, with the ids it showed', async () => {
    await client('firstContact').get('/staff/queue')
    const rows = await t.services.audit.recent({ action: 'restricted_records.listed' })
    const mine = rows.filter(
      (r) => r.details && (r.details as { list?: string }).list === 'first_contact_queue',
    )
    assert.ok(mine.length >= 1)
    const latest = mine[0]?.details as { referrals: string[]; victims: string[] }
    assert.deepEqual(latest.referrals, [restrictedId])
    assert.equal(latest.victims.length, 1)
  })

  it('a victim restricted by hand leaves the queue and pages of everyone outside first contact', async () => {
    const victimId = await victimOf(plainId)
    const manager = client('manager')
    const page = await manager.get(`/staff/victims/${victimId}`)
    assert.match(page.body, /Restrict this victim/)
    const refused = await manager.post(`/staff/victims/${victimId}/restriction`, {
      restricted: 'yes',
      reason: '',
    })
    assert.equal(refused.statusCode, 302)
    assert.match(
      (await manager.get(`/staff/victims/${victimId}`)).body,
      /Enter why only the first-contact team/,
    )
    const set = await manager.post(`/staff/victims/${victimId}/restriction`, {
      restricted: 'yes',
      reason: 'Works at the hub',
    })
    assert.equal(set.statusCode, 302)
    const c = client('hateCrime')
    assert.doesNotMatch((await c.get('/staff/queue')).body, /Pritchard/)
    assert.equal((await c.get(`/staff/assessment/${plainId}`)).statusCode, 404)
    assert.equal((await c.get(`/staff/victims/${victimId}`)).statusCode, 403)
    assert.match((await client('firstContact').get('/staff/queue')).body, /Pritchard/)
    const audit = await t.services.audit.recent({ action: 'victim.restricted_by_hand', recordId: victimId })
    assert.equal(audit.length, 1)
    await manager.get(`/staff/victims/${victimId}`)
    await manager.post(`/staff/victims/${victimId}/restriction`, { restricted: 'no' })
    assert.match((await c.get('/staff/queue')).body, /Pritchard/)
  })

  it("a manager sees who has seen a victim's record, linked from the victim page; nobody else may", async () => {
    const victimId = await victimOf(restrictedId)
    const manager = client('manager')
    const victimPage = await manager.get(`/staff/victims/${victimId}`)
    assert.match(victimPage.body, new RegExp(`href="/staff/victims/${victimId}/seen-by"`))
    const page = await manager.get(`/staff/victims/${victimId}/seen-by`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Who has seen this record/)
    assert.match(page.body, /Saw the victim listed in the first-contact queue/)
    assert.match(page.body, /Opened a referral or held record/)
    assert.match(page.body, /Opened the victim’s record/)
    assert.equal((await client('firstContact').get(`/staff/victims/${victimId}/seen-by`)).statusCode, 403)
    assert.equal((await client('isvaManager').get(`/staff/victims/${victimId}/seen-by`)).statusCode, 404)
  })
})
