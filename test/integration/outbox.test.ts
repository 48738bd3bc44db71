import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import type { CaseViewer } from '../../src/services/cases/index.ts'
import { createStaffUser, startTestApp, type TestApp } from '../support/app.ts'
import { type FakeNotify, startFakeNotify } from '../support/fake-notify/index.ts'
import { BrowserLikeClient } from '../support/http-client.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'

/** Allocation is done as the first-contact team, which sees every referral. */
const FIRST_CONTACT_VIEWER = {
  id: '00000000-0000-4000-8000-000000000001',
  role: 'team_manager' as const,
  teamPathway: 'general_support',
}

const actor = { ...SYSTEM_ACTOR, label: 'test' }
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000)

describe('the outbox: messages written with their action, sent once through GOV.UK Notify', () => {
  let fake: FakeNotify
  let t: TestApp
  let hub: CaseViewer
  let workerUser: Awaited<ReturnType<typeof createStaffUser>>
  let used = 0

  /** A new case for a victim who may be texted on a mobile in Ofcom's drama range. */
  const newCase = async (mobile: string) => {
    const row = (
      await t.db.pool.query(
        `SELECT r.id, r.victim_id FROM referrals r JOIN triage t ON t.referral_id = r.id
         LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
         WHERE lw.user_id IS NULL AND t.pathway_id = 'general_support' AND r.domestic_abuse <> 'Y' AND r.cse <> 'Y'
           AND r.crime_category NOT IN ('rape', 'sexual_offence_other') ORDER BY r.id OFFSET $1 LIMIT 1`,
        [used++],
      )
    ).rows[0]
    await t.db.pool.query(
      `UPDATE victims SET forename = 'Sam', phone_mobile = $2, phone_other = NULL, safe_to_text = 'Y', safe_to_call = 'Y',
         language = 'en', safe_days = '{}', safe_from = NULL, safe_to = NULL WHERE id = $1`,
      [row.victim_id, mobile],
    )
    const allocated = await t.services.triage.allocate(FIRST_CONTACT_VIEWER, row.id, workerUser.id, actor)
    assert.ok(allocated.ok && allocated.caseId)
    return { caseId: allocated.caseId, victimId: row.victim_id as string }
  }
  const text = (caseId: string) =>
    t.services.cases.recordAttempt(
      hub,
      caseId,
      { method: 'text', outcome: 'sent', notes: '' },
      actor,
      new Date(),
    )
  const toNumber = (n: string) =>
    fake.received.filter((m) => m.phoneNumber?.replace(/\D/g, '').endsWith(n.slice(-9)))

  before(async () => {
    fake = await startFakeNotify()
    const templates = fake.addGeneralTemplates()
    t = await startTestApp({
      NOTIFY_API_KEY: fake.createApiKey({ name: 'hub_outbox' }),
      NOTIFY_BASE_URL: fake.baseUrl,
      NOTIFY_TEXT_TEMPLATE: templates.text,
      NOTIFY_EMAIL_TEMPLATE: templates.email,
      NOTIFY_LETTER_TEMPLATE: templates.letter,
      MESSAGE_SENDER_NAME: 'County Victim Hub',
    })
    await receiveGeneratedReferrals(t.services, { seed: 21, count: 120, days: 30 })
    await t.services.triage.triagePending()
    workerUser = await createStaffUser(t.services, 'hub_caseworker')
    hub = { id: workerUser.id, role: 'hub_caseworker', teamPathway: 'general_support' }
  })
  after(async () => {
    await t.close()
    await fake.close()
  })

  it('a text from a contact attempt is written with it, sent by the job and seen at Notify once', async () => {
    const { caseId } = await newCase('+447700900201')
    const result = await text(caseId)
    assert.ok(result.messageId)
    // The process stops here, before any send: the message is kept with the action.
    const row = await t.services.outbox.find(result.messageId)
    assert.equal(row?.status, 'pending')
    assert.equal(toNumber('+447700900201').length, 0)
    const run = await t.services.outbox.run()
    assert.equal(run.sent, 1)
    const got = toNumber('+447700900201')
    assert.equal(got.length, 1)
    assert.equal(got[0]?.reference, result.messageId, 'the outbox row is the Notify reference')
    assert.match(
      got[0]?.body ?? '',
      /^Hello Sam, this is County Victim Hub\. We have been asked to get in touch/,
    )
    await t.services.outbox.run({ now: later(10) })
    assert.equal(toNumber('+447700900201').length, 1, 'a later run sends nothing again')
  })

  it('a refused contact writes no message', async () => {
    const { caseId, victimId } = await newCase('+447700900202')
    await t.db.pool.query(`UPDATE victims SET safe_to_text = 'N' WHERE id = $1`, [victimId])
    await assert.rejects(text(caseId), /text messages are not safe/)
    const rows = await t.db.pool.query('SELECT count(*)::int AS n FROM outbox_messages WHERE case_id = $1', [
      caseId,
    ])
    assert.equal(rows.rows[0].n, 0)
  })

  it('a crash between Notify taking the message and the hub hearing so: the retry finds it and does not send again', async () => {
    const { caseId } = await newCase('+447700900203')
    const { messageId } = await text(caseId)
    fake.forceNext('accept-then-drop')
    const first = await t.services.outbox.run()
    assert.equal(first.retried, 1, 'the answer was lost: tried again later')
    assert.equal(toNumber('+447700900203').length, 1, 'Notify has it once')
    const second = await t.services.outbox.run({ now: later(5) })
    assert.equal(second.alreadySent, 1, 'found by its reference')
    assert.equal(second.sent, 0)
    assert.equal(toNumber('+447700900203').length, 1, 'still once')
    assert.equal((await t.services.outbox.find(messageId as string))?.status, 'accepted')
  })

  it('a process that claimed a message and died before sending: another takes it after the lease and sends it once', async () => {
    const { caseId } = await newCase('+447700900204')
    const { messageId } = await text(caseId)
    await t.db.pool.query(
      `UPDATE outbox_messages SET status = 'sending', tries = 1, claimed_at = now() WHERE id = $1`,
      [messageId],
    )
    const during = await t.services.outbox.run()
    assert.equal(during.sent, 0, 'not while the lease holds')
    const run = await t.services.outbox.run({ now: later(3) })
    assert.equal(run.sent, 1)
    assert.equal(toNumber('+447700900204').length, 1)
  })

  it('Notify’s rate limit: the message waits and goes later, once', async () => {
    const { caseId } = await newCase('+447700900205')
    await text(caseId)
    fake.forceNext('rate-limit')
    const limited = await t.services.outbox.run()
    assert.equal(limited.retried, 1)
    assert.equal(toNumber('+447700900205').length, 0)
    await t.services.outbox.run({ now: later(2) })
    assert.equal(toNumber('+447700900205').length, 1)
  })

  it('delivery status is read back onto the case; a permanent failure raises a task', async () => {
    const a = await newCase('+447700900206')
    const b = await newCase('+447700900207')
    const ma = await text(a.caseId)
    const mb = await text(b.caseId)
    await t.services.outbox.run()
    const idOf = async (id: string | null) =>
      (await t.services.outbox.find(id as string))?.providerId as string
    fake.setStatus(await idOf(ma.messageId), 'delivered')
    fake.setStatus(await idOf(mb.messageId), 'permanent-failure')
    await t.services.outbox.run({ now: later(2) })
    assert.equal((await t.services.outbox.find(ma.messageId as string))?.status, 'delivered')
    assert.equal((await t.services.outbox.find(mb.messageId as string))?.status, 'permanent_failure')
    const pageA = await t.services.cases.detail(hub, a.caseId, actor, new Date())
    assert.ok(pageA?.events.some((e) => e.kind === 'message_delivered'))
    const pageB = await t.services.cases.detail(hub, b.caseId, actor, new Date())
    assert.ok(
      pageB?.tasks.some((k) => k.kind === 'message_failed' && k.status === 'open'),
      'a task to check the number',
    )
    const client = new BrowserLikeClient(t.app)
    await client.signIn(workerUser)
    const shown = await client.get(`/staff/cases/${b.caseId}`)
    assert.match(shown.body, /Not delivered: check the number or address with the victim/)
    assert.match((await client.get(`/staff/cases/${a.caseId}`)).body, /Delivered/)
    const outbox = await client.get('/staff/outbox')
    assert.equal(outbox.statusCode, 200)
    assert.match(outbox.body, /We have been asked to get in touch/, 'staff read the words that were sent')
    assert.match(outbox.body, /Not delivered/)
  })

  it('a number made unsafe after the message was written: the send is refused and nothing leaves', async () => {
    const { caseId, victimId } = await newCase('+447700900208')
    const { messageId } = await text(caseId)
    await t.db.pool.query(`UPDATE victims SET safe_to_text = 'N' WHERE id = $1`, [victimId])
    const run = await t.services.outbox.run()
    assert.equal(run.refused, 1)
    assert.equal(toNumber('+447700900208').length, 0)
    assert.equal((await t.services.outbox.find(messageId as string))?.status, 'refused')
  })
})
