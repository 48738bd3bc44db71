import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BoundedMemo } from './bounded-memo.ts'

describe('BoundedMemo', () => {
  it('never holds more than twice its capacity, however many keys pass through', () => {
    const memo = new BoundedMemo<number, number>(100)
    for (let i = 0; i < 10_000; i++) {
      memo.set(i, i * 2)
      assert.ok(memo.size <= 200)
    }
    assert.equal(memo.get(9_999), 19_998)
    assert.equal(memo.get(0), undefined)
  })
  it('keeps an entry that is still in use when older ones are dropped', () => {
    const memo = new BoundedMemo<string, number>(10)
    memo.set('kept', 1)
    for (let i = 0; i < 1_000; i++) {
      memo.set(`k${i}`, i)
      assert.equal(memo.get('kept'), 1)
    }
  })
  it('rejects a capacity that is not a positive integer', () => {
    assert.throws(() => new BoundedMemo(0))
    assert.throws(() => new BoundedMemo(1.5))
  })
})
