import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CRIME_CATEGORIES,
  type CrimeCategory,
  type EnhancedReason,
  VICTIM_TYPES,
  type VictimType,
  VULNERABILITY_REASONS,
} from './codes.ts'
import { assessEntitlements, type EntitlementFacts } from './entitlements.ts'
import { REPEAT_VICTIM_SUGGESTION_THRESHOLD, victimsCode2020 } from './rules/victims-code-2020.ts'

const base: EntitlementFacts = {
  crimeCategory: 'other_theft',
  domesticAbuse: 'N',
  hateCrime: 'N',
  vulnerable: 'N',
  vulnerabilityReasons: [],
  intimidated: 'N',
  persistentlyTargeted: 'N',
  victimType: 'direct',
  dateOfBirth: '1980-05-05',
  reportedAt: '2026-06-10T10:00:00+01:00',
  repeatVictimCount12m: 1,
}

const assess = (overrides: Partial<EntitlementFacts>) =>
  assessEntitlements({ ...base, ...overrides }, victimsCode2020)

// Written out by hand from the spec's table, not derived from the rule data, so a slip in either shows.
const expectedByCategory: Record<CrimeCategory, EnhancedReason[]> = {
  homicide: ['most_serious_crime'],
  death_by_driving: ['most_serious_crime'],
  attempted_murder: ['most_serious_crime'],
  gbh_with_intent: ['most_serious_crime'],
  violence_with_injury: [],
  violence_without_injury: [],
  stalking_harassment: [],
  kidnap_false_imprisonment: ['most_serious_crime'],
  rape: ['most_serious_crime', 'intimidated'],
  sexual_offence_other: ['most_serious_crime', 'intimidated'],
  human_trafficking: ['most_serious_crime', 'intimidated'],
  terrorism: ['most_serious_crime'],
  robbery: [],
  burglary_residential: [],
  burglary_business: [],
  vehicle_crime: [],
  theft_from_person: [],
  bicycle_theft: [],
  shoplifting: [],
  other_theft: [],
  arson_endangering_life: ['most_serious_crime'],
  criminal_damage_arson: [],
  fraud: [],
  computer_misuse: [],
  public_order: [],
  other: [],
}

describe('assessEntitlements: every crime category (adult direct victim, no flags)', () => {
  it('the table covers every category', () => {
    assert.deepEqual(Object.keys(expectedByCategory).sort(), [...CRIME_CATEGORIES].sort())
  })
  for (const category of CRIME_CATEGORIES) {
    const expected = expectedByCategory[category]
    it(`${category} -> ${expected.join(', ') || 'not enhanced'}`, () => {
      const result = assess({ crimeCategory: category })
      assert.deepEqual(result.reasons, expected)
      assert.equal(result.enhanced, expected.length > 0)
      assert.equal(result.ruleSetVersion, 'victims-code-2020@1')
    })
  }
})

describe('assessEntitlements: domestic abuse and hate crime make any category most serious', () => {
  for (const category of CRIME_CATEGORIES) {
    for (const flag of ['domesticAbuse', 'hateCrime'] as const) {
      it(`${category} + ${flag}=Y`, () => {
        const result = assess({ crimeCategory: category, [flag]: 'Y' })
        assert.ok(result.reasons.includes('most_serious_crime'))
        assert.equal(result.enhanced, true)
      })
    }
  }
})

describe('assessEntitlements: each flag', () => {
  const cases: [flag: keyof EntitlementFacts, reason: EnhancedReason][] = [
    ['domesticAbuse', 'most_serious_crime'],
    ['hateCrime', 'most_serious_crime'],
    ['vulnerable', 'vulnerable'],
    ['intimidated', 'intimidated'],
    ['persistentlyTargeted', 'persistently_targeted'],
  ]
  for (const [flag, reason] of cases) {
    it(`${flag}=Y -> ${reason}`, () => assert.deepEqual(assess({ [flag]: 'Y' }).reasons, [reason]))
    it(`${flag}=N -> nothing`, () => assert.deepEqual(assess({ [flag]: 'N' }).reasons, []))
    it(`${flag}=U -> nothing (unknown is not yes)`, () =>
      assert.deepEqual(assess({ [flag]: 'U' }).reasons, []))
    it(`${flag} absent -> nothing`, () => {
      const { [flag]: _omitted, ...rest } = base
      assert.deepEqual(assessEntitlements(rest as EntitlementFacts, victimsCode2020).reasons, [])
    })
  }

  it('all flags at once gives every reason except bereaved, in canonical order', () => {
    const result = assess({
      domesticAbuse: 'Y',
      hateCrime: 'Y',
      vulnerable: 'Y',
      intimidated: 'Y',
      persistentlyTargeted: 'Y',
    })
    assert.deepEqual(result.reasons, [
      'most_serious_crime',
      'vulnerable',
      'intimidated',
      'persistently_targeted',
    ])
  })
})

describe('assessEntitlements: vulnerability reasons', () => {
  for (const reason of VULNERABILITY_REASONS) {
    const makesVulnerable = reason === 'under_18'
    it(`${reason} ${makesVulnerable ? 'makes' : 'does not by itself make'} the victim vulnerable`, () => {
      const result = assess({ vulnerabilityReasons: [reason] })
      assert.deepEqual(result.reasons, makesVulnerable ? ['vulnerable'] : [])
      assert.deepEqual(
        result.suggestions,
        makesVulnerable ? [] : ['consider_vulnerable:vulnerability_reasons'],
      )
    })
  }

  it('no suggestion when the flag already says vulnerable', () => {
    const result = assess({ vulnerable: 'Y', vulnerabilityReasons: ['mental_disorder'] })
    assert.deepEqual(result.reasons, ['vulnerable'])
    assert.deepEqual(result.suggestions, [])
  })
})

describe('assessEntitlements: every victim type', () => {
  const expected: Record<
    VictimType,
    Partial<Record<'homicide' | 'death_by_driving' | 'robbery', EnhancedReason[]>>
  > = {
    direct: { homicide: ['most_serious_crime'], death_by_driving: ['most_serious_crime'], robbery: [] },
    bereaved_relative: {
      homicide: ['most_serious_crime', 'bereaved'],
      death_by_driving: ['most_serious_crime', 'bereaved'],
      robbery: ['bereaved'],
    },
    parent_guardian: {
      homicide: ['most_serious_crime', 'vulnerable'],
      death_by_driving: ['most_serious_crime', 'vulnerable'],
      robbery: ['vulnerable'],
    },
    family_spokesperson: {
      homicide: ['most_serious_crime', 'bereaved'],
      death_by_driving: ['most_serious_crime', 'bereaved'],
      robbery: [],
    },
    business_contact: {
      homicide: ['most_serious_crime'],
      death_by_driving: ['most_serious_crime'],
      robbery: [],
    },
  }
  it('the table covers every victim type', () =>
    assert.deepEqual(Object.keys(expected).sort(), [...VICTIM_TYPES].sort()))
  for (const victimType of VICTIM_TYPES) {
    for (const [category, reasons] of Object.entries(expected[victimType])) {
      it(`${victimType} on ${category} -> ${reasons.join(', ') || 'not enhanced'}`, () => {
        assert.deepEqual(assess({ victimType, crimeCategory: category as CrimeCategory }).reasons, reasons)
      })
    }
  }
})

describe('assessEntitlements: under 18 at the London date of reported_at', () => {
  const cases: [label: string, dob: string | null, reportedAt: string, vulnerable: boolean][] = [
    ['17 years 364 days', '2008-06-11', '2026-06-10T10:00:00+01:00', true],
    ['18th birthday', '2008-06-10', '2026-06-10T10:00:00+01:00', false],
    ['18th birthday at 00:00 London', '2008-06-10', '2026-06-10T00:00:00+01:00', false],
    ['day before 18th birthday at 23:59 London', '2008-06-10', '2026-06-09T23:59:59+01:00', true],
    // 23:30Z on 9 June is 00:30 BST on 10 June: already 18 in London, though not yet in UTC.
    ['18th birthday in London, still the day before in UTC', '2008-06-10', '2026-06-09T23:30:00Z', false],
    ['date-time without offset is London time', '2008-06-10', '2026-06-10T00:30:00', false],
    ['bare date', '2008-06-10', '2026-06-10', false],
    ['born 29 Feb, on 28 Feb of a common year', '2008-02-29', '2026-02-28T12:00:00Z', true],
    ['born 29 Feb, 18 on 1 March of a common year', '2008-02-29', '2026-03-01T00:00:00Z', false],
    ['born 29 Feb, 28 Feb 23:59 GMT', '2008-02-29', '2026-02-28T23:59:59Z', true],
    ['born 1 March, 28 Feb', '2008-03-01', '2026-02-28T12:00:00Z', true],
    ['born 28 Feb, 28 Feb', '2008-02-28', '2026-02-28T12:00:00Z', false],
    ['child of 10', '2016-01-01', '2026-06-10T10:00:00+01:00', true],
    ['adult', '1980-01-01', '2026-06-10T10:00:00+01:00', false],
    ['no date of birth', null, '2026-06-10T10:00:00+01:00', false],
  ]
  for (const [label, dateOfBirth, reportedAt, vulnerable] of cases) {
    it(`${label}: ${dateOfBirth} at ${reportedAt} -> ${vulnerable ? 'vulnerable' : 'not vulnerable'}`, () => {
      const result = assess({ dateOfBirth, reportedAt })
      assert.deepEqual(result.reasons, vulnerable ? ['vulnerable'] : [])
    })
  }

  it('under 18 overrides vulnerable=N (all children are eligible)', () => {
    assert.deepEqual(assess({ dateOfBirth: '2016-01-01', vulnerable: 'N' }).reasons, ['vulnerable'])
  })

  it('accepts a Date for reportedAt', () => {
    assert.deepEqual(
      assess({ dateOfBirth: '2008-06-10', reportedAt: new Date('2026-06-09T23:30:00Z') }).reasons,
      [],
    )
  })
})

describe('assessEntitlements: persistently targeted is suggested, never set, from the repeat count', () => {
  for (const [count, suggested] of [
    [null, false],
    [0, false],
    [1, false],
    [REPEAT_VICTIM_SUGGESTION_THRESHOLD - 1, false],
    [REPEAT_VICTIM_SUGGESTION_THRESHOLD, true],
    [12, true],
  ] as const) {
    it(`${count} crimes in 12 months -> ${suggested ? 'suggest' : 'no suggestion'}`, () => {
      const result = assess({ repeatVictimCount12m: count })
      assert.deepEqual(result.reasons, [])
      assert.equal(result.enhanced, false)
      assert.deepEqual(result.suggestions, suggested ? ['consider_persistently_targeted:repeat_victim'] : [])
    })
  }

  it('no suggestion once the flag is Y', () => {
    const result = assess({ repeatVictimCount12m: 5, persistentlyTargeted: 'Y' })
    assert.deepEqual(result.reasons, ['persistently_targeted'])
    assert.deepEqual(result.suggestions, [])
  })

  it('stalking and harassment prompt the question too', () => {
    const result = assess({ crimeCategory: 'stalking_harassment' })
    assert.equal(result.enhanced, false)
    assert.deepEqual(result.suggestions, ['consider_persistently_targeted:stalking_harassment'])
  })

  it('the threshold is 3', () => assert.equal(REPEAT_VICTIM_SUGGESTION_THRESHOLD, 3))
})

describe('assessEntitlements: combinations', () => {
  it('bereaved relative in a homicide who is also a child', () => {
    const result = assess({
      crimeCategory: 'homicide',
      victimType: 'bereaved_relative',
      dateOfBirth: '2012-01-01',
    })
    assert.deepEqual(result.reasons, ['most_serious_crime', 'vulnerable', 'bereaved'])
  })

  it('a rape victim under 18 who is domestic abuse and repeatedly targeted', () => {
    const result = assess({
      crimeCategory: 'rape',
      domesticAbuse: 'Y',
      dateOfBirth: '2010-01-01',
      repeatVictimCount12m: 4,
    })
    assert.deepEqual(result.reasons, ['most_serious_crime', 'vulnerable', 'intimidated'])
    assert.deepEqual(result.suggestions, ['consider_persistently_targeted:repeat_victim'])
  })

  it('an ordinary adult burglary is not enhanced', () => {
    assert.deepEqual(assess({ crimeCategory: 'burglary_residential' }), {
      enhanced: false,
      reasons: [],
      suggestions: [],
      ruleSetVersion: 'victims-code-2020@1',
    })
  })

  it('throws on an invalid reportedAt (callers validate first)', () => {
    assert.throws(() => assess({ reportedAt: 'not a date' }), RangeError)
  })
})
