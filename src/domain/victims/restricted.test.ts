import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mayViewRestricted, restrictedPathways } from './restricted.ts'

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

  it('anyone allowed on the page sees an unrestricted record', () => {
    assert.equal(mayViewRestricted({ role: 'data_quality_officer', teamPathway: null }, []), true)
  })

  it('the first-contact team sees every restricted record', () => {
    for (const role of ['team_manager', 'hub_caseworker'] as const)
      assert.equal(mayViewRestricted({ role, teamPathway: 'general_support' }, ['domestic_abuse']), true)
  })

  it('a specialist team sees only records on its own pathway', () => {
    const isva = { role: 'team_manager' as const, teamPathway: 'sexual_violence' }
    assert.equal(mayViewRestricted(isva, ['sexual_violence']), true)
    assert.equal(mayViewRestricted(isva, ['domestic_abuse']), false)
    assert.equal(mayViewRestricted(isva, ['domestic_abuse', 'sexual_violence']), true)
  })

  it('roles that do not work cases never see restricted details, whatever their team', () => {
    for (const role of ['data_quality_officer', 'police_referrer', 'commissioner', 'administrator'] as const)
      assert.equal(mayViewRestricted({ role, teamPathway: 'general_support' }, ['sexual_violence']), false)
    assert.equal(mayViewRestricted({ role: 'hub_caseworker', teamPathway: null }, ['domestic_abuse']), false)
  })
})
