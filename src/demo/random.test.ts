import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createRng } from './random.ts'

describe('random', () => {
  test('same seed, same sequence; different seed, different sequence', () => {
    const a = createRng(7)
    const b = createRng(7)
    const c = createRng(8)
    const sa = Array.from({ length: 20 }, () => a.next())
    assert.deepEqual(
      sa,
      Array.from({ length: 20 }, () => b.next()),
    )
    assert.notDeepEqual(
      sa,
      Array.from({ length: 20 }, () => c.next()),
    )
    assert.ok(sa.every((x) => x >= 0 && x < 1))
  })
  test('int is inclusive and weighted respects zero weights', () => {
    const r = createRng(1)
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 3)))
    assert.deepEqual([...seen].sort(), [1, 2, 3])
    for (let i = 0; i < 200; i++)
      assert.equal(
        r.weighted([
          ['a', 0],
          ['b', 1],
        ] as const),
        'b',
      )
  })
})
