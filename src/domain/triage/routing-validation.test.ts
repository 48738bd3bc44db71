import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultRoutingRuleSet } from './default-routing-rules.ts'
import { SEEDED_DIRECTORY } from './pathways.ts'
import { capacitySnapshot, type RoutingFacts, route } from './routing.ts'
import { validateRoutingRuleSet } from './routing-validation.ts'

const emptyLoads = capacitySnapshot(SEEDED_DIRECTORY, {})
const adult: RoutingFacts = { crimeCategory: 'other_theft', age: 40 }

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
