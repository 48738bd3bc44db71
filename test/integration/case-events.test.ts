import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadDefaultCalendar } from '../../src/domain/calendar/bank-holidays.ts'
import { workingDaysBetween } from '../../src/domain/calendar/working-days.ts'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

const now = new Date(Date.now() - 3_600_000)
const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()
const referral = (n: number, overrides: Record<string, unknown> = {}) =>
  sampleReferral({
    referral_id: `CE-${n}`,
    crime_reference: `CE/${n}`,
    reported_at: iso(86_400_000),
    crime_recorded_at: iso(86_000_000),
    consent_recorded_at: iso(86_000_000),
    sent_at: iso(0),
    forename: `Name${n}`,
    phone_mobile: `07700 900${String(n).padStart(3, '0')}`,
    email: `ce${n}@example.org`,
    ...overrides,
  })
const event = (id: string, crime: string, overrides: Record<string, unknown> = {}) => ({
  event_id: id,
  force_code: 'WARKS',
  crime_reference: crime,
  event_type: 'charged',
  occurred_at: iso(7_200_000),
  sent_at: iso(3_600_000),
  details: 'The suspect has been charged.',
  ...overrides,
})

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/victim-hub.js', ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })

describe('case events in', () => {
  let t: TestApp
  let key: string
  let referralsKey: string
  let dir: string
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/case-events',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n

  before(async () => {
    t = await startTestApp()
    dir = await mkdtemp(join(tmpdir(), 'vh-case-events-'))
    key = (
      await t.services.apiKeys.create(
        { organisation: 'County Police', label: 'events', scopes: ['case-events'] },
        SYSTEM_ACTOR,
      )
    ).key
    referralsKey = (
      await t.services.apiKeys.create(
        { organisation: 'County Police', label: 'feed', scopes: ['referrals'] },
        SYSTEM_ACTOR,
      )
    ).key
    const r = await t.services.intake.receive(
      [referral(1)],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
    )
    assert.equal(r.accepted, 1)
  })
  after(async () => {
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a key without the case-events scope (403) and no key at all (401)', async () => {
    const wrong = await post(event('EV-SCOPE', 'CE/1'), { authorization: `Bearer ${referralsKey}` })
    assert.equal(wrong.statusCode, 403)
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/case-events',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(event('EV-SCOPE', 'CE/1')),
    })
    assert.equal(none.statusCode, 401)
    assert.equal(await count("case_events WHERE event_id = 'EV-SCOPE'"), 0)
  })

  it('accepts one event for a crime it has a referral for, matched at once', async () => {
    const res = await post(event('EV-1', 'CE/1'))
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().state, 'accepted')
    assert.equal(res.json().event_id, 'EV-1')
    const stored = await t.services.caseEvents.findEvent('EV-1')
    assert.equal(stored?.status, 'matched')
  })

  it('a batch: good events go in beside bad ones, each accounted for with its reasons', async () => {
    const res = await post([
      event('EV-2', 'CE/1', { event_type: 'verdict' }),
      event('EV-3', 'CE/2'),
      event('EV-4', 'CE/1', { force_code: 'NOWHERE' }),
      event('EV-5', 'CE/1', { event_type: 'suspect_escaped', occurred_at: 'soon' }),
      { event_id: 'EV-6' },
      'not an object',
      event('EV-1', 'CE/1', { details: 'sent again with other words' }),
    ])
    assert.equal(res.statusCode, 201, res.body)
    const body = res.json()
    assert.deepEqual(
      [body.received, body.accepted, body.held, body.duplicate, body.quarantined],
      [7, 1, 1, 1, 4],
    )
    const reasons = Object.fromEntries(
      body.records.map((r: { record_number: number; reasons: string[] }) => [
        r.record_number,
        [...r.reasons].sort(),
      ]),
    )
    assert.deepEqual(reasons[3], ['unknown_force'])
    assert.deepEqual(reasons[4], ['invalid_field:occurred_at', 'unknown_event_type'])
    assert.deepEqual(reasons[5], [
      'missing_field:crime_reference',
      'missing_field:event_type',
      'missing_field:force_code',
      'missing_field:occurred_at',
      'missing_field:sent_at',
    ])
    assert.deepEqual(reasons[6], ['unreadable_record'])
    assert.equal(body.records[6].state, 'duplicate')
    // The resend changed nothing: EV-1 keeps its first details.
    const { rows } = await t.db.pool.query("SELECT details FROM case_events WHERE event_id = 'EV-1'")
    assert.deepEqual(rows, [{ details: 'The suspect has been charged.' }])
    assert.equal(await count("case_event_receipts WHERE state = 'quarantined'"), 4)
  })

  it('a held event is matched when the referral for its crime arrives, from that moment', async () => {
    assert.equal((await t.services.caseEvents.findEvent('EV-3'))?.status, 'held')
    assert.equal((await post(event('EV-OTHER', 'CE/50'))).json().state, 'held')
    const before = Date.now()
    await t.services.intake.receive(
      [referral(2)],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
    )
    const matched = await t.services.caseEvents.findEvent('EV-3')
    assert.equal(matched?.status, 'matched')
    assert.ok(matched?.matchedAt && matched.matchedAt.getTime() >= before)
    // An event for a crime still without a referral stays held.
    assert.equal((await t.services.caseEvents.findEvent('EV-OTHER'))?.status, 'held')
  })

  it('a force set up in the hub is known before any referral from it: its events are held, not quarantined', async () => {
    assert.deepEqual((await post(event('EV-NF1', 'NF/1', { force_code: 'NEWF' }))).json().reasons, [
      'unknown_force',
    ])
    await t.db.pool.query(
      "INSERT INTO organisations (name, kind, force_code) VALUES ('New Force', 'police', 'NEWF')",
    )
    assert.equal((await post(event('EV-NF2', 'NF/1', { force_code: 'NEWF' }))).json().state, 'held')
  })

  it('the same Idempotency-Key replays the answer; with another body it is refused (422)', async () => {
    const batch = [event('EV-7', 'CE/1'), event('EV-8', 'CE/9')]
    const first = await post(batch, { 'idempotency-key': 'k-1' })
    assert.equal(first.statusCode, 201)
    const again = await post(batch, { 'idempotency-key': 'k-1' })
    assert.equal(again.statusCode, 200)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.deepEqual(again.json(), first.json())
    assert.equal(await count("case_event_receipts WHERE event_id = 'EV-7'"), 1)
    const other = await post([event('EV-9', 'CE/1')], { 'idempotency-key': 'k-1' })
    assert.equal(other.statusCode, 422)
    assert.equal(other.json().field, 'Idempotency-Key')
    // Without a key a resend is still a no-op: the event is a duplicate.
    const resent = await post(event('EV-7', 'CE/1'))
    assert.equal(resent.json().state, 'duplicate')
    assert.equal(await count("case_events WHERE event_id = 'EV-7'"), 1)
  })

  it('a run that stops part-way is carried on by the next with the same key: every event stored once', async () => {
    const batch = [1, 2, 3, 4, 5].map((n) => event(`EV-R${n}`, 'CE/1'))
    async function* failing() {
      for (const [i, e] of batch.entries()) {
        if (i === 3) throw new Error('the connection dropped')
        yield e
      }
    }
    const source = { organisationId: null, idempotencyKey: 'resume-1' }
    await assert.rejects(
      t.services.caseEvents.receive(failing(), source, SYSTEM_ACTOR, { chunkSize: 2 }),
      /connection dropped/,
    )
    assert.equal(await count("case_event_receipts WHERE event_id LIKE 'EV-R%'"), 2)
    const resumed = await t.services.caseEvents.receive(batch, source, SYSTEM_ACTOR, { chunkSize: 2 })
    assert.equal(resumed.resumed, true)
    assert.deepEqual([resumed.received, resumed.accepted], [5, 5])
    assert.equal(await count("case_events WHERE event_id LIKE 'EV-R%'"), 5)
  })

  it('names the field when the request itself is wrong', async () => {
    const notJson = await post('{"event_id":')
    assert.equal(notJson.statusCode, 400)
    assert.equal(notJson.json().field, 'body')
    const empty = await post([])
    assert.equal(empty.statusCode, 400)
    assert.equal(empty.json().field, 'records')
    const form = await post('event_id=1', { 'content-type': 'application/x-www-form-urlencoded' })
    assert.equal(form.statusCode, 415)
  })

  it('takes CSV in the API, and a JSON Lines file from the CLI with a reconciliation; re-importing changes nothing', async () => {
    const csv = `event_id,force_code,crime_reference,event_type,occurred_at,sent_at\nEV-C1,WARKS,CE/1,sentence,${iso(7_200_000)},${iso(3_600_000)}\nEV-C2,WARKS,CE/1\n`
    const res = await post(csv, { 'content-type': 'text/csv' })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual(
      res.json().records.map((r: { state: string }) => r.state),
      ['accepted', 'quarantined'],
    )

    const file = join(dir, 'events.jsonl')
    const lines = [
      event('EV-F1', 'CE/1'),
      event('EV-F2', 'CE/77'),
      event('EV-F3', 'CE/1', { force_code: 'ZZ' }),
    ].map((e) => JSON.stringify(e))
    lines.splice(1, 0, '{"event_id": "broken"')
    await writeFile(file, `${lines.join('\n')}\n`)
    const env = { DATABASE_URL: t.db.url, VICTIM_HUB_DEMO: 'false' }
    const first = await run(['import', 'case-events', file, '--json'], env)
    assert.equal(first.code, 0, first.stderr)
    const c = JSON.parse(first.stdout)[0].reconciliation
    assert.deepEqual([c.received, c.accepted, c.held, c.duplicate, c.quarantined], [4, 1, 1, 0, 2])
    const again = await run(['import', 'case-events', file], env)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /already imported/)
    assert.match(again.stdout, /held\s+1/)
    assert.equal(await count("case_event_receipts WHERE event_id LIKE 'EV-F%'"), 3)
    const refused = await run(['import', 'case-events', join(dir, 'missing.csv')], env)
    assert.equal(refused.code, 2)
    assert.match(refused.stdout, /refused, nothing imported: no such file/)
  })
})

describe('who a case event affects, and by when', () => {
  let t: TestApp
  const calendar = loadDefaultCalendar()
  const receive = (records: unknown[]) =>
    t.services.intake.receive(records, { kind: 'police_feed', organisationId: null }, SYSTEM_ACTOR)
  const events = (records: unknown[]) =>
    t.services.caseEvents.receive(records, { organisationId: null }, SYSTEM_ACTOR)

  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('each victim on the crime gets one pending update; a parent_guardian one goes to the parent; consent refused gets none', async () => {
    const r = await receive([
      referral(10, { crime_reference: 'MANY/1' }),
      referral(11, {
        crime_reference: 'MANY/1',
        victim_type: 'parent_guardian',
        date_of_birth: '2015-05-05',
      }),
      referral(12, { crime_reference: 'MANY/1', consent_to_refer: 'N' }),
    ])
    assert.deepEqual([r.accepted, r.consent_refused], [2, 1])
    const got = await events([event('EV-M1', 'MANY/1', { occurred_at: iso(7_200_000) })])
    assert.equal(got.accepted, 1)
    const updates = await t.services.caseEvents.updatesForEvent('EV-M1')
    assert.equal(updates.length, 2)
    const proxy = updates.find((u) => u.recipient === 'parent_guardian')
    const adult = updates.find((u) => u.recipient === 'victim')
    assert.ok(proxy && adult)
    assert.equal(proxy.enhanced, true)
    for (const u of updates) {
      assert.equal(u.state, 'pending')
      assert.equal(u.lateOnArrival, false)
      assert.equal(workingDaysBetween(calendar, iso(7_200_000), `${u.due}T12:00:00Z`), u.enhanced ? 1 : 5)
    }
    // A resent event adds nothing.
    await events([event('EV-M1', 'MANY/1')])
    assert.equal((await t.services.caseEvents.updatesForEvent('EV-M1')).length, 2)
  })

  it('a still-quarantined referral gets nothing; once a data quality officer releases it, its victim gets the update', async () => {
    const q = await receive([
      referral(30, {
        crime_reference: 'QUAR/1',
        surname: '',
        victim_person_ref: 'P3030',
        date_of_birth: '1971-01-01',
      }),
    ])
    assert.equal(q.quarantined, 1)
    const got = await events([event('EV-Q1', 'QUAR/1')])
    assert.equal(got.held, 1)
    assert.deepEqual(await t.services.caseEvents.updatesForEvent('EV-Q1'), [])
    const receiptId = q.records?.[0]?.receiptId as string
    const released = await t.services.dataQuality.releaseQuarantined(
      receiptId,
      { surname: 'Hale' },
      SYSTEM_ACTOR,
    )
    assert.equal(released.state, 'accepted')
    assert.equal((await t.services.caseEvents.findEvent('EV-Q1'))?.status, 'matched')
    const updates = await t.services.caseEvents.updatesForEvent('EV-Q1')
    assert.deepEqual(
      updates.map((u) => u.victimId),
      [released.victimId],
    )
  })

  it('a held event owes its update from when the referral arrived; a victim referred later gets theirs too', async () => {
    const held = await events([event('EV-H1', 'LATER/1', { occurred_at: iso(20 * 86_400_000) })])
    // The force is known (referrals from WARKS arrived above), the crime is not yet.
    assert.equal(held.held, 1)
    assert.deepEqual(await t.services.caseEvents.updatesForEvent('EV-H1'), [])
    const referredAt = Date.now()
    await receive([referral(20, { crime_reference: 'LATER/1' })])
    const [first] = await t.services.caseEvents.updatesForEvent('EV-H1')
    assert.ok(first)
    assert.ok(first.clockFrom.getTime() >= referredAt)
    assert.equal(first.lateOnArrival, false)
    const sibling = await receive([
      referral(21, {
        crime_reference: 'LATER/1',
        surname: 'Okonkwo',
        date_of_birth: '1990-09-09',
        victim_person_ref: 'P2121',
        postcode: 'CV21 2AA',
        address_line1: '9 Mill Lane',
      }),
    ])
    assert.equal(sibling.accepted, 1)
    assert.equal((await t.services.caseEvents.updatesForEvent('EV-H1')).length, 2)
  })
})
