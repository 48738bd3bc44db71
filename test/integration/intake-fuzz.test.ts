// Fuzzing every way a referral comes in (CSV and JSON Lines files, the JSON API one at a time and in
// batches, the partner referral form and the self-referral form) with arbitrary strings, escapes and
// bytes in every field. Whatever arrives: no HTTP 500, no crash, every record accounted for, and every
// valid record beside the strange ones stored. Sized for two shared cores: one app, one database.
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { FEED_FIELD_NAMES } from '../../src/domain/referral-feed/fields.ts'
import { sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { FileRefusedError, inspectFile } from '../../src/services/intake/index.ts'
import { createStaffUser, startTestApp, type TestApp } from '../support/app.ts'
import { BrowserLikeClient } from '../support/http-client.ts'

const now = new Date(Date.now() - 3_600_000)
const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()
let serial = 0
/** A record every rule accepts, unlike any other (its own ids, name, phone and crime). */
const validRecord = (): Record<string, string> => {
  const n = ++serial
  return sampleReferral({
    referral_id: `FUZZ-${n}`,
    crime_reference: `FZ/${n}`,
    reported_at: iso(86_400_000),
    crime_recorded_at: iso(86_000_000),
    consent_recorded_at: iso(86_000_000),
    sent_at: iso(0),
    forename: `Fuzz${n}`,
    surname: `Tester${n}`,
    phone_mobile: `07700 9${String(n % 100_000).padStart(5, '0')}`,
    email: `fuzz${n}@example.org`,
  }) as Record<string, string>
}

// Arbitrary text: any UTF-16 (lone surrogates included), escapes, the characters CSV and JSON care about.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    'a\udfffb',
    '"',
    '\\',
    '\r\n',
    '\n',
    ',',
    '{"a":',
    '%00',
    '\uFEFF',
    '💥',
    '',
  ),
)
// Any JSON value a sender might put in a field: text, numbers, flags, lists, objects, deep nesting.
const jsonField = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 5, max: 2000 }).map((d) => JSON.parse(`${'['.repeat(d)}${']'.repeat(d)}`)),
  },
)
const fieldName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FEED_FIELD_NAMES) },
  { weight: 1, arbitrary: text },
)
/** A valid record with some fields (or new keys) replaced by arbitrary values. */
const strangeRecord = fc
  .array(fc.tuple(fieldName, jsonField), { minLength: 1, maxLength: 6 })
  .map((changes) => {
    const record: Record<string, unknown> = validRecord()
    for (const [key, value] of changes) record[key] = value
    return record
  })
const strangeTextRecord = fc
  .array(fc.tuple(fc.constantFrom(...FEED_FIELD_NAMES), text), { minLength: 1, maxLength: 6 })
  .map((changes) => {
    const record: Record<string, string> = validRecord()
    for (const [key, value] of changes) record[key] = value
    return record
  })

/** Mostly empty, sometimes anything: for the boxes that refuse most text (a phone number, a day), so that
 * many journeys still reach the end and send their referral. */
const sometimes = (arbitrary: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary })

const runs = (numRuns: number) => ({ numRuns, endOnFailure: true })

describe('fuzzing every way into intake', () => {
  let t: TestApp
  let key: string
  let dir: string
  before(async () => {
    t = await startTestApp()
    key = (
      await t.services.apiKeys.create(
        { organisation: 'County Police', label: 'fuzz', scopes: ['referrals'] },
        SYSTEM_ACTOR,
      )
    ).key
    dir = await mkdtemp(join(tmpdir(), 'vh-fuzz-'))
  })
  after(async () => {
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  const post = (url: string, payload: string, type = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      payload,
    })
  const receiptCount = async () =>
    (await t.db.pool.query('SELECT count(*)::int AS n FROM referral_receipts')).rows[0].n as number
  const stateOf = async (referralId: string) =>
    (
      await t.db.pool.query<{ state: string }>('SELECT state FROM referral_receipts WHERE referral_id = $1', [
        referralId,
      ])
    ).rows.map((r) => r.state)

  it('the JSON API, one record: always answered, never 500, the record kept', async () => {
    await fc.assert(
      fc.asyncProperty(strangeRecord, async (record) => {
        const before = await receiptCount()
        const res = await post('/api/v1/referrals', JSON.stringify(record))
        assert.equal(res.statusCode, 201, res.body.slice(0, 300))
        assert.ok(['accepted', 'quarantined', 'duplicate', 'consent_refused'].includes(res.json().state))
        assert.equal(await receiptCount(), before + 1)
      }),
      runs(40),
    )
  })

  it('the JSON API, a batch: every record accounted for, every valid one stored beside the strange', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(strangeRecord, { minLength: 1, maxLength: 5 }), async (strange) => {
        const valid = [validRecord(), validRecord()]
        const records = [valid[0], ...strange, valid[1]]
        const res = await post('/api/v1/referrals/batch', JSON.stringify(records))
        assert.equal(res.statusCode, 201, res.body.slice(0, 300))
        const body = res.json()
        assert.equal(body.received, records.length)
        assert.equal(body.records.length, records.length)
        assert.equal(body.records[0].state, 'accepted')
        assert.equal(body.records[records.length - 1].state, 'accepted')
      }),
      runs(25),
    )
  })

  it('CSV and JSON Lines files, any text in any field: read, or refused whole with nothing stored', async () => {
    let file = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(strangeTextRecord, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('csv', 'jsonl') as fc.Arbitrary<'csv' | 'jsonl'>,
        fc.constantFrom('\n', '\r\n'),
        async (strange, format, eol) => {
          const valid = [validRecord(), validRecord()]
          const records = [valid[0], ...strange, valid[1]] as Record<string, string>[]
          const quote = (v: string) => `"${v.replaceAll('"', '""')}"`
          const body =
            format === 'csv'
              ? [
                  FEED_FIELD_NAMES.join(','),
                  ...records.map((r) => FEED_FIELD_NAMES.map((f) => quote(r[f] ?? '')).join(',')),
                ].join(eol) + eol
              : records.map((r) => JSON.stringify(r)).join(eol) + eol
          const path = join(dir, `fuzz-${++file}.${format}`)
          await writeFile(path, body)
          await checkFile(path, format, records.length, valid)
        },
      ),
      runs(20),
    )
  })

  it('feed files with arbitrary bytes spliced in: read, or refused whole with nothing stored', async () => {
    let file = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('csv', 'jsonl') as fc.Arbitrary<'csv' | 'jsonl'>,
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (format, bytes, at) => {
          const records = [validRecord(), validRecord(), validRecord()]
          const quote = (v: string) => `"${v.replaceAll('"', '""')}"`
          const body =
            format === 'csv'
              ? `${[FEED_FIELD_NAMES.join(','), ...records.map((r) => FEED_FIELD_NAMES.map((f) => quote(r[f] ?? '')).join(','))].join('\r\n')}\r\n`
              : `${records.map((r) => JSON.stringify(r)).join('\n')}\n`
          const original = Buffer.from(body)
          const cut = at % original.length
          const path = join(dir, `bytes-${++file}.${format}`)
          await writeFile(path, Buffer.concat([original.subarray(0, cut), bytes, original.subarray(cut)]))
          await checkFile(path, format, null, [])
        },
      ),
      runs(20),
    )
  })

  /** The CLI's way with a file: read it once, then import it; refused whole, or every record accounted for. */
  async function checkFile(
    path: string,
    format: 'csv' | 'jsonl',
    expected: number | null,
    valid: Record<string, string>[],
  ) {
    const before = await receiptCount()
    let records: number
    try {
      records = (await inspectFile(path, format)).records
    } catch (error) {
      assert.ok(error instanceof FileRefusedError, String(error))
      assert.equal(await receiptCount(), before)
      return
    }
    if (expected !== null) assert.equal(records, expected)
    const result = await t.services.intake.receiveFile(
      path,
      format,
      { kind: 'police_feed', organisationId: null, fileName: path, idempotencyKey: `fuzz:${path}` },
      SYSTEM_ACTOR,
      { includeRecords: false },
    )
    assert.equal(result.received, records)
    assert.equal(result.accepted + result.duplicate + result.quarantined + result.consent_refused, records)
    assert.equal(await receiptCount(), before + records)
    for (const r of valid) assert.deepEqual(await stateOf(r.referral_id as string), ['accepted'])
  }

  it('the partner referral form, any text in any box: never 500, and a referral sent is kept', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'hub_caseworker', 'Safeguarding'))
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(text, text, sometimes(text), text, text, sometimes(text)),
        async ([forename, surname, phone, ref, notes, day]) => {
          const pages: [string, Record<string, string>][] = [
            [
              'person',
              {
                victimType: 'direct',
                forename: `A${forename}`,
                surname: `B${surname}`,
                'dob-day': day,
                'dob-month': '',
                'dob-year': '',
              },
            ],
            [
              'contact',
              {
                phoneMobile: phone === '' ? '07700 900321' : phone,
                safeToCall: 'Y',
                safeToText: 'N',
                safeToLeaveVoicemail: 'N',
                preferredContact: 'phone',
              },
            ],
            [
              'crime',
              {
                crimeCategory: 'robbery',
                toldPolice: 'yes',
                crimeReference: ref as string,
                'reported-day': '2',
                'reported-month': '11',
                'reported-year': '2026',
              },
            ],
            ['consent', { consent: 'yes', notes: notes as string }],
          ]
          for (const [page, form] of pages) {
            await client.get(`/staff/refer/${page}`)
            const res = await client.post(`/staff/refer/${page}`, form)
            assert.ok(
              [302, 400].includes(res.statusCode),
              `${page}: ${res.statusCode} ${res.body.slice(0, 300)}`,
            )
          }
          const check = await client.get('/staff/refer/check-answers')
          assert.ok(check.statusCode < 500)
          if (check.statusCode !== 200) return
          const sent = await client.post('/staff/refer/check-answers', {})
          assert.ok(sent.statusCode < 500, sent.body.slice(0, 300))
          if (sent.headers.location !== '/staff/refer/confirmation') return
          const done = await client.get('/staff/refer/confirmation')
          const reference = /id="reference">(PR-[A-Z0-9]+)</.exec(done.body)?.[1]
          assert.ok(reference)
          assert.equal((await stateOf(reference)).length, 1)
        },
      ),
      runs(20),
    )
  })

  it('the self-referral form, any text in any box: never 500, and a referral sent is kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(text, text, text, text, sometimes(text), text, text),
        async ([first, last, what, ref, email, times, words]) => {
          const client = new BrowserLikeClient(t.app)
          const pages: [string, Record<string, string>][] = [
            [
              'about-you',
              {
                firstName: `R${first}`,
                lastName: `O${last}`,
                'dob-day': '4',
                'dob-month': '11',
                'dob-year': '1990',
              },
            ],
            ['what-happened', { crimeType: 'burglary', description: what as string }],
            ['police', { toldPolice: 'yes', crimeReference: ref as string }],
            ['contact', { phone: '07700 900123', email, addressLine1: '', town: '', postcode: '' }],
            [
              'safe-contact',
              {
                call: 'yes',
                text: 'no',
                voicemail: 'no',
                preferred: 'call',
                safeTimes: times as string,
                safeWords: words as string,
              },
            ],
            ['consent', { consent: 'yes' }],
          ]
          for (const [page, form] of pages) {
            await client.get(`/refer-yourself/${page}`)
            const res = await client.post(`/refer-yourself/${page}`, form)
            assert.ok(
              [302, 400].includes(res.statusCode),
              `${page}: ${res.statusCode} ${res.body.slice(0, 300)}`,
            )
          }
          const check = await client.get('/refer-yourself/check-answers')
          assert.ok(check.statusCode < 500)
          if (check.statusCode !== 200) return
          const sent = await client.post('/refer-yourself/check-answers', {})
          assert.ok(sent.statusCode < 500, sent.body.slice(0, 300))
          if (sent.headers.location !== '/refer-yourself/confirmation') return
          const done = await client.get('/refer-yourself/confirmation')
          const reference = /id="reference">(SR-[A-Z0-9]+)</.exec(done.body)?.[1]
          assert.ok(reference)
          assert.equal((await stateOf(reference)).length, 1)
        },
      ),
      runs(20),
    )
  })
})
