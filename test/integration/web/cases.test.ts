import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import type { CaseViewer } from '../../../src/services/cases/index.ts'
import { InputError } from '../../../src/services/errors.ts'
import { createStaffUser, startTestApp, type TestApp, type TestUser } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { receiveGeneratedReferrals } from '../../support/referrals.ts'

const actor = { ...SYSTEM_ACTOR, label: 'test' }

/** A victim none of whose referrals is restricted (a repeat victim's other referral may be). */
const NO_RESTRICTED_REFERRAL = `NOT EXISTS (SELECT 1 FROM referrals o WHERE o.victim_id = r.victim_id
  AND (o.domestic_abuse = 'Y' OR o.cse = 'Y' OR o.crime_category IN ('rape', 'sexual_offence_other')))`

describe('cases: opened by allocation, changed with reasons, seen only by those who need to know', () => {
  let t: TestApp
  let worker: TestUser
  let hub: CaseViewer
  let client: BrowserLikeClient
  let plain: { referral_id: string; victim_id: string }
  let restricted: { referral_id: string; victim_id: string; pathway_id: string }

  before(async () => {
    t = await startTestApp()
    await receiveGeneratedReferrals(t.services, { seed: 13, count: 120, days: 30 })
    await t.services.triage.triagePending()
    worker = await createStaffUser(t.services, 'hub_caseworker')
    hub = { id: worker.id, role: 'hub_caseworker', teamPathway: 'general_support' }
    const pick = async (where: string) =>
      (
        await t.db.pool.query(
          `SELECT r.id AS referral_id, r.victim_id, t.pathway_id FROM referrals r JOIN triage t ON t.referral_id = r.id
           WHERE ${where} ORDER BY r.id LIMIT 1`,
        )
      ).rows[0]
    plain = await pick(
      `t.pathway_id = 'general_support' AND r.crime_category NOT IN ('rape', 'sexual_offence_other')
       AND r.cse <> 'Y' AND r.domestic_abuse <> 'Y' AND ${NO_RESTRICTED_REFERRAL}`,
    )
    restricted = await pick(`t.pathway_id = 'domestic_abuse' AND r.domestic_abuse = 'Y'`)
    assert.ok(plain && restricted, 'the generated referrals include a general and a domestic abuse one')
    client = new BrowserLikeClient(t.app)
    await client.signIn(worker)
  })
  after(async () => t.close())

  it('allocating a triaged referral opens a case awaiting first contact, with the referral’s deadline', async () => {
    const result = await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor)
    assert.ok(result.ok && result.caseId)
    const page = await t.services.cases.detail(hub, result.caseId, actor, new Date())
    assert.equal(page?.case.state, 'awaiting_first_contact')
    assert.equal(page?.case.leadWorkerId, worker.id)
    const due = await t.db.pool.query('SELECT first_contact_due::text AS d FROM referrals WHERE id = $1', [
      plain.referral_id,
    ])
    assert.equal(page?.case.nextActionDue, due.rows[0].d)
    assert.deepEqual(
      page?.events.map((e) => e.kind),
      ['lead_worker_allocated', 'opened'],
    )
    const audit = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.opened'`,
    )
    assert.equal(audit.rows[0].n, 1)
  })

  it('a repeat victim’s new referral joins their open case instead of opening a second', async () => {
    const other = (
      await t.db.pool.query(
        `SELECT r.id FROM referrals r JOIN triage t ON t.referral_id = r.id
         WHERE r.victim_id <> $1 AND t.pathway_id = 'general_support' AND r.domestic_abuse <> 'Y' AND r.cse <> 'Y'
           AND r.crime_category NOT IN ('rape', 'sexual_offence_other') AND ${NO_RESTRICTED_REFERRAL}
           ORDER BY r.id DESC LIMIT 1`,
        [plain.victim_id],
      )
    ).rows[0].id
    // The same victim, as a merge of two records leaves it.
    await t.db.pool.query('UPDATE referrals SET victim_id = $1 WHERE id = $2', [plain.victim_id, other])
    const first = await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor)
    const second = await t.services.triage.allocate(hub, other, worker.id, actor)
    assert.ok(first.ok && second.ok)
    assert.equal(second.caseId, first.caseId)
    const open = await t.db.pool.query(`SELECT count(*)::int AS n FROM cases WHERE victim_id = $1`, [
      plain.victim_id,
    ])
    assert.equal(open.rows[0].n, 1)
    const page = await t.services.cases.detail(hub, first.caseId as string, actor, new Date())
    assert.equal(page?.referrals.length, 2)
  })

  it('a state change needs a reason; closing needs a closure reason; each is in the history and the audit log', async () => {
    const caseId = (await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor))
      .caseId as string
    await assert.rejects(
      t.services.cases.change(hub, caseId, { kind: 'move', to: 'supported', reason: 'x' }, actor, new Date()),
      (e) => e instanceof InputError && e.field === 'to',
    )
    await t.services.cases.change(
      hub,
      caseId,
      { kind: 'move', to: 'contacting', reason: 'First call' },
      actor,
      new Date(),
    )
    await t.services.cases.change(
      hub,
      caseId,
      { kind: 'close', reason: 'declined_support', note: '' },
      actor,
      new Date(),
    )
    const closed = await t.services.cases.detail(hub, caseId, actor, new Date())
    assert.equal(closed?.case.state, 'closed')
    assert.equal(closed?.case.closureReason, 'declined_support')
    const status = await t.db.pool.query(
      `SELECT DISTINCT r.status, t.closed_at IS NOT NULL AS freed FROM case_referrals cr JOIN referrals r ON r.id = cr.referral_id
       JOIN triage t ON t.referral_id = r.id WHERE cr.case_id = $1`,
      [caseId],
    )
    assert.deepEqual(status.rows, [{ status: 'closed', freed: true }], 'its referrals leave the queue')
    await t.services.cases.change(hub, caseId, { kind: 'reopen', reason: 'Rang back' }, actor, new Date())
    const reopened = await t.services.cases.detail(hub, caseId, actor, new Date())
    assert.equal(reopened?.case.state, 'awaiting_first_contact')
    assert.deepEqual(
      reopened?.events.slice(0, 3).map((e) => [e.kind, e.fromState, e.toState]),
      [
        ['reopened', 'closed', 'awaiting_first_contact'],
        ['closed', 'contacting', 'closed'],
        ['state_changed', 'awaiting_first_contact', 'contacting'],
      ],
    )
    const audit = await t.db.pool.query(
      `SELECT action FROM audit_log WHERE record_type = 'case' AND record_id = $1 ORDER BY id`,
      [caseId],
    )
    assert.deepEqual(
      audit.rows.map((r) => r.action).filter((a) => a !== 'restricted_record.viewed'),
      ['case.opened', 'case.referral_joined', 'case.state_changed', 'case.closed', 'case.reopened'],
    )
  })

  it('need to know: a restricted case is in the caseload and on its page only for its teams (against the database)', async () => {
    const caseId = (await t.services.triage.allocate(hub, restricted.referral_id, worker.id, actor))
      .caseId as string
    const idva = await createStaffUser(t.services, 'specialist_worker', 'IDVA team')
    const isva = await createStaffUser(t.services, 'specialist_worker', 'ISVA team')
    const dq = await createStaffUser(t.services, 'data_quality_officer')
    const asIdva: CaseViewer = { id: idva.id, role: 'specialist_worker', teamPathway: 'domestic_abuse' }
    const asIsva: CaseViewer = { id: isva.id, role: 'specialist_worker', teamPathway: 'sexual_violence' }
    const asDq: CaseViewer = { id: dq.id, role: 'data_quality_officer', teamPathway: null }
    const ids = async (viewer: CaseViewer) =>
      (await t.services.cases.caseload(viewer, { show: 'all', page: 1 }, new Date())).rows.map(
        (r) => r.caseId,
      )
    assert.ok((await ids(hub)).includes(caseId), 'the first-contact team sees it')
    assert.ok((await ids(asIdva)).includes(caseId), 'the domestic abuse team sees it')
    assert.ok(!(await ids(asIsva)).includes(caseId), 'another specialist team does not')
    assert.ok(!(await ids(asDq)).includes(caseId), 'a data quality officer does not')
    assert.equal(await t.services.cases.detail(asIsva, caseId, actor, new Date()), undefined)
    await assert.rejects(
      t.services.cases.change(
        asIsva,
        caseId,
        { kind: 'move', to: 'contacting', reason: 'x' },
        actor,
        new Date(),
      ),
      { name: 'CaseNotFound' },
    )
    await t.services.cases.detail(asIdva, caseId, { ...actor, userId: idva.id }, new Date())
    const viewed = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'restricted_record.viewed' AND record_id = $1`,
      [caseId],
    )
    assert.ok(viewed.rows[0].n >= 1, 'every view of a restricted case is audited')
    const isvaClient = new BrowserLikeClient(t.app)
    await isvaClient.signIn(isva)
    assert.equal((await isvaClient.get(`/staff/cases/${caseId}`)).statusCode, 404)
  })

  it('a caseworker takes an unallocated case, and a referral from the queue, for themselves', async () => {
    const caseId = (await t.services.triage.allocate(hub, restricted.referral_id, worker.id, actor))
      .caseId as string
    await t.db.pool.query('DELETE FROM lead_workers WHERE victim_id = $1', [restricted.victim_id])
    const other = await createStaffUser(t.services, 'hub_caseworker')
    const otherClient = new BrowserLikeClient(t.app)
    await otherClient.signIn(other)
    const list = await otherClient.get('/staff/cases?show=unallocated')
    assert.match(list.body, new RegExp(`/staff/cases/${caseId}`))
    const page = await otherClient.get(`/staff/cases/${caseId}`)
    assert.match(page.body, /Take this case for myself/)
    const took = await otherClient.post(`/staff/cases/${caseId}/take`, {})
    assert.equal(took.statusCode, 302)
    const mine = await otherClient.get('/staff/cases')
    assert.match(mine.body, new RegExp(`/staff/cases/${caseId}`), 'it is in their own caseload')
    const again = await client.get(`/staff/cases/${caseId}`)
    assert.doesNotMatch(again.body, /Take this case for myself/, 'a led case cannot be taken')
    assert.equal((await client.post(`/staff/cases/${caseId}/take`, {})).statusCode, 400)

    const queued = (
      await t.db.pool.query(
        `SELECT r.id FROM referrals r JOIN triage t ON t.referral_id = r.id LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
         WHERE lw.user_id IS NULL AND t.pathway_id = 'general_support' ORDER BY r.id LIMIT 1`,
      )
    ).rows[0].id
    await otherClient.get('/staff/queue')
    const fromQueue = await otherClient.post(`/staff/cases/take-referral/${queued}`, {})
    assert.equal(fromQueue.statusCode, 302)
    assert.match(String(fromQueue.headers.location), /^\/staff\/cases\/[0-9a-f-]{36}$/)
  })

  it('the home page’s card leads to the caseload; the case page shows safe contact, language, referrals and the victim record', async () => {
    const home = await client.get('/staff')
    assert.match(home.body, /href="\/staff\/cases"/)
    const caseId = (await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor))
      .caseId as string
    const list = await client.get('/staff/cases')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, new RegExp(`/staff/cases/${caseId}`))
    const page = await client.get(`/staff/cases/${caseId}`)
    assert.equal(page.statusCode, 200)
    for (const expected of [
      'Safe contact: read before every contact',
      'Voicemail',
      'Language',
      'Interpreter',
      `/staff/victims/${plain.victim_id}`,
      `/staff/assessment/${plain.referral_id}`,
      'Awaiting first contact',
    ])
      assert.ok(page.body.includes(expected), `the case page shows ${expected}`)
    assert.doesNotMatch(page.body, /awaiting_first_contact<|general_support/, 'no codes on the page')
    const victim = await client.get(`/staff/victims/${plain.victim_id}`)
    assert.match(
      victim.body,
      new RegExp(`href="/staff/cases/${caseId}"`),
      'the victim record links to its case',
    )
  })

  it('a case is transferred to another worker only when they accept it', async () => {
    const caseId = (await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor))
      .caseId as string
    const next = await createStaffUser(t.services, 'hub_caseworker')
    const nextClient = new BrowserLikeClient(t.app)
    await nextClient.signIn(next)
    const page = await client.get(`/staff/cases/${caseId}`)
    assert.match(page.body, /Transfer the case/)
    const noReason = await client.post(`/staff/cases/${caseId}/transfer`, {
      toUser: next.id,
      transferReason: '',
    })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /href="#transferReason"/)
    await client.get(`/staff/cases/${caseId}`)
    const offered = await client.post(`/staff/cases/${caseId}/transfer`, {
      toUser: next.id,
      transferReason: 'Going on leave',
    })
    assert.equal(offered.statusCode, 302)
    const waiting = await client.get(`/staff/cases/${caseId}`)
    assert.match(waiting.body, /waiting for them to accept/)
    const lead = async () =>
      (await t.services.cases.detail(hub, caseId, actor, new Date()))?.case.leadWorkerId
    assert.equal(await lead(), worker.id, 'nothing moves before acceptance')
    const theirs = await nextClient.get('/staff/cases')
    assert.match(theirs.body, /Cases offered to you[\s\S]*Going on leave/)
    const transferId = /\/staff\/cases\/transfers\/([0-9a-f-]{36})\/accept/.exec(theirs.body)?.[1] as string
    await client.get('/staff/cases')
    assert.equal(
      (await client.post(`/staff/cases/transfers/${transferId}/accept`, {})).statusCode,
      404,
      'only the worker it was offered to',
    )
    const accepted = await nextClient.post(`/staff/cases/transfers/${transferId}/accept`, {})
    assert.equal(accepted.statusCode, 302)
    assert.equal(await lead(), next.id)
    const audit = await t.db.pool.query(
      `SELECT action FROM audit_log WHERE record_id = $1 AND action LIKE 'case.transfer%' ORDER BY id`,
      [caseId],
    )
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['case.transfer_requested', 'case.transfer_accepted'],
    )
    await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor)
  })

  it('forms refuse bad input by field and change nothing', async () => {
    const caseId = (await t.services.triage.allocate(hub, plain.referral_id, worker.id, actor))
      .caseId as string
    await client.get(`/staff/cases/${caseId}`)
    const noReason = await client.post(`/staff/cases/${caseId}/close`, { closureReason: 'other', note: '' })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /href="#note"[^>]*>Say why the case is closing/)
    await client.get(`/staff/cases/${caseId}`)
    const noChoice = await client.post(`/staff/cases/${caseId}/close`, {})
    assert.equal(noChoice.statusCode, 400)
    assert.match(noChoice.body, /href="#closureReason"/)
    await client.get(`/staff/cases/${caseId}`)
    const ok = await client.post(`/staff/cases/${caseId}/state`, {
      to: 'assessing',
      reason: 'Spoke on the phone',
    })
    assert.equal(ok.statusCode, 302)
    const after1 = await client.get(`/staff/cases/${caseId}`)
    assert.match(after1.body, /The case is now: assessing needs/)
    assert.match(after1.body, /Spoke on the phone/)
  })

  describe('contact attempts, with safe contact enforced', () => {
    let caseId: string
    let referralId: string
    let victimId: string
    const attempts = async () =>
      (await t.db.pool.query('SELECT count(*)::int AS n FROM contact_attempts WHERE case_id = $1', [caseId]))
        .rows[0].n

    before(async () => {
      const row = (
        await t.db.pool.query(
          `SELECT r.id, r.victim_id FROM referrals r JOIN triage t ON t.referral_id = r.id
           LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
           WHERE lw.user_id IS NULL AND t.pathway_id = 'general_support' AND r.domestic_abuse <> 'Y' AND r.cse <> 'Y'
             AND r.crime_category NOT IN ('rape', 'sexual_offence_other') AND ${NO_RESTRICTED_REFERRAL}
           ORDER BY r.id DESC LIMIT 1`,
        )
      ).rows[0]
      referralId = row.id
      victimId = row.victim_id
      await t.db.pool.query(
        `UPDATE victims SET phone_mobile = '+447700900123', phone_other = NULL, email = 'v@example.org',
           address_line1 = '1 High Street', postcode = 'CV34 4AB', safe_to_call = 'Y', safe_to_text = 'N',
           safe_to_email = 'U', safe_to_leave_voicemail = 'N', safe_to_write = 'Y', safe_days = '{}',
           safe_from = NULL, safe_to = NULL, someone_else_answers = 'Say you are from the surgery'
         WHERE id = $1`,
        [victimId],
      )
      const allocated = await t.services.triage.allocate(hub, referralId, worker.id, actor)
      caseId = allocated.ok ? (allocated.caseId as string) : ''
    })

    it('refuses a text where texts are unsafe, a voicemail where voicemails are, and a call outside safe times: nothing recorded', async () => {
      const tryContact = (
        method: 'text' | 'phone_call',
        outcome: 'sent' | 'voicemail_left' | 'no_answer',
        now = new Date(),
      ) => t.services.cases.recordAttempt(hub, caseId, { method, outcome, notes: '' }, actor, now)
      await assert.rejects(
        tryContact('text', 'sent'),
        (e) => e instanceof InputError && /text messages are not safe/.test(e.message),
      )
      await assert.rejects(tryContact('phone_call', 'voicemail_left'), /a voicemail is not safe/)
      await t.db.pool.query(`UPDATE victims SET safe_from = '10:00', safe_to = '12:00' WHERE id = $1`, [
        victimId,
      ])
      await assert.rejects(
        tryContact('phone_call', 'no_answer', new Date('2026-03-04T18:00:00Z')),
        /outside the times/,
      )
      await t.db.pool.query('UPDATE victims SET safe_from = NULL, safe_to = NULL WHERE id = $1', [victimId])
      assert.equal(await attempts(), 0, 'nothing is recorded')
      const audited = await t.db.pool.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.contact_attempt' AND record_id = $1`,
        [caseId],
      )
      assert.equal(audited.rows[0].n, 0)
    })

    it('an unsafe contact is refused on screen, with the rules shown before the form', async () => {
      const page = await client.get(`/staff/cases/${caseId}`)
      assert.ok(
        page.body.indexOf('Safe contact: read before every contact') <
          page.body.indexOf('Record a contact attempt'),
      )
      assert.match(page.body, /Say you are from the surgery/)
      assert.match(page.body, /Not safe: the victim said no/)
      const refused = await client.post(`/staff/cases/${caseId}/attempts`, {
        method: 'text',
        outcome: 'sent',
        notes: 'hello',
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /href="#method"[^>]*>The victim said text messages are not safe/)
      assert.equal(await attempts(), 0)
    })

    it('failed attempts follow the attempt policy as tasks; reaching the victim records first contact against the deadline', async () => {
      const first = await t.services.cases.recordAttempt(
        hub,
        caseId,
        { method: 'phone_call', outcome: 'no_answer', notes: '' },
        actor,
        new Date(),
      )
      assert.equal(first.next?.kind, 'attempt')
      let page = await t.services.cases.detail(hub, caseId, actor, new Date())
      assert.equal(page?.case.state, 'contacting')
      assert.equal(page?.tasks.filter((k) => k.status === 'open').length, 1)
      assert.equal(page?.case.nextActionDue, first.next?.due, 'the case’s next action is the next attempt')
      await client.get(`/staff/cases/${caseId}`)
      const second = await client.post(`/staff/cases/${caseId}/attempts`, {
        method: 'email',
        outcome: 'sent',
        notes: 'Sent our details',
      })
      assert.equal(second.statusCode, 302)
      const shown = await client.get(`/staff/cases/${caseId}`)
      assert.match(shown.body, /Next attempt due by/)
      assert.match(shown.body, /Contact attempt 3/)
      const tasks = await client.get('/staff/cases/tasks')
      assert.equal(tasks.statusCode, 200)
      assert.match(
        tasks.body,
        /Contact attempt 3[\s\S]*?<a class="govuk-link" href="\/staff\/cases\//,
        'the next attempt is on my tasks',
      )
      await client.post(`/staff/cases/${caseId}/attempts`, {
        method: 'phone_call',
        outcome: 'spoke',
        notes: 'Spoke, wants help',
      })
      page = await t.services.cases.detail(hub, caseId, actor, new Date())
      assert.equal(page?.case.state, 'assessing')
      assert.ok(page?.case.firstContactedAt)
      assert.equal(page?.case.nextActionDue, null)
      assert.equal(page?.tasks.filter((k) => k.status === 'open').length, 0, 'the attempt task is done')
      assert.deepEqual(
        page?.attempts.map((a) => a.outcome),
        ['no_answer', 'sent', 'spoke'],
      )
      const referral = (
        await t.db.pool.query(
          `SELECT status, first_contacted_at IS NOT NULL AS contacted, first_contact_on_time,
             first_contact_due >= (now() AT TIME ZONE 'Europe/London')::date AS due_today_or_later
           FROM referrals WHERE id = $1`,
          [referralId],
        )
      ).rows[0]
      assert.equal(referral.status, 'contacted')
      assert.equal(referral.contacted, true)
      assert.equal(
        referral.first_contact_on_time,
        referral.due_today_or_later,
        'met or missed against first_contact_due',
      )
      const queue = await t.services.triage.queue(hub, { page: 1 }, new Date())
      assert.ok(
        !queue.rows.some((r) => r.referralId === referralId),
        'the referral leaves the first-contact queue',
      )
    })

    it('a contact by another service in the last two working days is warned of before the next contact', async () => {
      const other = await createStaffUser(t.services, 'specialist_worker', 'Road trauma team')
      const asOther: CaseViewer = { id: other.id, role: 'specialist_worker', teamPathway: 'road_trauma' }
      await t.services.cases.recordAttempt(
        asOther,
        caseId,
        { method: 'phone_call', outcome: 'spoke', notes: '' },
        { ...actor, userId: other.id },
        new Date(),
      )
      const page = await client.get(`/staff/cases/${caseId}`)
      assert.match(page.body, /Road trauma team contacted this victim in the last 2 working days/)
      assert.match(page.body, /<h2 class="govuk-heading-m">Timeline<\/h2>[\s\S]*Referral received/)
    })

    it('three failed attempts where writing is safe lead to a closing letter', async () => {
      const row = (
        await t.db.pool.query(
          `SELECT r.id, r.victim_id FROM referrals r JOIN triage t ON t.referral_id = r.id
           LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
           WHERE lw.user_id IS NULL AND t.pathway_id = 'general_support' AND r.domestic_abuse <> 'Y' AND r.cse <> 'Y'
             AND r.crime_category NOT IN ('rape', 'sexual_offence_other') AND ${NO_RESTRICTED_REFERRAL}
           ORDER BY r.id DESC LIMIT 1`,
        )
      ).rows[0]
      await t.db.pool.query(
        `UPDATE victims SET phone_mobile = '+447700900124', address_line1 = '2 High Street', postcode = 'CV34 4AB',
           safe_to_call = 'Y', safe_to_write = 'Y' WHERE id = $1`,
        [row.victim_id],
      )
      const allocated = await t.services.triage.allocate(hub, row.id, worker.id, actor)
      const id = allocated.ok ? (allocated.caseId as string) : ''
      let last: Awaited<ReturnType<typeof t.services.cases.recordAttempt>> | undefined
      for (let i = 0; i < 3; i++)
        last = await t.services.cases.recordAttempt(
          hub,
          id,
          { method: 'phone_call', outcome: 'no_answer', notes: '' },
          actor,
          new Date(),
        )
      assert.equal(last?.next?.kind, 'closing_letter')
      const sent = await t.services.cases.recordAttempt(
        hub,
        id,
        { method: 'letter', outcome: 'sent', notes: '' },
        actor,
        new Date(),
      )
      assert.equal(sent.next?.kind, 'close')
      const page = await t.services.cases.detail(hub, id, actor, new Date())
      assert.deepEqual(
        page?.tasks.filter((k) => k.status === 'open').map((k) => k.kind),
        ['close_not_contacted'],
        'the letter is sent: what is left is closing the case',
      )
    })
  })

  describe('changing contact details and safe-contact rules', () => {
    let caseId: string
    let victimId: string
    const formOf = (overrides: Record<string, string | string[]> = {}) => ({
      phoneMobile: '07700 900501',
      phoneOther: '',
      email: 'sam@example.org',
      addressLine1: '1 Shared House',
      addressLine2: '',
      town: 'Warwick',
      postcode: 'CV34 4AB',
      safeToCall: 'Y',
      safeToText: 'Y',
      safeToEmail: 'Y',
      safeToLeaveVoicemail: 'N',
      safeToWrite: 'Y',
      safeFrom: '',
      safeTo: '',
      someoneElseAnswers: '',
      safeContactNotes: '',
      ...overrides,
    })
    const post = async (form: Record<string, string | string[]>, version?: string) => {
      const page = await client.get(`/staff/cases/${caseId}/contact`)
      const v = version ?? /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? ''
      const body = new URLSearchParams()
      for (const [k, val] of Object.entries({ ...form, version: v }))
        for (const one of Array.isArray(val) ? val : [val]) body.append(k, one)
      return client.post(`/staff/cases/${caseId}/contact`, Object.fromEntries(body) as Record<string, string>)
    }

    before(async () => {
      const row = (
        await t.db.pool.query(
          `SELECT r.id, r.victim_id FROM referrals r JOIN triage t ON t.referral_id = r.id
           LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
           WHERE lw.user_id IS NULL AND t.pathway_id = 'general_support' AND r.domestic_abuse <> 'Y' AND r.cse <> 'Y'
             AND r.crime_category NOT IN ('rape', 'sexual_offence_other') ORDER BY r.id LIMIT 1`,
        )
      ).rows[0]
      victimId = row.victim_id
      const allocated = await t.services.triage.allocate(hub, row.id, worker.id, actor)
      caseId = allocated.ok ? (allocated.caseId as string) : ''
      assert.equal((await post(formOf())).statusCode, 302)
    })

    it('a new number and address retire the old ones at once: confidential, on the case page, audited', async () => {
      const saved = await post(
        formOf({ phoneMobile: '07700 900502', addressLine1: '4 Safe Place', postcode: 'CV1 1AA' }),
      )
      assert.equal(saved.statusCode, 302)
      const retired = await t.db.pool.query(
        'SELECT kind, value FROM retired_contacts WHERE victim_id = $1 ORDER BY id',
        [victimId],
      )
      assert.deepEqual(
        retired.rows.filter((r) => r.value === '+447700900501' || r.value === '1 shared house|CV344AB'),
        [
          { kind: 'phone', value: '+447700900501' },
          { kind: 'address', value: '1 shared house|CV344AB' },
        ],
      )
      const page = await client.get(`/staff/cases/${caseId}`)
      assert.match(page.body, /Contact details saved\. The old details are retired as unsafe/)
      assert.match(page.body, /The old number, email or address is unsafe: never use it/)
      assert.match(page.body, /Confidential/)
      const audit = await t.db.pool.query(
        `SELECT details FROM audit_log WHERE action = 'victim.contact_changed' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
        [victimId],
      )
      assert.deepEqual(audit.rows[0].details.retired, ['phone', 'address'])
      const again = await post(
        formOf({ phoneMobile: '07700 900501', addressLine1: '4 Safe Place', postcode: 'CV1 1AA' }),
      )
      assert.equal(again.statusCode, 400)
      assert.match(again.body, /href="#phoneMobile"[^>]*>This number was replaced before and is unsafe/)
    })

    it('a form opened on an older version is refused with the difference shown, and nothing is overwritten', async () => {
      const page = await client.get(`/staff/cases/${caseId}/contact`)
      const old = /name="version" value="(\d+)"/.exec(page.body)?.[1] as string
      // Someone else marks texts unsafe meanwhile.
      assert.equal(
        (
          await post(
            formOf({
              phoneMobile: '07700 900502',
              addressLine1: '4 Safe Place',
              postcode: 'CV1 1AA',
              safeToText: 'N',
            }),
          )
        ).statusCode,
        302,
      )
      const stale = await post(
        formOf({
          phoneMobile: '07700 900502',
          addressLine1: '4 Safe Place',
          postcode: 'CV1 1AA',
          safeToText: 'Y',
          safeToEmail: 'N',
        }),
        old,
      )
      assert.equal(stale.statusCode, 400)
      assert.match(stale.body, /This changed since you opened it/)
      assert.match(stale.body, /Text messages safe: <strong>No<\/strong> \(you entered Yes\)/)
      const now = await t.db.pool.query('SELECT safe_to_text, safe_to_email FROM victims WHERE id = $1', [
        victimId,
      ])
      assert.deepEqual(now.rows[0], { safe_to_text: 'N', safe_to_email: 'Y' }, 'the other change stands')
    })

    it('bad input is refused by field and nothing changes', async () => {
      const bad = await post(formOf({ phoneMobile: '123', safeFrom: '9am' }))
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /href="#phoneMobile"/)
      assert.match(bad.body, /href="#safeFrom"/)
    })
  })
})
