import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import fc from 'fast-check'
import { generateLabelledReferrals } from '../../src/demo/referrals.ts'
import { RECORD_REASON_CODES } from '../../src/domain/referral-feed/fields.ts'
import { type RawFeedRecord, SAMPLE_NOW, sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { createAuditService, SYSTEM_ACTOR } from '../../src/services/audit.ts'
import {
  createDataQualityService,
  type DataQualityService,
  RecordStillQuarantinedError,
} from '../../src/services/data-quality/index.ts'
import { InputError } from '../../src/services/errors.ts'
import {
  createIntakeService,
  type IntakeService,
  type IntakeSource,
  UnreadableRecord,
} from '../../src/services/intake/index.ts'
import { createVictimsService, type VictimsService } from '../../src/services/victims/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

const feed: IntakeSource = { kind: 'police_feed', organisationId: null }
let counter = 0
/** A valid record with a fresh referral id, crime and victim unless overridden. */
const record = (overrides: RawFeedRecord = {}): RawFeedRecord => {
  counter++
  return sampleReferral({
    referral_id: `T-${counter}`,
    crime_reference: `CR/${counter}`,
    forename: ['Bethan', 'Gareth', 'Nia', 'Owain', 'Rhian', 'Dafydd'][counter % 6],
    surname: `Surname${String.fromCharCode(65 + (counter % 26))}${counter}`,
    date_of_birth: `19${50 + (counter % 40)}-0${1 + (counter % 9)}-1${counter % 10}`,
    phone_mobile: `07700 9${String(counter).padStart(5, '0')}`.slice(0, 13),
    phone_other: '',
    email: `person${counter}@example.org`,
    victim_person_ref: `P${counter}`,
    postcode: 'CV34 4AB',
    address_line1: `${counter} Larkspur Close`,
    ...overrides,
  })
}

describe('intake pipeline', () => {
  let db: TestDatabase
  let intake: IntakeService
  let dataQuality: DataQualityService
  let victims: VictimsService
  const one = async (raw: unknown, source: IntakeSource = feed) => {
    const result = await intake.receive([raw], source, SYSTEM_ACTOR, { includeRecords: true })
    const outcome = result.records?.[0]
    assert.ok(outcome)
    return outcome
  }
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.pool.query(sql, params)).rows[0].n)

  before(async () => {
    db = await createTestDatabase()
    const audit = createAuditService(db.pool)
    const clock = () => new Date(SAMPLE_NOW)
    intake = createIntakeService(db.pool, audit, undefined, { clock })
    dataQuality = createDataQualityService(db.pool, audit, intake)
    victims = createVictimsService(db.pool, audit, { clock })
  })
  after(async () => db.drop())

  describe('states and reason codes', () => {
    it('accepts a valid record: a referral, a victim, entitlements and deadlines', async () => {
      const o = await one(record({ crime_category: 'rape', consent_to_refer: 'Y' }))
      assert.equal(o.state, 'accepted')
      assert.deepEqual(o.reasons, [])
      assert.ok(o.victimId && o.referralUuid)
      const { rows } = await db.pool.query('SELECT * FROM referrals WHERE id = $1', [o.referralUuid])
      const r = rows[0]
      assert.equal(r.enhanced, true)
      assert.deepEqual(r.enhanced_reasons, ['most_serious_crime', 'intimidated'])
      // Reported Monday 9 March 2026: police due Wednesday 11th; received Tuesday 10th, enhanced: 1 day.
      assert.equal(r.police_referral_due, '2026-03-11')
      assert.equal(r.police_referral_on_time, true)
      assert.equal(r.first_contact_due, '2026-03-11')
      assert.equal(r.repeat_count, 1)
      assert.deepEqual(r.safe_channels, ['call', 'text', 'email', 'letter'])
    })

    it('gives a standard victim two working days for first contact', async () => {
      const o = await one(record())
      const { rows } = await db.pool.query('SELECT * FROM referrals WHERE id = $1', [o.referralUuid])
      assert.equal(rows[0].enhanced, false)
      assert.equal(rows[0].first_contact_due, '2026-03-12')
    })

    const cases: [string, RawFeedRecord, string][] = [
      ['missing_field:forename', { forename: '  ' }, 'missing_field:forename'],
      ['missing_field:consent_to_refer', { consent_to_refer: '' }, 'missing_field:consent_to_refer'],
      ['missing_field:referral_id', { referral_id: null }, 'missing_field:referral_id'],
      ['invalid_value:victim_type', { victim_type: 'neighbour' }, 'invalid_value:victim_type'],
      ['invalid_value:force_code', { force_code: 'W' }, 'invalid_value:force_code'],
      ['invalid_value:sent_at', { sent_at: '2026-03-08T09:00:00Z' }, 'invalid_value:sent_at'],
      ['invalid_date:reported_at', { reported_at: 'last Tuesday' }, 'invalid_date:reported_at'],
      ['invalid_date:date_of_birth', { date_of_birth: '1984-02-30' }, 'invalid_date:date_of_birth'],
      [
        'date_in_future:reported_at',
        { reported_at: '2026-03-11T10:00:00Z', sent_at: '2026-03-11T10:00:00Z' },
        'date_in_future:reported_at',
      ],
      ['date_in_future:sent_at', { sent_at: '2026-03-10T12:30:00Z' }, 'date_in_future:sent_at'],
      [
        'no_contact_route',
        { phone_mobile: '', phone_other: '', email: '', address_line1: '', postcode: '' },
        'no_contact_route',
      ],
      [
        'explicit_consent_required',
        { crime_category: 'sexual_offence_other', consent_to_refer: 'U' },
        'explicit_consent_required',
      ],
      [
        'no_safe_channel',
        { safe_to_call: 'N', safe_to_text: 'N', safe_to_email: 'N', safe_to_write: 'N' },
        'no_safe_channel',
      ],
      ['unknown_category', { crime_category: 'jaywalking' }, 'unknown_category'],
      ['implausible_date_of_birth', { date_of_birth: '2027-01-01' }, 'implausible_date_of_birth'],
    ]
    for (const [name, overrides, reason] of cases) {
      it(`quarantines with ${name}`, async () => {
        const o = await one(record(overrides))
        assert.equal(o.state, 'quarantined')
        assert.ok(o.reasons.includes(reason), `${o.reasons.join(',')} should include ${reason}`)
        assert.equal(o.referralUuid, null)
      })
    }

    it('covers every record-level reason code of the spec', () => {
      const tested = new Set(cases.map((c) => c[2]))
      tested.add('referral_id_conflict') // below, with the resend rules
      for (const code of RECORD_REASON_CODES) assert.ok(tested.has(code), code)
    })

    it('lists every reason that applies at once', async () => {
      const o = await one(record({ forename: '', crime_category: 'nope', date_of_birth: '1800-01-01' }))
      assert.deepEqual(
        [...o.reasons].sort(),
        ['implausible_date_of_birth', 'missing_field:forename', 'unknown_category'].sort(),
      )
    })

    it('keeps a bad optional value as a warning, not a reason', async () => {
      const o = await one(record({ email: 'not an email', gender: 'robot' }))
      assert.equal(o.state, 'accepted')
      assert.deepEqual([...o.warnings].sort(), ['invalid_value:email', 'invalid_value:gender'])
    })

    it('quarantines an unreadable line and a value that is not an object', async () => {
      const result = await intake.receive(
        [new UnreadableRecord('{"oops', 'is not valid JSON', 3), 42, ['a']],
        feed,
        SYSTEM_ACTOR,
        { includeRecords: true },
      )
      assert.equal(result.quarantined, 3)
      for (const o of result.records ?? []) assert.deepEqual(o.reasons, ['unreadable_record'])
    })

    it('records consent N as consent_refused without contact details, even with other errors', async () => {
      const o = await one(record({ consent_to_refer: 'n', forename: '', crime_category: 'rape' }))
      assert.equal(o.state, 'consent_refused')
      assert.deepEqual(o.reasons, [])
      assert.equal(o.victimId, null)
      const { rows } = await db.pool.query('SELECT raw, normalised FROM referral_receipts WHERE id = $1', [
        o.receiptId,
      ])
      for (const field of ['phone_mobile', 'email', 'address_line1', 'postcode']) {
        assert.equal(rows[0].raw[field], undefined, `raw ${field}`)
        assert.equal(rows[0].normalised[field], null, `normalised ${field}`)
      }
    })
  })

  describe('edge rules', () => {
    it('a resend with the same content (sent_at aside) is a duplicate; different content is a conflict', async () => {
      const original = record()
      const first = await one(original)
      const resend = await one({
        ...original,
        sent_at: '2026-03-10T10:00:00Z',
        forename: ` ${original.forename} `,
      })
      assert.equal(resend.state, 'duplicate')
      assert.equal(resend.victimId, first.victimId)
      assert.equal(resend.duplicateOf, first.receiptId)
      const conflict = await one({ ...original, surname: 'Someone-Else' })
      assert.equal(conflict.state, 'quarantined')
      assert.deepEqual(conflict.reasons, ['referral_id_conflict'])
      // The conflicting version sent again is a duplicate of the quarantined one.
      const again = await one({ ...original, surname: 'Someone-Else' })
      assert.equal(again.state, 'duplicate')
      assert.equal(again.duplicateOf, conflict.receiptId)
    })

    it('an exact resend of a quarantined or consent-refused record is a duplicate', async () => {
      const bad = record({ forename: '' })
      assert.equal((await one(bad)).state, 'quarantined')
      assert.equal((await one(bad)).state, 'duplicate')
      const refused = record({ consent_to_refer: 'N' })
      assert.equal((await one(refused)).state, 'consent_refused')
      const resend = await one(refused)
      assert.equal(resend.state, 'duplicate')
      const { rows } = await db.pool.query('SELECT raw FROM referral_receipts WHERE id = $1', [
        resend.receiptId,
      ])
      assert.equal(rows[0].raw.email, undefined, 'a resend of a refusal is stored without contacts too')
    })

    it('referral ids are scoped by sender', async () => {
      const rec = record()
      const { rows } = await db.pool.query("SELECT id FROM organisations WHERE kind = 'police' LIMIT 1")
      let organisationId: string = rows[0]?.id
      if (!organisationId) {
        const made = await db.pool.query(
          "INSERT INTO organisations (name, kind) VALUES ('Test Force', 'police') RETURNING id",
        )
        organisationId = made.rows[0].id
      }
      assert.equal((await one(rec)).state, 'accepted')
      const other = await one({ ...rec, surname: 'Different' }, { kind: 'police_feed', organisationId })
      assert.notEqual(other.reasons[0], 'referral_id_conflict')
    })

    it('the same victim and crime under a new referral_id is a duplicate linked to the referral', async () => {
      const first = await one(record())
      const base = record()
      const original = await one(base)
      const again = await one({
        ...base,
        referral_id: `${base.referral_id}-B`,
        sent_at: '2026-03-10T10:00:00Z',
      })
      assert.equal(again.state, 'duplicate')
      assert.equal(again.victimId, original.victimId)
      assert.equal(again.referralUuid, original.referralUuid)
      assert.notEqual(again.victimId, first.victimId)
    })

    it('the same crime for a different victim (co-victim) is accepted', async () => {
      const a = record()
      await one(a)
      const b = record({ crime_reference: a.crime_reference })
      assert.equal((await one(b)).state, 'accepted')
    })

    it('links a repeat victim and counts repeat victimisation over 12 months', async () => {
      const first = record({ reported_at: '2025-06-01T10:00:00Z', sent_at: '2025-06-02T10:00:00Z' })
      const a = await one(first)
      const b = await one({
        ...first,
        referral_id: `${first.referral_id}-2`,
        crime_reference: `${first.crime_reference}-2`,
      })
      assert.equal(b.state, 'accepted')
      assert.equal(b.victimId, a.victimId)
      const v = await victims.victimWithReferrals(a.victimId as string)
      assert.equal(v?.referrals.length, 2)
      const { rows } = await db.pool.query('SELECT repeat_count FROM referrals WHERE id = $1', [
        b.referralUuid,
      ])
      assert.equal(rows[0].repeat_count, 2)
      // The second referral repeated the victim's details word for word: one identity snapshot is enough.
      assert.equal(
        await count('SELECT count(*) AS n FROM victim_identities WHERE victim_id = $1', [a.victimId]),
        1,
      )
      const moved = await one({
        ...first,
        referral_id: `${first.referral_id}-3`,
        crime_reference: `${first.crime_reference}-3`,
        address_line1: '9 New Street',
      })
      assert.equal(moved.victimId, a.victimId)
      assert.equal(
        await count('SELECT count(*) AS n FROM victim_identities WHERE victim_id = $1', [a.victimId]),
        2,
      )
    })

    it('an accepted referral supersedes an earlier quarantined one for the same victim and crime', async () => {
      const base = record()
      const held = await one({ ...base, phone_mobile: '', phone_other: '', email: '', address_line1: '' })
      assert.deepEqual(held.reasons, ['no_contact_route'])
      const fixed = await one({ ...base, referral_id: `${base.referral_id}-fixed` })
      assert.equal(fixed.state, 'accepted')
      const { rows } = await db.pool.query('SELECT superseded_by FROM referral_receipts WHERE id = $1', [
        held.receiptId,
      ])
      assert.equal(rows[0].superseded_by, fixed.receiptId)
    })

    it('within one batch, later records see earlier ones (resend, same crime, repeat victim)', async () => {
      const a = record()
      const result = await intake.receive(
        [a, { ...a }, { ...a, referral_id: `${a.referral_id}-x` }],
        feed,
        SYSTEM_ACTOR,
        { includeRecords: true },
      )
      assert.deepEqual(
        result.records?.map((r) => r.state),
        ['accepted', 'duplicate', 'duplicate'],
      )
    })

    it('a possible match makes a new victim and a review task', async () => {
      const base = record({ date_of_birth: '' })
      const a = await one(base)
      // Same name and address, no date of birth, different phone and email: household evidence only.
      const b = await one(
        record({
          forename: base.forename,
          surname: base.surname,
          date_of_birth: '',
          address_line1: base.address_line1,
          postcode: base.postcode,
          victim_person_ref: '',
        }),
      )
      assert.equal(b.state, 'accepted')
      assert.notEqual(b.victimId, a.victimId)
      const reviews = await count('SELECT count(*) AS n FROM match_reviews WHERE incoming_victim_id = $1', [
        b.victimId,
      ])
      assert.equal(reviews, 1)
    })
  })

  describe('data quality: release and reject', () => {
    it('releases a corrected record, which is then accepted; the batch still adds up', async () => {
      const held = await one(record({ forename: '' }))
      await assert.rejects(
        dataQuality.releaseQuarantined(
          held.receiptId,
          { forename: 'Bethan', crime_category: 'nonsense' },
          SYSTEM_ACTOR,
        ),
        (e: unknown) => e instanceof RecordStillQuarantinedError && e.field === 'unknown_category',
      )
      await assert.rejects(
        dataQuality.releaseQuarantined(held.receiptId, { nickname: 'x' }, SYSTEM_ACTOR),
        InputError,
      )
      const stillHeld = await intake.findReceipt(held.receiptId)
      assert.equal(stillHeld?.state, 'quarantined')
      assert.equal(stillHeld?.resolution, null)

      const released = await dataQuality.releaseQuarantined(
        held.receiptId,
        { forename: 'Bethan' },
        SYSTEM_ACTOR,
      )
      assert.equal(released.state, 'accepted')
      const after = await intake.findReceipt(held.receiptId)
      assert.equal(after?.state, 'accepted')
      assert.equal(after?.resolution, 'released')
      assert.deepEqual(after?.quarantineReasons, ['missing_field:forename'])
      const { rows } = await db.pool.query(
        'SELECT received, accepted, quarantined FROM import_batches WHERE id = $1',
        [after?.batchId],
      )
      assert.deepEqual(rows[0], { received: 1, accepted: 1, quarantined: 0 })
      await assert.rejects(dataQuality.releaseQuarantined(held.receiptId, {}, SYSTEM_ACTOR), InputError)
    })

    it('rejects with a reason, and only with one', async () => {
      const held = await one(record({ surname: '' }))
      await assert.rejects(dataQuality.rejectQuarantined(held.receiptId, '  ', SYSTEM_ACTOR), InputError)
      await dataQuality.rejectQuarantined(held.receiptId, 'Duplicate of a phone referral', SYSTEM_ACTOR)
      const r = await intake.findReceipt(held.receiptId)
      assert.equal(r?.state, 'quarantined')
      assert.equal(r?.resolution, 'rejected')
      assert.equal(r?.resolutionReason, 'Duplicate of a phone referral')
    })
  })

  describe('victims: merge and unmerge', () => {
    it('merges two victims and unmerges them again', async () => {
      const a = await one(record())
      const b = await one(record())
      const keep = a.victimId as string
      const merge = b.victimId as string
      await victims.mergeVictims(keep, merge, SYSTEM_ACTOR)
      const merged = await victims.victimWithReferrals(merge)
      assert.equal(merged?.victim.id, keep)
      assert.equal(merged?.mergedFrom, merge)
      assert.equal(merged?.referrals.length, 2)
      assert.deepEqual(merged?.mergedVictimIds, [merge])
      await assert.rejects(victims.mergeVictims(keep, merge, SYSTEM_ACTOR), InputError)
      await victims.unmergeVictim(merge, SYSTEM_ACTOR)
      assert.equal((await victims.victimWithReferrals(keep))?.referrals.length, 1)
      assert.equal((await victims.victimWithReferrals(merge))?.referrals.length, 1)
      await assert.rejects(victims.unmergeVictim(merge, SYSTEM_ACTOR), InputError)
    })

    it('a record matching a merged victim links to the victim it was merged into', async () => {
      const base = record()
      const a = await one(base)
      const b = await one(record())
      await victims.mergeVictims(b.victimId as string, a.victimId as string, SYSTEM_ACTOR)
      const again = await one({
        ...base,
        referral_id: `${base.referral_id}-m`,
        crime_reference: `${base.crime_reference}-m`,
      })
      assert.equal(again.victimId, b.victimId)
    })
  })

  describe('reliability', () => {
    beforeEach(() => {
      counter += 1000
    })

    it('accounts for every labelled generated record as the generator intended', async () => {
      const labelled = generateLabelledReferrals({
        seed: 11,
        count: 1500,
        from: '2025-03-10T00:00:00Z',
        to: '2026-03-10T11:00:00Z',
      })
      const result = await intake.receive(
        labelled.map((l) => l.record),
        { kind: 'police_feed', organisationId: null, idempotencyKey: 'labelled-11' },
        SYSTEM_ACTOR,
        { includeRecords: true, chunkSize: 200 },
      )
      labelled.forEach((l, i) => {
        const o = result.records?.[i]
        assert.equal(o?.state, l.expected.state, `${i} ${l.kind}: ${o?.reasons.join(',')}`)
        if (l.kind === 'bad') assert.deepEqual(o?.reasons, l.expected.reasons)
      })
    })

    it('a crash part-way and a re-run store every record exactly once', async () => {
      const records = Array.from({ length: 230 }, (_, i) =>
        i % 7 === 0
          ? record({ referral_id: '' })
          : i % 11 === 0
            ? record({ consent_to_refer: 'N' })
            : record(),
      )
      const source = { kind: 'police_feed' as const, organisationId: null, idempotencyKey: 'crash-test' }
      await assert.rejects(
        intake.receive(records, source, SYSTEM_ACTOR, {
          chunkSize: 50,
          afterChunk: (k) => {
            if (k === 2) throw new Error('simulated crash')
          },
        }),
        /simulated crash/,
      )
      const batch = (
        await db.pool.query("SELECT id FROM import_batches WHERE idempotency_key = 'crash-test'")
      ).rows[0]
      assert.equal(
        await count('SELECT count(*) AS n FROM referral_receipts WHERE batch_id = $1', [batch.id]),
        100,
      )
      const rerun = await intake.receive(records, source, SYSTEM_ACTOR, { chunkSize: 50 })
      assert.equal(rerun.resumed, true)
      assert.equal(rerun.received, 230)
      const numbers = (
        await db.pool.query('SELECT record_number FROM referral_receipts WHERE batch_id = $1 ORDER BY 1', [
          batch.id,
        ])
      ).rows.map((r) => r.record_number)
      assert.deepEqual(
        numbers,
        Array.from({ length: 230 }, (_, i) => i + 1),
      )
      const again = await intake.receive(records, source, SYSTEM_ACTOR)
      assert.equal(again.replayed, true)
      assert.equal(again.received, 230)
      assert.equal(
        await count('SELECT count(*) AS n FROM referral_receipts WHERE batch_id = $1', [batch.id]),
        230,
      )
    })

    it('never loses or double-counts a record, whatever comes in (property)', async () => {
      const garbage = fc.oneof(
        fc.constant(null),
        fc.integer(),
        fc.string(),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.string(), fc.boolean(), fc.constant(null))),
        fc.string().map((s) => new UnreadableRecord(s, 'garbage', 1)),
      )
      const mutated = fc
        .record({
          field: fc.constantFrom(
            'forename',
            'consent_to_refer',
            'crime_category',
            'date_of_birth',
            'phone_mobile',
            'sent_at',
            'referral_id',
          ),
          value: fc.oneof(fc.constant(''), fc.constant('N'), fc.string({ maxLength: 8 }), fc.constant(null)),
        })
        .map(({ field, value }) => record({ [field]: value }))
      const resends = fc.constant(null).map(() => record({ referral_id: 'PROP-RESEND' }))
      const item = fc.oneof(
        { weight: 3, arbitrary: fc.constant(null).map(() => record()) },
        { weight: 3, arbitrary: mutated },
        { weight: 2, arbitrary: garbage },
        { weight: 1, arbitrary: resends },
      )
      await fc.assert(
        fc.asyncProperty(fc.array(item, { maxLength: 25 }), async (items) => {
          const before = await count('SELECT count(*) AS n FROM referral_receipts')
          const r = await intake.receive(items, feed, SYSTEM_ACTOR, { chunkSize: 7 })
          const after = await count('SELECT count(*) AS n FROM referral_receipts')
          assert.equal(r.received, items.length)
          assert.equal(r.accepted + r.duplicate + r.quarantined + r.consent_refused, r.received)
          assert.equal(after - before, items.length)
          const stored = await count('SELECT count(*) AS n FROM referral_receipts WHERE batch_id = $1', [
            r.batchId,
          ])
          assert.equal(stored, items.length)
        }),
        { numRuns: 25 },
      )
    })
  })
})
