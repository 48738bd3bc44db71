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
