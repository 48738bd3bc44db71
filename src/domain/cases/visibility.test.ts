import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { mayViewCase, restrictedPathwaysVisibleTo } from './visibility.ts'

describe('need to know on cases', () => {
  test('the first-contact team sees every restricted pathway; a specialist team only its own', () => {
    assert.deepEqual(
      restrictedPathwaysVisibleTo({ role: 'hub_caseworker', teamPathway: 'general_support' }),
      ['sexual_violence', 'child_sexual_exploitation', 'domestic_abuse'],
    )
    assert.deepEqual(
      restrictedPathwaysVisibleTo({ role: 'specialist_worker', teamPathway: 'domestic_abuse' }),
      ['domestic_abuse'],
    )
    assert.deepEqual(restrictedPathwaysVisibleTo({ role: 'specialist_worker', teamPathway: 'burglary' }), [])
    assert.deepEqual(
      restrictedPathwaysVisibleTo({ role: 'commissioner', teamPathway: 'general_support' }),
      [],
    )
  })

  test('an unrestricted case is visible to all; a restricted one to its teams', () => {
    const burglary = { role: 'specialist_worker' as const, teamPathway: 'burglary' }
    const isva = { role: 'specialist_worker' as const, teamPathway: 'sexual_violence' }
    assert.equal(mayViewCase(burglary, []), true)
    assert.equal(mayViewCase(burglary, ['sexual_violence']), false)
    assert.equal(mayViewCase(isva, ['sexual_violence']), true)
    assert.equal(mayViewCase(isva, ['domestic_abuse']), false)
    assert.equal(mayViewCase(isva, ['domestic_abuse', 'sexual_violence']), true)
  })
})
