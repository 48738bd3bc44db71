import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { canonicalContent, contentDifferences, FINGERPRINT_VERSION, fingerprint } from './fingerprint.ts'
import { sampleReferral } from './sample.ts'

const base = fingerprint(sampleReferral())

describe('fingerprint', () => {
  test('is a sha256 hex digest and stable', () => {
    assert.match(base, /^[0-9a-f]{64}$/)
    assert.equal(fingerprint(sampleReferral()), base)
    assert.equal(FINGERPRINT_VERSION, 1)
  })
  test('ignores sent_at', () =>
    assert.equal(fingerprint(sampleReferral({ sent_at: '2026-03-11T09:00:00Z' })), base))
  test('ignores unknown extra columns', () =>
    assert.equal(fingerprint(sampleReferral({ x_source: 'Niche', batch: 7 })), base))
  test('ignores key order', () => {
    const entries = Object.entries(sampleReferral()).reverse()
    assert.equal(fingerprint(Object.fromEntries(entries)), base)
  })
  test('ignores surrounding whitespace, including CR left by CRLF line endings', () => {
    assert.equal(fingerprint(sampleReferral({ forename: '  Bethan\t', notes: '\r' })), base)
  })
  test('codes compare case-insensitively', () => {
    assert.equal(
      fingerprint(
        sampleReferral({
          force_code: 'warks',
          crime_category: 'BURGLARY_RESIDENTIAL',
          victim_type: 'Direct',
          offence_code: '28e',
          thrive_risk: 'LOW',
          language: 'EN',
          gender: 'Female',
        }),
      ),
      base,
    )
  })
  test('flags: blank = U, case-insensitive, JSON booleans', () => {
    const u = fingerprint(sampleReferral({ cse: 'U' }))
    assert.equal(fingerprint(sampleReferral({ cse: '' })), u)
    assert.equal(fingerprint(sampleReferral({ cse: null })), u)
    const raw = sampleReferral()
    delete raw.cse
    assert.equal(fingerprint(raw), u)
    assert.equal(fingerprint(sampleReferral({ domestic_abuse: 'n', consent_to_refer: true })), base)
    assert.equal(fingerprint(sampleReferral({ domestic_abuse: false })), base)
  })
  test('blank text: empty, spaces, null and absent are the same', () => {
    const withNull = fingerprint(sampleReferral({ address_line2: null }))
    assert.equal(withNull, base)
    assert.equal(fingerprint(sampleReferral({ address_line2: '   ' })), base)
  })
  test('lists compare item by item, case-insensitively; JSON arrays equal ;-text', () => {
    const a = fingerprint(sampleReferral({ hate_strands: 'race;religion' }))
    assert.equal(fingerprint(sampleReferral({ hate_strands: ' RACE ; Religion ' })), a)
    assert.equal(fingerprint(sampleReferral({ hate_strands: ['race', 'religion'] })), a)
  })
  test('any content change is a different fingerprint', () => {
    for (const [k, v] of Object.entries({
      forename: 'Beth',
      phone_mobile: '07700 900124',
      reported_at: '2026-03-09T10:16:00Z',
      notes: 'x',
      safe_to_call: 'N',
      referral_id: 'X',
    })) {
      assert.notEqual(fingerprint(sampleReferral({ [k]: v })), base, k)
    }
  })
  test('free text keeps its case and inner spacing', () => {
    assert.notEqual(fingerprint(sampleReferral({ forename: 'BETHAN' })), base)
    assert.notEqual(fingerprint(sampleReferral({ address_line1: '12  Larkspur Close' })), base)
  })
  test('stored fingerprints never change: these were computed before any rework of the code', () => {
    const known: [Record<string, unknown>, string][] = [
      [sampleReferral(), '903579fe01f2c1bf7b35c5771f1ff0ebe239acdb3431e0e63dfca10a55b88348'],
      [
        sampleReferral({
          force_code: ' warks ',
          crime_category: 'RAPE',
          hate_strands: [' Race', 'religion;SEX', null, {}],
          vulnerability_reasons: 'under_18; ;OTHER',
          cse: true,
          cyber: false,
          rural: 'x',
          language: 'CY',
        }),
        '4023a46aafb472f159d67fb5c4392c55c501f246012779e6fa3f9d5370a8b0ae',
      ],
      [
        {
          referral_id: 42,
          forename: { a: [1, 'x'] },
          surname: ['Jones'],
          notes: 'line one\n"quoted" \\ \u0000 \ud800 é',
          date_of_birth: Number.NaN,
          phone_mobile: 10n,
          email: null,
        },
        '9ba4ae4e4c4ef7f6ad3b813a52532e6b6a068aba2a8f809ba9dbbdd1d52ed557',
      ],
      [
        {
          '\uFEFFreferral_id': 'BOM-1',
          '\uFEFF\uFEFFforename': 'Ann',
          surname: ' Lee ',
          extra_column: 'ignored',
          sent_at: 'whenever',
        },
        '99d27a87d2f0bfcc168625d4b22d2e576ee437bad23fb6b14e37c02a14c431ad',
      ],
      [{}, 'da45b71b2d58a8480bd75fc14616c9a5c95a0fe03f4b9cabd7b68bcb5e1f133f'],
    ]
    for (const [raw, expected] of known)
      assert.equal(fingerprint(raw), expected, JSON.stringify(Object.keys(raw)))
  })
  test('never throws on junk', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    assert.doesNotThrow(() => fingerprint({ notes: cyclic, forename: [1], cse: {} }))
  })
  test('canonicalContent lists every spec field but sent_at', () => {
    const names = canonicalContent(sampleReferral()).map(([n]) => n)
    assert.ok(!names.includes('sent_at'))
    assert.equal(names.length, 54)
  })
  test('contentDifferences names the changed fields', () => {
    assert.deepEqual(
      contentDifferences(
        sampleReferral(),
        sampleReferral({ email: 'x@example.org', sent_at: 'later', cse: 'y' }),
      ),
      ['cse', 'email'],
    )
  })
})
