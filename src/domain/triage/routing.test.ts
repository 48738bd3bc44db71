import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRoutingRuleSet } from './default-routing-rules.ts'
import { SEEDED_DIRECTORY } from './pathways.ts'
import {
  type CapacitySnapshot,
  capacitySnapshot,
  type RoutingFacts,
  type RoutingRuleSet,
  route,
} from './routing.ts'

const emptyLoads = capacitySnapshot(SEEDED_DIRECTORY, {})
const adult: RoutingFacts = { crimeCategory: 'other_theft', age: 40 }

describe('route: capacity', () => {
  const rape: RoutingFacts = { ...adult, crimeCategory: 'rape' }
  const loads = (
    overrides: Record<string, { referralsThisMonth: number; activeCases: number; expectedWaitDays?: number }>,
  ) => capacitySnapshot(SEEDED_DIRECTORY, overrides)

  it('reports capacity, load and wait for every provider the rule names', () => {
    const result = route(
      rape,
      defaultRoutingRuleSet,
      loads({ 'rosa-isva': { referralsThisMonth: 10, activeCases: 100, expectedWaitDays: 12 } }),
    )
    assert.deepEqual(result.providers[0], {
      providerId: 'rosa-isva',
      capacity: { monthlyReferrals: 65, activeCases: 220 },
      load: { referralsThisMonth: 10, activeCases: 100 },
      expectedWaitDays: 12,
      full: false,
    })
    assert.deepEqual(
      result.providers.map((p) => p.providerId),
      ['rosa-isva', 'safeline-isva', 'out-of-area-sv'],
    )
  })

  it('falls through a provider full on active cases, with a warning', () => {
    const result = route(
      rape,
      defaultRoutingRuleSet,
      loads({ 'rosa-isva': { referralsThisMonth: 0, activeCases: 220 } }),
    )
    assert.equal(result.providerId, 'safeline-isva')
    assert.equal(result.pathway, 'sexual_violence')
    assert.deepEqual(result.warnings, ['provider_full:rosa-isva'])
    assert.equal(result.providers[0]?.full, true)
    assert.match(
      result.explanation,
      /rosa-isva is full \(220\/220 active cases, 0\/65 referrals this month\); offered to safeline-isva/,
    )
  })

  it('falls through a provider full on this month’s referrals', () => {
    const result = route(
      rape,
      defaultRoutingRuleSet,
      loads({ 'rosa-isva': { referralsThisMonth: 65, activeCases: 1 } }),
    )
    assert.equal(result.providerId, 'safeline-isva')
    assert.deepEqual(result.warnings, ['provider_full:rosa-isva'])
  })

  it('one below capacity is not full', () => {
    const result = route(
      rape,
      defaultRoutingRuleSet,
      loads({ 'rosa-isva': { referralsThisMonth: 64, activeCases: 219 } }),
    )
    assert.equal(result.providerId, 'rosa-isva')
    assert.deepEqual(result.warnings, [])
  })

  it('falls through to the out-of-area service as a last resort', () => {
    const result = route(
      rape,
      defaultRoutingRuleSet,
      loads({
        'rosa-isva': { referralsThisMonth: 65, activeCases: 0 },
        'safeline-isva': { referralsThisMonth: 0, activeCases: 250 },
      }),
    )
    assert.equal(result.providerId, 'out-of-area-sv')
    assert.deepEqual(result.warnings, ['provider_full:rosa-isva', 'provider_full:safeline-isva'])
  })

  it('flags all_providers_full and chooses nobody, keeping the pathway', () => {
    const result = route(
      rape,
      defaultRoutingRuleSet,
      loads({
        'rosa-isva': { referralsThisMonth: 65, activeCases: 0 },
        'safeline-isva': { referralsThisMonth: 75, activeCases: 0 },
        'out-of-area-sv': { referralsThisMonth: 0, activeCases: 30 },
      }),
    )
    assert.equal(result.providerId, null)
    assert.equal(result.pathway, 'sexual_violence')
    assert.deepEqual(result.warnings, [
      'provider_full:rosa-isva',
      'provider_full:safeline-isva',
      'provider_full:out-of-area-sv',
      'all_providers_full',
    ])
    assert.match(result.explanation, /every provider is full: a manager must decide/)
  })

  it('a single-provider pathway that is full is flagged', () => {
    const result = route(
      { ...adult, flags: { hateCrime: true } },
      defaultRoutingRuleSet,
      loads({ 'equip-hate': { referralsThisMonth: 20, activeCases: 0 } }),
    )
    assert.equal(result.providerId, null)
    assert.deepEqual(result.warnings, ['provider_full:equip-hate', 'all_providers_full'])
  })

  it('a provider with no capacity figures is offered, with a warning', () => {
    const snapshot: CapacitySnapshot = {}
    const result = route(rape, defaultRoutingRuleSet, snapshot)
    assert.equal(result.providerId, 'rosa-isva')
    assert.deepEqual(result.warnings, ['provider_capacity_unknown:rosa-isva'])
    assert.equal(result.providers[0]?.capacity, null)
  })

  it('an unvalidated rule set with no catch-all cannot lose a victim silently', () => {
    const ruleSet: RoutingRuleSet = {
      ...defaultRoutingRuleSet,
      rules: defaultRoutingRuleSet.rules.slice(0, -1),
    }
    const result = route(adult, ruleSet, emptyLoads)
    assert.equal(result.pathway, null)
    assert.deepEqual(result.warnings, ['no_rule_matched'])
  })
})

describe('route: conditions', () => {
  const general = {
    pathway: 'general_support',
    providers: ['victim-support-general'],
    offer: 'targeted',
  } as const
  const withRule = (when: RoutingRuleSet['rules'][number]['when']): RoutingRuleSet => ({
    id: 'test',
    version: 1,
    effectiveFrom: '2026-01-01',
    rules: [
      { id: 'r', description: 'under test', when, outcome: general },
      { id: 'rest', description: 'rest', when: {}, outcome: { ...general, offer: 'universal' } },
    ],
  })
  const matched = (when: RoutingRuleSet['rules'][number]['when'], facts: RoutingFacts) =>
    route(facts, withRule(when), emptyLoads).matchedRuleId === 'r'

  it('district, case-insensitively', () => {
    assert.equal(
      matched({ districts: ['Stratford-on-Avon'] }, { ...adult, district: 'stratford-on-avon ' }),
      true,
    )
    assert.equal(matched({ districts: ['Stratford-on-Avon'] }, { ...adult, district: 'Rugby' }), false)
    assert.equal(matched({ districts: ['Stratford-on-Avon'] }, { ...adult, district: null }), false)
  })

  it('age range, inclusive', () => {
    const when = { age: { min: 18, max: 24 } }
    assert.equal(matched(when, { ...adult, age: 17 }), false)
    assert.equal(matched(when, { ...adult, age: 18 }), true)
    assert.equal(matched(when, { ...adult, age: 24 }), true)
    assert.equal(matched(when, { ...adult, age: 25 }), false)
    assert.equal(matched(when, { ...adult, age: null }), false)
  })

  it('needs levels in named sections', () => {
    const when = { needs: { sections: ['housing', 'financial'], atLeast: 'medium' } } as const
    assert.equal(matched(when, { ...adult, needs: { housing: 'medium' } }), true)
    assert.equal(matched(when, { ...adult, needs: { financial: 'high' } }), true)
    assert.equal(matched(when, { ...adult, needs: { housing: 'low', health_mental: 'high' } }), false)
    assert.equal(matched(when, adult), false)
  })

  it('flags: all versus any', () => {
    assert.equal(matched({ flagsAll: ['rural', 'hateCrime'] }, { ...adult, flags: { rural: true } }), false)
    assert.equal(
      matched({ flagsAll: ['rural', 'hateCrime'] }, { ...adult, flags: { rural: true, hateCrime: true } }),
      true,
    )
    assert.equal(matched({ flagsAny: ['rural', 'hateCrime'] }, { ...adult, flags: { rural: true } }), true)
    assert.equal(matched({ flagsAny: ['rural'] }, { ...adult, flags: { rural: false } }), false)
  })

  it('every condition must hold', () => {
    const when = { crimeCategories: ['robbery'], districts: ['Rugby'] } as const
    assert.equal(matched(when, { ...adult, crimeCategory: 'robbery', district: 'Rugby' }), true)
    assert.equal(matched(when, { ...adult, crimeCategory: 'robbery', district: 'Warwick' }), false)
  })

  it('out-of-area wish false means "did not ask"', () => {
    assert.equal(matched({ victimWantsOutOfArea: false }, adult), true)
    assert.equal(
      matched({ victimWantsOutOfArea: false }, { ...adult, victimChoice: { outOfArea: true } }),
      false,
    )
  })
})
