// Enhanced Rights under the Code of Practice for Victims of Crime in England and Wales (2020 Code, in
// force 1 April 2021), as the hub's police referral feed spec encodes them ("Enhanced rights").
// The spec is followed exactly; the suggestions at the end are the only additions, and they never
// set a reason on their own.
import type { EntitlementRuleSet } from '../rule-types.ts'

/** Categories the spec marks "most serious crime" (domestic abuse and hate crime flags add any category). */
export const MOST_SERIOUS_CATEGORIES = [
  'homicide',
  'death_by_driving',
  'attempted_murder',
  'gbh_with_intent',
  'kidnap_false_imprisonment',
  'rape',
  'sexual_offence_other',
  'human_trafficking',
  'terrorism',
  'arson_endangering_life',
] as const

/** Victims of sexual offences and trafficking are automatically intimidated (Code, mirroring YJCEA 1999 s.17). */
export const AUTOMATICALLY_INTIMIDATED_CATEGORIES = [
  'rape',
  'sexual_offence_other',
  'human_trafficking',
] as const

/**
 * Repeat-victim threshold for suggesting "persistently targeted": this crime plus at least two others
 * against the same matched victim in the 12 months to reported_at. Three events in twelve months is
 * the common-practice escalation threshold in domestic abuse risk work (SafeLives MARAC "potential
 * escalation"), the nearest published number; the Code itself gives none.
 */
export const REPEAT_VICTIM_SUGGESTION_THRESHOLD = 3

export const victimsCode2020: EntitlementRuleSet = {
  version: 'victims-code-2020@1',
  title: 'Code of Practice for Victims of Crime in England and Wales (2020), Enhanced Rights',
  inForceFrom: '2021-04-01',
  rules: [
    {
      reason: 'most_serious_crime',
      anyOf: [
        { kind: 'crime_category_in', categories: MOST_SERIOUS_CATEGORIES },
        { kind: 'flag_is_yes', flag: 'domesticAbuse' },
        { kind: 'flag_is_yes', flag: 'hateCrime' },
      ],
      basis: 'feed spec "Crime categories" (most serious = yes), domestic_abuse=Y, hate_crime=Y',
    },
    {
      reason: 'vulnerable',
      anyOf: [
        { kind: 'flag_is_yes', flag: 'vulnerable' },
        { kind: 'under_age', years: 18 },
        { kind: 'vulnerability_reason_in', reasons: ['under_18'] },
        { kind: 'victim_type_in', types: ['parent_guardian'] },
      ],
      basis:
        'feed spec: vulnerable=Y or under 18 (by date_of_birth at the London date of reported_at, ' +
        'vulnerability_reasons under_18, or victim_type parent_guardian)',
    },
    {
      reason: 'intimidated',
      anyOf: [
        { kind: 'flag_is_yes', flag: 'intimidated' },
        { kind: 'crime_category_in', categories: AUTOMATICALLY_INTIMIDATED_CATEGORIES },
      ],
      basis: 'feed spec: intimidated=Y; automatically for rape, sexual_offence_other, human_trafficking',
    },
    {
      reason: 'persistently_targeted',
      anyOf: [{ kind: 'flag_is_yes', flag: 'persistentlyTargeted' }],
      basis: 'feed spec: persistently_targeted=Y only; the hub suggests, never sets',
    },
    {
      reason: 'bereaved',
      anyOf: [
        { kind: 'victim_type_in', types: ['bereaved_relative'] },
        {
          kind: 'all_of',
          conditions: [
            { kind: 'victim_type_in', types: ['family_spokesperson'] },
            { kind: 'crime_category_in', categories: ['homicide', 'death_by_driving'] },
          ],
        },
      ],
      basis: 'feed spec: bereaved_relative, or family_spokesperson on homicide or death_by_driving',
    },
  ],
  suggestions: [
    {
      code: 'consider_persistently_targeted:repeat_victim',
      when: { kind: 'repeat_count_at_least', count: REPEAT_VICTIM_SUGGESTION_THRESHOLD },
      unlessReasons: ['persistently_targeted'],
      message:
        `The hub has ${REPEAT_VICTIM_SUGGESTION_THRESHOLD} or more crimes against this victim in 12 months: ` +
        'consider whether they are persistently targeted.',
    },
    {
      code: 'consider_persistently_targeted:stalking_harassment',
      when: { kind: 'crime_category_in', categories: ['stalking_harassment'] },
      unlessReasons: ['persistently_targeted'],
      message:
        'Stalking and harassment are sustained by nature: consider whether the victim is persistently targeted.',
    },
    {
      code: 'consider_vulnerable:vulnerability_reasons',
      when: {
        kind: 'vulnerability_reason_in',
        reasons: ['mental_disorder', 'learning_disability', 'physical_disability', 'other'],
      },
      unlessReasons: ['vulnerable'],
      message:
        'Vulnerability reasons are recorded but the referral does not say vulnerable=Y: check with the victim ' +
        'and the officer whether they are vulnerable.',
    },
  ],
}
