import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkAgainstCheckpoint } from './checkpoint.ts'

const checkpoint = { rows: 7, lastId: 9, lastHash: 'h9', at: '2026-03-01T10:00:00.000Z' }

describe('the audit log against its checkpoint', () => {
  it('holds when the row the checkpoint names is there, with its hash, in its place', () => {
    assert.equal(
      checkAgainstCheckpoint({ rows: 7, lastId: 9, atCheckpoint: { hash: 'h9', position: 7 } }, checkpoint),
      null,
    )
    assert.equal(
      checkAgainstCheckpoint({ rows: 12, lastId: 15, atCheckpoint: { hash: 'h9', position: 7 } }, checkpoint),
      null,
      'rows written since are fine',
    )
  })

  it('names the rows cut off the end', () => {
    assert.deepEqual(checkAgainstCheckpoint({ rows: 5, lastId: 6 }, checkpoint), {
      id: 9,
      problem:
        'the log ends at row 6 with 5 rows, but a checkpoint of 2026-03-01T10:00:00.000Z records 7 rows ending at row 9: 2 rows after row 6 were cut off',
    })
    assert.match(
      checkAgainstCheckpoint({ rows: 0, lastId: 0 }, checkpoint)?.problem ?? '',
      /log is empty.*all 7 rows were removed/,
    )
    assert.match(
      checkAgainstCheckpoint({ rows: 8, lastId: 12 }, checkpoint)?.problem ?? '',
      /cut off and others written in their place/,
    )
  })

  it('notices a chain written again up to the checkpoint, or rows taken from before it', () => {
    assert.match(
      checkAgainstCheckpoint(
        { rows: 7, lastId: 9, atCheckpoint: { hash: 'forged', position: 7 } },
        checkpoint,
      )?.problem ?? '',
      /written again/,
    )
    assert.match(
      checkAgainstCheckpoint({ rows: 6, lastId: 9, atCheckpoint: { hash: 'h9', position: 6 } }, checkpoint)
        ?.problem ?? '',
      /row number 6 of the log, but .* records 7 rows/,
    )
  })
})
