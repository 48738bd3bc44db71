import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  AuditChainVerifier,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  type StoredAuditRow,
} from './hash-chain.ts'

const chain = (count: number): StoredAuditRow[] => {
  const rows: StoredAuditRow[] = []
  let prev = GENESIS_HASH
  for (let id = 1; id <= count; id++) {
    const fields = {
      id,
      occurredAt: `2026-11-26T10:00:0${id % 10}.000Z`,
      actorUserId: null,
      actor: 'user@example.org',
      action: 'sign_in',
      recordType: 'user',
      recordId: String(id),
      ip: '127.0.0.1',
      requestId: `req-${id}`,
      details: { n: id },
    }
    const hash = auditHash(prev, fields)
    rows.push({ ...fields, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

const firstBreak = (rows: StoredAuditRow[]) => {
  const verifier = new AuditChainVerifier()
  for (const row of rows) {
    const problem = verifier.check(row)
    if (problem) return problem
  }
  return null
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    assert.equal(firstBreak(chain(5)), null)
  })
  it('names an edited row', () => {
    const rows = chain(5)
    rows[2] = { ...(rows[2] as StoredAuditRow), action: 'nothing_to_see' }
    assert.deepEqual(firstBreak(rows)?.id, 3)
  })
  it('names the row after a deleted one', () => {
    const rows = chain(5)
    rows.splice(1, 1)
    const problem = firstBreak(rows)
    assert.equal(problem?.id, 3)
    assert.match(problem?.problem ?? '', /row 2/)
  })
  it('canonical JSON ignores key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse())
        return canonicalJson(object) === canonicalJson(reversed)
      }),
    )
  })
})
