import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRoutingRuleSet } from './default-routing-rules.ts'
import { PATHWAY_IDS, PATHWAYS, type PathwayId, PROVIDERS, SEEDED_DIRECTORY } from './pathways.ts'
import {
  type CapacitySnapshot,
  capacitySnapshot,
  previewRuleSet,
  type RoutingFacts,
  type RoutingRuleSet,
  route,
  validateRoutingRuleSet,
} from './routing.ts'

const emptyLoads = capacitySnapshot(SEEDED_DIRECTORY, {})
const adult: RoutingFacts = { crimeCategory: 'other_theft', age: 40 }

describe('seeded pathways and providers', () => {
  it('every pathway has at least one provider, and every provider a known pathway', () => {
    for (const pathway of PATHWAY_IDS) {
      assert.ok(
        PROVIDERS.some((p) => p.pathway === pathway),
        pathway,
      )
    }
    for (const provider of PROVIDERS) assert.ok(PATHWAY_IDS.includes(provider.pathway), provider.id)
  })

  it('provider ids are unique and capacities positive', () => {
    assert.equal(new Set(PROVIDERS.map((p) => p.id)).size, PROVIDERS.length)
    for (const p of PROVIDERS) assert.ok(p.monthlyReferralCapacity > 0 && p.activeCaseCapacity > 0, p.id)
  })

  it('sexual violence, CSE and young victims are not time-limited; SV and CSE have an out-of-area option', () => {
    const notTimeLimited = PATHWAYS.filter((p) => !p.timeLimited).map((p) => p.id)
    assert.deepEqual(notTimeLimited, ['sexual_violence', 'child_sexual_exploitation', 'young_victims'])
    const outOfArea = PATHWAYS.filter((p) => p.outOfAreaOption).map((p) => p.id)
    assert.deepEqual(outOfArea, ['sexual_violence', 'child_sexual_exploitation'])
  })

  it('only general support is universal by default', () => {
    assert.deepEqual(
      PATHWAYS.filter((p) => p.defaultOffer === 'universal').map((p) => p.id),
      ['general_support'],
    )
  })
})

describe('the seeded rule set', () => {
  it('is valid', () => {
    const result = validateRoutingRuleSet(defaultRoutingRuleSet)
    assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.errors))
  })

  it('reaches every seeded pathway', () => {
    const reached = new Set(defaultRoutingRuleSet.rules.map((r) => r.outcome.pathway))
    assert.deepEqual([...reached].sort(), [...PATHWAY_IDS].sort())
  })
})

describe('route: a sample for every seeded pathway', () => {
  const cases: [
    label: string,
    facts: RoutingFacts,
    pathway: PathwayId,
    rule: string,
    provider: string,
    offer: string,
  ][] = [
    [
      'ordinary adult theft',
      adult,
      'general_support',
      'general-universal',
      'victim-support-general',
      'universal',
    ],
    [
      'enhanced adult',
      { ...adult, flags: { enhanced: true } },
      'general_support',
      'general-priority-group',
      'victim-support-general',
      'targeted',
    ],
    [
      'repeat victim',
      { ...adult, flags: { repeatVictim: true } },
      'general_support',
      'general-priority-group',
      'victim-support-general',
      'targeted',
    ],
    [
      'high housing need',
      { ...adult, needs: { housing: 'high' } },
      'general_support',
      'general-high-need',
      'victim-support-general',
      'targeted',
    ],
    [
      'medium needs only',
      { ...adult, needs: { housing: 'medium' } },
      'general_support',
      'general-universal',
      'victim-support-general',
      'universal',
    ],
    [
      'rape',
      { ...adult, crimeCategory: 'rape' },
      'sexual_violence',
      'sexual-violence',
      'rosa-isva',
      'targeted',
    ],
    [
      'other sexual offence',
      { ...adult, crimeCategory: 'sexual_offence_other' },
      'sexual_violence',
      'sexual-violence',
      'rosa-isva',
      'targeted',
    ],
    [
      'rape, out of area asked for',
      { ...adult, crimeCategory: 'rape', victimChoice: { outOfArea: true } },
      'sexual_violence',
      'sexual-violence-out-of-area',
      'out-of-area-sv',
      'targeted',
    ],
    [
      'rape in a domestic abuse context',
      { ...adult, crimeCategory: 'rape', flags: { domesticAbuse: true } },
      'sexual_violence',
      'sexual-violence',
      'rosa-isva',
      'targeted',
    ],
    [
      'CSE',
      { crimeCategory: 'sexual_offence_other', age: 14, flags: { cse: true } },
      'child_sexual_exploitation',
      'cse',
      'barnardos-cse',
      'targeted',
    ],
    [
      'CSE, out of area',
      { crimeCategory: 'other', age: 15, flags: { cse: true }, victimChoice: { outOfArea: true } },
      'child_sexual_exploitation',
      'cse-out-of-area',
      'out-of-area-cse',
      'targeted',
    ],
    [
      'domestic abuse',
      { ...adult, crimeCategory: 'violence_with_injury', flags: { domesticAbuse: true } },
      'domestic_abuse',
      'domestic-abuse',
      'refuge-da',
      'targeted',
    ],
    [
      'hate crime',
      { ...adult, crimeCategory: 'public_order', flags: { hateCrime: true } },
      'hate_crime',
      'hate-crime',
      'equip-hate',
      'targeted',
    ],
    [
      'death by driving',
      { ...adult, crimeCategory: 'death_by_driving' },
      'road_trauma',
      'road-trauma',
      'roadpeace',
      'targeted',
    ],
    [
      'computer misuse',
      { ...adult, crimeCategory: 'computer_misuse' },
      'cyber_crime',
      'cyber-crime-category',
      'county-cyber-team',
      'targeted',
    ],
    [
      'cyber-enabled harassment',
      { ...adult, crimeCategory: 'stalking_harassment', flags: { cyber: true } },
      'cyber_crime',
      'cyber-crime-flag',
      'county-cyber-team',
      'targeted',
    ],
    ['fraud', { ...adult, crimeCategory: 'fraud' }, 'fraud', 'fraud', 'victim-support-fraud', 'targeted'],
    [
      'cyber-enabled fraud stays with fraud',
      { ...adult, crimeCategory: 'fraud', flags: { cyber: true } },
      'fraud',
      'fraud',
      'victim-support-fraud',
      'targeted',
    ],
    [
      'rural crime',
      { ...adult, crimeCategory: 'other_theft', flags: { rural: true } },
      'rural_crime',
      'rural-crime',
      'rural-crime-coordinators',
      'targeted',
    ],
    [
      'young victim (17)',
      { crimeCategory: 'robbery', age: 17 },
      'young_victims',
      'young-victims',
      'victim-support-young-people',
      'targeted',
    ],
    [
      '18 is not a young victim',
      { crimeCategory: 'robbery', age: 18 },
      'general_support',
      'general-universal',
      'victim-support-general',
      'universal',
    ],
    [
      'young burglary victim',
      { crimeCategory: 'burglary_residential', age: 12 },
      'young_victims',
      'young-victims',
      'victim-support-young-people',
      'targeted',
    ],
    [
      'older victim (65)',
      { crimeCategory: 'theft_from_person', age: 65 },
      'elderly_victims',
      'older-victims',
      'victim-support-older-people',
      'targeted',
    ],
    [
      '64 is not an older victim',
      { crimeCategory: 'theft_from_person', age: 64 },
      'general_support',
      'general-universal',
      'victim-support-general',
      'universal',
    ],
    [
      'older fraud victim goes to fraud',
      { crimeCategory: 'fraud', age: 80 },
      'fraud',
      'fraud',
      'victim-support-fraud',
      'targeted',
    ],
    [
      'residential burglary',
      { ...adult, crimeCategory: 'burglary_residential' },
      'burglary',
      'burglary',
      'victim-support-burglary',
      'targeted',
    ],
    [
      'business burglary is general',
      { ...adult, crimeCategory: 'burglary_business' },
      'general_support',
      'general-universal',
      'victim-support-general',
      'universal',
    ],
    [
      'unknown age: no age pathway',
      { crimeCategory: 'robbery', age: null },
      'general_support',
      'general-universal',
      'victim-support-general',
      'universal',
    ],
    [
      'the victim’s choice wins',
      { ...adult, crimeCategory: 'rape', victimChoice: { pathway: 'domestic_abuse' } },
      'domestic_abuse',
      'choice-domestic-abuse',
      'refuge-da',
      'targeted',
    ],
    [
      'self-referral asking for SV support out of area',
      { crimeCategory: 'other', victimChoice: { pathway: 'sexual_violence', outOfArea: true } },
      'sexual_violence',
      'choice-sexual-violence-out-of-area',
      'out-of-area-sv',
      'targeted',
    ],
    [
      'choosing general support',
      { ...adult, crimeCategory: 'burglary_residential', victimChoice: { pathway: 'general_support' } },
      'general_support',
      'choice-general-support',
      'victim-support-general',
      'universal',
    ],
  ]
  for (const [label, facts, pathway, rule, provider, offer] of cases) {
    it(`${label} -> ${pathway} (${rule})`, () => {
      const result = route(facts, defaultRoutingRuleSet, emptyLoads)
      assert.equal(result.pathway, pathway)
      assert.equal(result.matchedRuleId, rule)
      assert.equal(result.providerId, provider)
      assert.equal(result.offer, offer)
      assert.deepEqual(result.warnings, [])
      assert.equal(result.ruleSetVersion, 'default-routing@1')
      assert.match(result.explanation, new RegExp(`Rule ${rule} `))
    })
  }

  it('every seeded pathway is reached by a sample above', () => {
    const reached = new Set(cases.map(([, , pathway]) => pathway))
    assert.deepEqual([...reached].sort(), [...PATHWAY_IDS].sort())
  })

  for (const pathway of PATHWAY_IDS) {
    it(`a victim choosing ${pathway} is routed there`, () => {
      const result = route({ ...adult, victimChoice: { pathway } }, defaultRoutingRuleSet, emptyLoads)
      assert.equal(result.pathway, pathway)
      assert.ok(result.providerId)
    })
  }

  it('explains why', () => {
    const result = route({ ...adult, crimeCategory: 'rape' }, defaultRoutingRuleSet, emptyLoads)
    assert.equal(
      result.explanation,
      'Rule sexual-violence (Rape or other sexual offence) matched because crime category rape: ' +
        'sexual_violence pathway, targeted offer, offered to rosa-isva.',
    )
  })
})

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

describe('validateRoutingRuleSet', () => {
  const clone = (): Record<string, unknown> & { rules: Record<string, unknown>[] } =>
    structuredClone(defaultRoutingRuleSet) as unknown as Record<string, unknown> & {
      rules: Record<string, unknown>[]
    }
  const lastIndex = defaultRoutingRuleSet.rules.length - 1
  const burglary = defaultRoutingRuleSet.rules.findIndex((r) => r.id === 'burglary')

  const cases: [
    label: string,
    mutate: (rs: ReturnType<typeof clone>) => unknown,
    field: string,
    message: RegExp,
  ][] = [
    ['not an object', () => 'rules', '(root)', /object/],
    ['a bad id', (rs) => ({ ...rs, id: 'Default Rules' }), 'id', /lower-case/],
    ['version 0', (rs) => ({ ...rs, version: 0 }), 'version', /./],
    ['a bad date', (rs) => ({ ...rs, effectiveFrom: '2026-02-30' }), 'effectiveFrom', /YYYY-MM-DD/],
    ['no rules', (rs) => ({ ...rs, rules: [] }), 'rules', /at least one rule/],
    [
      'an unknown pathway',
      (rs) => {
        ;(rs.rules[burglary]?.outcome as Record<string, unknown>).pathway = 'astrology'
        return rs
      },
      `rules.${burglary}.outcome.pathway`,
      /unknown pathway/,
    ],
    [
      'an unknown crime category',
      (rs) => {
        ;(rs.rules[burglary]?.when as Record<string, unknown>).crimeCategories = ['burglary_residental']
        return rs
      },
      `rules.${burglary}.when.crimeCategories.0`,
      /unknown crime category/,
    ],
    [
      'an empty category list',
      (rs) => {
        ;(rs.rules[burglary]?.when as Record<string, unknown>).crimeCategories = []
        return rs
      },
      `rules.${burglary}.when.crimeCategories`,
      /at least one/,
    ],
    [
      'an unknown flag',
      (rs) => {
        ;(rs.rules[burglary]?.when as Record<string, unknown>).flagsAll = ['posh']
        return rs
      },
      `rules.${burglary}.when.flagsAll.0`,
      /must be one of/,
    ],
    [
      'an unknown condition',
      (rs) => {
        ;(rs.rules[burglary]?.when as Record<string, unknown>).moonPhase = 'full'
        return rs
      },
      `rules.${burglary}.when`,
      /moonPhase/,
    ],
    [
      'age min above max',
      (rs) => {
        ;(rs.rules[burglary]?.when as Record<string, unknown>).age = { min: 30, max: 20 }
        return rs
      },
      `rules.${burglary}.when.age.min`,
      /not be more than max/,
    ],
    [
      'a bad needs level',
      (rs) => {
        ;(rs.rules[burglary]?.when as Record<string, unknown>).needs = { atLeast: 'extreme' }
        return rs
      },
      `rules.${burglary}.when.needs.atLeast`,
      /must be one of/,
    ],
    [
      'a bad offer',
      (rs) => {
        ;(rs.rules[burglary]?.outcome as Record<string, unknown>).offer = 'premium'
        return rs
      },
      `rules.${burglary}.outcome.offer`,
      /targeted or universal/,
    ],
    [
      'no providers',
      (rs) => {
        ;(rs.rules[burglary]?.outcome as Record<string, unknown>).providers = []
        return rs
      },
      `rules.${burglary}.outcome.providers`,
      /at least one/,
    ],
    [
      'an unknown provider',
      (rs) => {
        ;(rs.rules[burglary]?.outcome as Record<string, unknown>).providers = ['acme-support']
        return rs
      },
      `rules.${burglary}.outcome.providers.0`,
      /no provider acme-support/,
    ],
    [
      'a provider on the wrong pathway',
      (rs) => {
        ;(rs.rules[burglary]?.outcome as Record<string, unknown>).providers = ['refuge-da']
        return rs
      },
      `rules.${burglary}.outcome.providers.0`,
      /serves domestic_abuse, not burglary/,
    ],
    [
      'a provider twice',
      (rs) => {
        ;(rs.rules[burglary]?.outcome as Record<string, unknown>).providers = [
          'victim-support-burglary',
          'victim-support-burglary',
        ]
        return rs
      },
      `rules.${burglary}.outcome.providers.1`,
      /listed twice/,
    ],
    [
      'a repeated rule id',
      (rs) => {
        ;(rs.rules[burglary] as Record<string, unknown>).id = 'fraud'
        return rs
      },
      `rules.${burglary}.id`,
      /repeats rules\.\d+\.id/,
    ],
    [
      'no catch-all at the end',
      (rs) => ({ ...rs, rules: rs.rules.slice(0, -1) }),
      `rules.${lastIndex - 1}.when`,
      /last rule must have no conditions/,
    ],
    [
      'a blank description',
      (rs) => {
        ;(rs.rules[0] as Record<string, unknown>).description = ' '
        return rs
      },
      'rules.0.description',
      /blank/,
    ],
  ]
  for (const [label, mutate, field, message] of cases) {
    it(`${label} -> ${field}`, () => {
      const result = validateRoutingRuleSet(mutate(clone()))
      assert.equal(result.ok, false)
      const errors = result.ok ? [] : result.errors
      const error = errors.find((e) => e.field === field)
      assert.ok(error, `expected an error on ${field}, got ${JSON.stringify(errors)}`)
      assert.match(error.message, message)
    })
  }

  it('accepts a valid edited rule set and returns it typed', () => {
    const rs = clone()
    rs.rules.unshift({
      id: 'rural-district',
      description: 'Everything in Stratford-on-Avon goes to the rural co-ordinators',
      when: { districts: ['Stratford-on-Avon'] },
      outcome: { pathway: 'rural_crime', providers: ['rural-crime-coordinators'], offer: 'targeted' },
    })
    const result = validateRoutingRuleSet(rs)
    assert.ok(result.ok)
    assert.equal(
      route({ ...adult, district: 'Stratford-on-Avon' }, result.ruleSet, emptyLoads).pathway,
      'rural_crime',
    )
  })
})
