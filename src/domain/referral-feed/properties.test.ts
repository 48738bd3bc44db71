import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { parseDateTime } from './dates.ts'
import { FEED_FIELD_NAMES, FEED_FIELDS } from './fields.ts'
import { fingerprint } from './fingerprint.ts'
import { type RawFeedRecord, SAMPLE_NOW, sampleReferral } from './sample.ts'
import { assessRecord } from './validate.ts'

const now = SAMPLE_NOW
const runs = { numRuns: 300 }

// Values a real sender might put in any field, good and bad.
const fieldValue = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'Y',
    'n',
    'u',
    'X',
    'rape',
    'DIRECT',
    'parent_guardian',
    'WARKS',
    '2026-03-09',
    '2026-03-29T01:30',
  ),
  fc.constantFrom(
    '07700 900123',
    '01926 123456',
    'a@example.org',
    'cv34 4ab',
    '1900-01-01',
    '2099-01-01T00:00Z',
  ),
  fc.string(),
  fc.constantFrom(null, undefined, true, false, 0, 42),
  fc.array(fc.string(), { maxLength: 3 }),
)
const anyRecord = fc.dictionary(
  fc.constantFrom(...FEED_FIELD_NAMES, 'extra', '\uFEFFreferral_id'),
  fieldValue,
)
const sampleWithOverrides = fc
  .dictionary(fc.constantFrom(...FEED_FIELD_NAMES), fieldValue, { maxKeys: 8 })
  .map((o) => sampleReferral(o as RawFeedRecord))

describe('properties', () => {
  test('any record: never throws, exactly one outcome, reasons iff quarantined', () => {
    fc.assert(
      fc.property(fc.oneof(anyRecord, sampleWithOverrides), (raw) => {
        const a = assessRecord(raw, { now })
        assert.ok(['consent_refused', 'quarantined', 'passed'].includes(a.outcome))
        assert.equal(a.outcome === 'quarantined', a.reasons.length > 0)
        assert.equal(new Set(a.reasons).size, a.reasons.length)
      }),
      runs,
    )
  })
  test('any record with consent N is consent_refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyRecord, sampleWithOverrides),
        fc.constantFrom('N', 'n', ' N ', false),
        (raw, n) => {
          assert.equal(assessRecord({ ...raw, consent_to_refer: n }, { now }).outcome, 'consent_refused')
        },
      ),
      runs,
    )
  })
  test('a record is passed only when it has every required field and a safe channel', () => {
    fc.assert(
      fc.property(sampleWithOverrides, (raw) => {
        const a = assessRecord(raw, { now })
        if (a.outcome !== 'passed') return
        for (const f of FEED_FIELDS) if (f.required) assert.notEqual(a.record[f.name], null, f.name)
        assert.ok(a.facts.channels.safe.length > 0)
        if (a.facts.explicitConsentRequired) assert.equal(a.record.consent_to_refer, 'Y')
      }),
      runs,
    )
  })
  test('fingerprint is invariant under whitespace, code case, blank flags, key order and extras', () => {
    const codeFields = FEED_FIELDS.filter((f) => 'caseFold' in f || f.kind === 'flag').map(
      (f) => f.name as string,
    )
    fc.assert(
      fc.property(
        sampleWithOverrides,
        fc.array(fc.constantFrom(' ', '\t', '\r', '\n'), { maxLength: 3 }).map((a) => a.join('')),
        fc.boolean(),
        fc.integer(),
        (raw, pad, upper, seed) => {
          const changed: Record<string, unknown> = {}
          for (const [k, v] of Object.entries(raw)) {
            let w = v
            if (typeof w === 'string') {
              if (codeFields.includes(k)) w = upper ? w.toUpperCase() : w.toLowerCase()
              w = `${pad}${w}${pad}`
            }
            changed[k] = w
          }
          const keys = Object.keys(changed).sort((a, b) => ((a.length * seed) % 7) - ((b.length * seed) % 7))
          const shuffled = Object.fromEntries([
            ...keys.map((k) => [k, changed[k]]),
            ['extra_col', String(seed)],
          ])
          shuffled.sent_at = '2020-01-01T00:00Z'
          assert.equal(fingerprint(shuffled), fingerprint(raw))
        },
      ),
      runs,
    )
  })
  test('a non-code text change always changes the fingerprint', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && s.trim() !== 'Bethan'),
        (name) => {
          assert.notEqual(fingerprint(sampleReferral({ forename: name })), fingerprint(sampleReferral()))
        },
      ),
      runs,
    )
  })
  test('parseDateTime: any offset-free London wall time parses, within an hour of the UTC reading', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const wall = d.toISOString().slice(0, 19)
          const parsed = parseDateTime(wall)
          assert.notEqual(parsed, null, wall)
          const diff = Date.parse(`${wall}Z`) - Date.parse(parsed as string)
          // London is UTC+0 or UTC+1; a spring-gap time moves forward, giving the same instant as +0.
          assert.ok(diff === 0 || diff === 3_600_000, `${wall} -> ${parsed}`)
        },
      ),
      runs,
    )
  })
  test('parseDateTime with Z round-trips any instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (d) => {
          assert.equal(parseDateTime(d.toISOString()), d.toISOString())
        },
      ),
      runs,
    )
  })
})
