import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { fingerprint } from '../domain/referral-feed/fingerprint.ts'
import { assessRecord } from '../domain/referral-feed/validate.ts'
import { toCsv, toJsonl } from './feed-files.ts'
import { generateReferrals } from './referrals.ts'

const options = { seed: 2026, count: 300, from: '2025-01-01T00:00:00Z', to: '2025-12-31T23:59:00Z' }
const now = '2026-01-01T09:00:00Z'

describe('toCsv and toJsonl', () => {
  const records = generateReferrals({ ...options, count: 300 })
  test('CSV: header of spec fields then extras, every field quoted, round-trips through a CSV parser', () => {
    const csv = toCsv(records)
    assert.ok(csv.startsWith('"referral_id","force_code"'))
    const rows = parse(csv, { columns: true }) as Record<string, string>[]
    assert.deepEqual(rows, records)
  })
  test('CSV doubles inner quotes and keeps commas and newlines inside fields', () => {
    const csv = toCsv([{ notes: 'said "no", then\nyes' } as Record<string, string>], { lineEnding: '\n' })
    assert.ok(csv.includes('"said ""no"", then\nyes"'))
    const rows = parse(csv, { columns: true }) as Record<string, string>[]
    assert.equal(rows[0]?.notes, 'said "no", then\nyes')
  })
  test('CSV with a BOM', () =>
    assert.ok(toCsv(records.slice(0, 1), { bom: true }).startsWith('\uFEFF"referral_id"')))
  test('JSONL: one object per line', () => {
    const lines = toJsonl(records).trimEnd().split('\n')
    assert.equal(lines.length, records.length)
    assert.deepEqual(JSON.parse(lines[0] ?? ''), records[0])
  })
  test('JSONL with JSON types assesses the same as the CSV form', () => {
    const lines = toJsonl(records, { jsonTypes: true }).trimEnd().split('\n')
    lines.forEach((line, i) => {
      const o = JSON.parse(line)
      const a = assessRecord(o, { now })
      const b = assessRecord(records[i] ?? {}, { now })
      assert.equal(a.outcome, b.outcome)
      assert.equal(fingerprint(o), fingerprint(records[i] ?? {}))
    })
    assert.ok(lines.some((l) => l.includes('"consent_to_refer":true')))
  })
})
