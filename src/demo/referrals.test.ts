import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FEED_FIELD_NAMES } from '../domain/referral-feed/fields.ts'
import { fingerprint } from '../domain/referral-feed/fingerprint.ts'
import { assessRecord } from '../domain/referral-feed/validate.ts'
import { generateLabelledReferrals, generateReferrals } from './referrals.ts'

const options = { seed: 2026, count: 3000, from: '2025-01-01T00:00:00Z', to: '2025-12-31T23:59:00Z' }
const now = '2026-01-01T09:00:00Z'
const labelled = generateLabelledReferrals(options)
const share = (pred: (l: (typeof labelled)[number]) => boolean) =>
  labelled.filter(pred).length / labelled.length

describe('generateReferrals', () => {
  test('is deterministic for a seed', () => {
    assert.deepEqual(
      generateReferrals({ ...options, count: 200 }),
      generateReferrals({ ...options, count: 200 }),
    )
    assert.notDeepEqual(
      generateReferrals({ ...options, count: 50 }),
      generateReferrals({ ...options, count: 50, seed: 2027 }),
    )
  })
  test('yields exactly count records with every spec field as a string', () => {
    assert.equal(labelled.length, 3000)
    for (const { record } of labelled.slice(0, 200)) {
      for (const name of FEED_FIELD_NAMES) assert.equal(typeof record[name], 'string', name)
    }
    assert.deepEqual(generateReferrals({ ...options, count: 0 }), [])
  })
  test('rejects a bad period', () => {
    assert.throws(() => generateReferrals({ ...options, from: '2025-02-01', to: '2025-01-01' }), RangeError)
    assert.throws(() => generateReferrals({ ...options, from: 'whenever' }), RangeError)
  })
  test('every record reaches the state it was made for, as far as record checks can tell', () => {
    for (const l of labelled) {
      const a = assessRecord(l.record, { now })
      switch (l.kind) {
        case 'new':
        case 'repeat_victim':
        case 'co_victim':
        case 'same_crime':
          assert.equal(a.outcome, 'passed', `${l.kind} ${a.reasons.join(',')}`)
          assert.deepEqual(a.warnings, [])
          break
        case 'bad':
          assert.equal(a.outcome, 'quarantined')
          assert.deepEqual(a.reasons, l.expected.reasons)
          break
        case 'consent_refused':
          assert.equal(a.outcome, 'consent_refused')
          break
        case 'resend':
        case 'conflict': {
          const source = labelled[l.sourceIndex ?? -1]
          assert.ok(source)
          assert.equal(l.record.referral_id, source.record.referral_id)
          assert.equal(fingerprint(l.record) === fingerprint(source.record), l.kind === 'resend')
          break
        }
      }
    }
  })
  test('same-crime duplicates: new referral_id, same force, crime and victim as an accepted referral', () => {
    for (const l of labelled.filter((x) => x.kind === 'same_crime')) {
      const source = labelled[l.sourceIndex ?? -1]
      assert.ok(source && source.expected.state === 'accepted')
      assert.notEqual(l.record.referral_id, source.record.referral_id)
      for (const f of [
        'force_code',
        'crime_reference',
        'forename',
        'surname',
        'date_of_birth',
        'victim_person_ref',
      ] as const) {
        assert.equal(l.record[f], source.record[f], f)
      }
    }
  })
  test('the mix lands roughly where intended', () => {
    const within = (x: number, lo: number, hi: number, what: string) =>
      assert.ok(x >= lo && x <= hi, `${what} = ${x.toFixed(3)}`)
    within(
      share((l) => l.kind === 'resend'),
      0.025,
      0.055,
      'exact resends',
    )
    within(
      share((l) => l.kind === 'same_crime'),
      0.025,
      0.055,
      'same-crime duplicates',
    )
    within(
      share((l) => l.expected.state === 'quarantined'),
      0.035,
      0.07,
      'quarantined',
    )
    within(
      share((l) => l.kind === 'consent_refused'),
      0.01,
      0.03,
      'consent refused',
    )
    const fresh = labelled.filter((l) => l.kind === 'new' || l.kind === 'repeat_victim')
    within(
      fresh.filter((l) => l.kind === 'repeat_victim').length / fresh.length,
      0.14,
      0.25,
      'repeat victims',
    )
    const assessed = fresh.map((l) => assessRecord(l.record, { now }).record)
    const rate = (pred: (r: (typeof assessed)[number]) => boolean) =>
      assessed.filter(pred).length / assessed.length
    within(
      rate((r) => r.domestic_abuse === 'Y'),
      0.14,
      0.22,
      'domestic abuse',
    )
    within(
      rate((r) => r.hate_crime === 'Y'),
      0.01,
      0.035,
      'hate crime',
    )
    within(
      rate((r) => r.crime_category === 'rape' || r.crime_category === 'sexual_offence_other'),
      0.02,
      0.05,
      'sexual offences',
    )
    within(
      rate((r) => r.crime_category?.startsWith('violence') === true),
      0.15,
      0.35,
      'violence',
    )
    within(
      rate((r) => r.safe_to_write === 'N' || r.safe_to_call === 'N'),
      0.02,
      0.2,
      'some unsafe channels',
    )
  })
  test('every quarantine reason the generator can make appears', () => {
    const big = generateLabelledReferrals({ ...options, count: 12000, seed: 5 })
    const reasons = new Set(big.flatMap((l) => l.expected.reasons.map((r) => r.split(':')[0])))
    for (const r of [
      'missing_field',
      'invalid_value',
      'invalid_date',
      'date_in_future',
      'no_contact_route',
      'explicit_consent_required',
      'no_safe_channel',
      'unknown_category',
      'implausible_date_of_birth',
      'referral_id_conflict',
    ]) {
      assert.ok(reasons.has(r), r)
    }
  })
  test('expected states add up to the records generated', () => {
    const counts = { accepted: 0, duplicate: 0, quarantined: 0, consent_refused: 0 }
    for (const l of labelled) counts[l.expected.state] += 1
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      labelled.length,
    )
  })
  test('records come in send order and sources precede their copies', () => {
    labelled.forEach((l, i) => {
      if (l.sourceIndex !== null) assert.ok(l.sourceIndex < i)
    })
  })
})
