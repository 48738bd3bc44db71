import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRoutingRuleSet } from './default-routing-rules.ts'
import { PATHWAY_IDS, PATHWAYS, type PathwayId, PROVIDERS, SEEDED_DIRECTORY } from './pathways.ts'
import { capacitySnapshot, type RoutingFacts, route } from './routing.ts'
import { validateRoutingRuleSet } from './routing-validation.ts'

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
