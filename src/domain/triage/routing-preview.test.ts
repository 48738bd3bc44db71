import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRoutingRuleSet } from './default-routing-rules.ts'
import type { RoutingFacts, RoutingRuleSet } from './routing.ts'
import { previewRuleSet } from './routing-preview.ts'

const adult: RoutingFacts = { crimeCategory: 'other_theft', age: 40 }

describe('previewRuleSet', () => {
  const samples: RoutingFacts[] = [
    adult,
    { ...adult, crimeCategory: 'burglary_residential' },
    { crimeCategory: 'theft_from_person', age: 70 },
    { ...adult, crimeCategory: 'rape' },
  ]

  it('shows no change against itself', () => {
    const preview = previewRuleSet(defaultRoutingRuleSet, samples, defaultRoutingRuleSet)
    assert.equal(preview.changedCount, 0)
    assert.equal(preview.rows.length, 4)
  })

  it('shows per-sample old and new pathways when a rule is removed', () => {
    const proposed: RoutingRuleSet = {
      ...defaultRoutingRuleSet,
      version: 2,
      rules: defaultRoutingRuleSet.rules.filter((r) => r.id !== 'burglary'),
    }
    const preview = previewRuleSet(proposed, samples, defaultRoutingRuleSet)
    assert.equal(preview.oldVersion, 'default-routing@1')
    assert.equal(preview.newVersion, 'default-routing@2')
    assert.equal(preview.changedCount, 1)
    assert.deepEqual(preview.rows[1], {
      index: 1,
      old: { pathway: 'burglary', ruleId: 'burglary', offer: 'targeted' },
      new: { pathway: 'general_support', ruleId: 'general-universal', offer: 'universal' },
      changed: true,
    })
    assert.equal(preview.rows[0]?.changed, false)
  })

  it('counts an offer change as a change, a different rule to the same place as none', () => {
    const proposed: RoutingRuleSet = {
      ...defaultRoutingRuleSet,
      version: 2,
      rules: defaultRoutingRuleSet.rules.map((r) =>
        r.id === 'general-universal' ? { ...r, outcome: { ...r.outcome, offer: 'targeted' as const } } : r,
      ),
    }
    const preview = previewRuleSet(proposed, samples, defaultRoutingRuleSet)
    assert.equal(preview.changedCount, 1)
    assert.deepEqual(preview.rows[0]?.new, {
      pathway: 'general_support',
      ruleId: 'general-universal',
      offer: 'targeted',
    })

    const renamed: RoutingRuleSet = {
      ...defaultRoutingRuleSet,
      rules: defaultRoutingRuleSet.rules.map((r) =>
        r.id === 'older-victims' ? { ...r, id: 'older-people' } : r,
      ),
    }
    const same = previewRuleSet(renamed, samples, defaultRoutingRuleSet)
    assert.equal(same.changedCount, 0)
    assert.equal(same.rows[2]?.new.ruleId, 'older-people')
  })
})
