import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

const now = new Date(Date.now() - 3_600_000)
const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()
const referral = (n: number, overrides: Record<string, unknown> = {}) =>
  sampleReferral({
    referral_id: `API-${n}`,
    crime_reference: `API/${n}`,
    reported_at: iso(86_400_000),
    crime_recorded_at: iso(86_000_000),
    consent_recorded_at: iso(86_000_000),
    sent_at: iso(0),
    forename: `Name${n}`,
    phone_mobile: `07700 900${String(n).padStart(3, '0')}`,
    email: `api${n}@example.org`,
    ...overrides,
  })

describe('referrals API', () => {
  let t: TestApp
  let key: string
  let caseEventsKey: string
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    })

  before(async () => {
    t = await startTestApp()
    key = (
      await t.services.apiKeys.create(
        { organisation: 'County Police', label: 'feed', scopes: ['referrals'] },
        SYSTEM_ACTOR,
      )
    ).key
    caseEventsKey = (
      await t.services.apiKeys.create(
        { organisation: 'County Police', label: 'events', scopes: ['case-events'] },
        SYSTEM_ACTOR,
      )
    ).key
  })
  after(async () => t.close())

  it('wants a key with the referrals scope (401, 403)', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/referrals', payload: referral(1) })
    assert.equal(none.statusCode, 401)
    const wrong = await post('/api/v1/referrals', referral(1), { authorization: `Bearer ${caseEventsKey}` })
    assert.equal(wrong.statusCode, 403)
    const bogus = await post('/api/v1/referrals', referral(1), { authorization: 'Bearer vh_nothing' })
    assert.equal(bogus.statusCode, 401)
  })

  it('takes one referral and answers with its state', async () => {
    const res = await post('/api/v1/referrals', referral(2))
    assert.equal(res.statusCode, 201, res.body)
    const body = res.json()
    assert.equal(body.state, 'accepted')
    assert.deepEqual(body.reasons, [])
    assert.ok(body.victim_id)
    const bad = await post('/api/v1/referrals', referral(3, { surname: '', crime_category: 'x' }))
    assert.equal(bad.statusCode, 201)
    assert.equal(bad.json().state, 'quarantined')
    assert.deepEqual([...bad.json().reasons].sort(), ['missing_field:surname', 'unknown_category'])
  })

  it('names the field when the request itself is wrong', async () => {
    const notJson = await post('/api/v1/referrals', '{"referral_id":')
    assert.equal(notJson.statusCode, 400)
    assert.equal(notJson.json().field, 'body')
    const batchNotJson = await post('/api/v1/referrals/batch', '[{"referral_id":')
    assert.equal(batchNotJson.statusCode, 400)
    assert.match(batchNotJson.json().message, /not JSON/)
    const array = await post('/api/v1/referrals', [referral(4)])
    assert.equal(array.statusCode, 400)
    const noRecords = await post('/api/v1/referrals/batch', { items: [] })
    assert.equal(noRecords.statusCode, 400)
    assert.equal(noRecords.json().field, 'records')
    const type = await post('/api/v1/referrals/batch', 'x', { 'content-type': 'application/xml' })
    assert.equal(type.statusCode, 415)
  })

  it('answers a form-encoded or other unsupported body with 415 naming Content-Type, and stores nothing', async () => {
    const before = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM referrals')
    const form = new URLSearchParams({ referral_id: 'FORM-1', surname: 'Jones' }).toString()
    for (const url of ['/api/v1/referrals', '/api/v1/referrals/batch']) {
      for (const contentType of ['application/x-www-form-urlencoded', 'application/xml', 'text/plain']) {
        const res = await post(url, form, { 'content-type': contentType })
        assert.equal(res.statusCode, 415, `${url} with ${contentType}: ${res.body}`)
        const body = res.json()
        assert.equal(body.error, 'unsupported_media_type')
        assert.equal(body.field, 'Content-Type')
        assert.match(body.message, /application\/json/)
      }
    }
    const noType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${key}` },
      payload: Buffer.from('{}'),
    })
    assert.equal(noType.statusCode, 415, noType.body)
    const afterwards = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM referrals')
    assert.equal(afterwards.rows[0]?.n, before.rows[0]?.n)
  })

  it('replays the same Idempotency-Key and body; refuses the key with another body (422)', async () => {
    const headers = { 'idempotency-key': 'key-1' }
    const first = await post('/api/v1/referrals', referral(5), headers)
    assert.equal(first.statusCode, 201)
    const second = await post('/api/v1/referrals', referral(5), headers)
    assert.equal(second.statusCode, 200)
    assert.equal(second.headers['idempotent-replayed'], 'true')
    assert.deepEqual(second.json(), first.json())
    const other = await post('/api/v1/referrals', referral(6), headers)
    assert.equal(other.statusCode, 422)
    assert.equal(other.json().field, 'Idempotency-Key')
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM referral_receipts WHERE referral_id = 'API-5'",
    )
    assert.equal(rows[0].n, 1)
  })

  it('takes a batch as a JSON array, {records}, JSON Lines or CSV', async () => {
    const array = await post('/api/v1/referrals/batch', [referral(10), referral(10), 'junk'])
    assert.equal(array.statusCode, 201)
    const a = array.json()
    assert.equal(a.received, 3)
    assert.deepEqual(
      a.records.map((r: { state: string }) => r.state),
      ['accepted', 'duplicate', 'quarantined'],
    )
    const wrapped = await post('/api/v1/referrals/batch', { records: [referral(11)] })
    assert.equal(wrapped.json().accepted, 1)
    const ndjson = await post('/api/v1/referrals/batch', `${JSON.stringify(referral(12))}\nnot json\n`, {
      'content-type': 'application/x-ndjson',
    })
    assert.equal(ndjson.statusCode, 201)
    assert.deepEqual(ndjson.json().records[1].reasons, ['unreadable_record'])
    const fields = Object.keys(referral(13))
    const csv = `${fields.join(',')}\r\n${fields.map((f) => JSON.stringify(String(referral(13)[f] ?? ''))).join(',')}\r\n`
    const csvRes = await post('/api/v1/referrals/batch', csv, { 'content-type': 'text/csv' })
    assert.equal(csvRes.statusCode, 201, csvRes.body)
    assert.equal(csvRes.json().accepted, 1)
    const broken = await post('/api/v1/referrals/batch', '\u0000\u0001binary', { 'content-type': 'text/csv' })
    assert.equal(broken.statusCode, 400)
    assert.equal(broken.json().line, 1)
  })

  it("a duplicate of another organisation's referral names none of its ids; one of the sender's own does", async () => {
    const otherKey = (
      await t.services.apiKeys.create(
        { organisation: 'County NHS Trust', label: 'partner feed', scopes: ['referrals'] },
        SYSTEM_ACTOR,
      )
    ).key
    const first = await post('/api/v1/referrals', referral(80))
    assert.equal(first.json().state, 'accepted', first.body)
    const theirs = await post('/api/v1/referrals', referral(80, { referral_id: 'NHS-80' }), {
      authorization: `Bearer ${otherKey}`,
    })
    assert.equal(theirs.statusCode, 201, theirs.body)
    const answer = theirs.json()
    assert.equal(answer.state, 'duplicate')
    assert.equal(answer.victim_id, null)
    assert.equal(answer.referral_uuid, null)
    assert.equal(answer.duplicate_of, null)
    assert.doesNotMatch(
      theirs.body,
      new RegExp(`${first.json().victim_id}|${first.json().referral_uuid}|${first.json().receipt_id}`),
    )
    const ours = await post('/api/v1/referrals', referral(80, { referral_id: 'API-80-again' }))
    assert.equal(ours.json().state, 'duplicate')
    assert.equal(ours.json().referral_uuid, first.json().referral_uuid)
    assert.equal(ours.json().duplicate_of, first.json().receipt_id)
  })

  it('quarantines a record holding the escape \\u0000 or a lone surrogate, naming the field, and stores the valid ones beside it', async () => {
    // Written by hand: JSON.stringify would write the lone surrogate as the escape too, but say so plainly.
    const body = `[${JSON.stringify(referral(901))},${JSON.stringify(referral(902)).replace('"notes":', '"notes":"a\\u0000b","x_notes":')},${JSON.stringify(referral(903)).replace('"surname":', '"surname":"Sm\\ud800th","x_surname":')},${JSON.stringify(referral(904))}]`
    const res = await post('/api/v1/referrals/batch', body)
    assert.equal(res.statusCode, 201, res.body)
    const out = res.json()
    assert.equal(out.received, 4)
    assert.equal(out.accepted, 2)
    assert.equal(out.quarantined, 2)
    assert.deepEqual(
      out.records.map((r: { state: string; reasons: string[] }) => [r.state, r.reasons]),
      [
        ['accepted', []],
        ['quarantined', ['unstorable_text:notes']],
        ['quarantined', ['unstorable_text:surname']],
        ['accepted', []],
      ],
    )
    const { rows } = await t.db.pool.query(
      `SELECT raw->>'notes' AS notes, raw->>'surname' AS surname FROM referral_receipts
        WHERE id = ANY($1) ORDER BY record_number`,
      [[out.records[1].receipt_id, out.records[2].receipt_id]],
    )
    assert.equal(rows[0].notes, 'a\uFFFDb')
    assert.equal(rows[1].surname, 'Sm\uFFFDth')
    // A data quality officer types the field again and releases it, like any other quarantined record.
    const released = await t.services.dataQuality.releaseQuarantined(
      out.records[2].receipt_id,
      { surname: 'Smith' },
      SYSTEM_ACTOR,
    )
    assert.equal(released.state, 'accepted')
  })

  it('answers a record nested 50,000 levels deep at once, quarantined, and the next post goes through', async () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`
    const body = JSON.stringify(referral(905)).replace('"notes":', `"notes":${deep},"x_notes":`)
    const res = await post('/api/v1/referrals', body)
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().state, 'quarantined')
    assert.deepEqual(res.json().reasons, ['nested_too_deep:notes'])
    const next = await post('/api/v1/referrals', referral(906))
    assert.equal(next.statusCode, 201, next.body)
    assert.equal(next.json().state, 'accepted')
  })
})
