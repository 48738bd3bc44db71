import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { MAX_VALUE_DEPTH, storableCopy, storableProblem } from './storable.ts'

const deep = (levels: number): unknown => {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}

describe('records the hub can keep', () => {
  test('a NUL or a lone surrogate in a value or a key names its field', () => {
    assert.deepEqual(storableProblem({ referral_id: 'R1', notes: 'a\u0000b' }), {
      reason: 'unstorable_text:notes',
      field: 'notes',
    })
    assert.equal(storableProblem({ surname: 'x\ud800' })?.reason, 'unstorable_text:surname')
    assert.equal(storableProblem({ surname: '\udc00x' })?.reason, 'unstorable_text:surname')
    assert.equal(storableProblem({ extra: { 'k\u0000': 1 } })?.reason, 'unstorable_text:extra')
    assert.equal(storableProblem({ 'a:b\u0000': 'x' })?.reason, 'unstorable_text:a_b\uFFFD')
    // A surrogate pair is one character (an emoji), and fine.
    assert.equal(storableProblem({ notes: 'ok 🙂', list: ['Zoë'] }), null)
  })

  test('a record nested 50,000 levels deep is measured without a stack overflow and refused', () => {
    const record = { referral_id: 'R1', notes: deep(50_000) }
    assert.deepEqual(storableProblem(record), { reason: 'nested_too_deep:notes', field: 'notes' })
    const kept = storableCopy(record, storableProblem(record) as never)
    assert.doesNotThrow(() => JSON.stringify(kept))
    assert.equal(storableProblem({ notes: deep(MAX_VALUE_DEPTH) }), null)
    assert.equal(storableProblem({ notes: deep(MAX_VALUE_DEPTH + 1) })?.reason, 'nested_too_deep:notes')
  })

  test('a record over 1 MB is refused, and only a bounded part of it kept', () => {
    const record = { referral_id: 'R1', notes: 'x'.repeat(1_100_000) }
    const problem = storableProblem(record)
    assert.equal(problem?.reason, 'record_too_large')
    const kept = storableCopy(record, problem as never)
    assert.equal(kept.referral_id, 'R1')
    assert.ok(JSON.stringify(kept).length < 10_000)
  })

  test('any JSON value: kept as is, or refused with a copy that can be kept', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), fc.jsonValue({ maxDepth: 7 })),
        (record) => {
          const problem = storableProblem(record)
          if (problem === null) {
            assert.doesNotThrow(() => JSON.stringify(record))
            return
          }
          if (problem.field !== null) assert.ok(problem.reason.endsWith(`:${problem.field}`))
          const copy = storableCopy(record, problem)
          assert.equal(storableProblem(copy), null)
        },
      ),
      { numRuns: 300 },
    )
  })
})
