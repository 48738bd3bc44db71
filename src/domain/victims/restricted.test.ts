import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { restrictedPathways } from './restricted.ts'

const none = { categories: ['burglary_residential'], cse: false, domesticAbuse: false }

describe('restricted victims', () => {
  it('sexual offences, CSE and domestic abuse make a record restricted; other crimes do not', () => {
    assert.deepEqual(restrictedPathways(none), [])
    assert.deepEqual(restrictedPathways({ ...none, categories: ['rape'] }), ['sexual_violence'])
    assert.deepEqual(restrictedPathways({ ...none, categories: ['fraud', 'sexual_offence_other'] }), [
      'sexual_violence',
    ])
    assert.deepEqual(restrictedPathways({ ...none, cse: true }), ['child_sexual_exploitation'])
    assert.deepEqual(restrictedPathways({ ...none, domesticAbuse: true, categories: ['rape'] }), [
      'sexual_violence',
      'domestic_abuse',
    ])
  })
})
