/**
 * Every rate, share and scenario the needs assessment uses, each with the words it came from. The report
 * prints these beside the results; a commissioner can override any of them by key (CLI `--assume key=value`,
 * or the staff page form) and the report says which values were changed.
 */

export type AssumptionUnit = 'share' | 'ratio' | 'count' | 'month'

export interface Assumption {
  key: AssumptionKey
  label: string
  value: number | string
  unit: AssumptionUnit
  /** Where the value comes from, quoted where possible. */
  source: string
}

const SOURCE = 'Warwickshire Victim Needs Assessment, Executive Summary (March 2018)'

// The source's recorded-crime split for the 12 months to September 2017: 1,532 sexual offences and
// 11,896 violence against the person. police.uk merges the two, so this is the sexual-offence share of them.
const SEXUAL_SHARE = 1_532 / (1_532 + 11_896)

export const DEFAULT_ASSUMPTIONS = {
  repeatVictimShare: {
    label: 'Share of crimes that happen to repeat victims',
    value: 0.21,
    unit: 'share',
    source: `${SOURCE}: "Around 21% of these crimes are estimated to happen to people who have been a victim at least twice within the last 12 months."`,
  },
  unreportedShare: {
    label: 'Share of crime not reported to the police (all crime types except sexual offences)',
    value: 0.6,
    unit: 'share',
    source: `${SOURCE}: "It is estimated that 60% of crimes are not reported to the police."`,
  },
  unreportedShareSexual: {
    label: 'Share of sexual offences not reported to the police',
    value: 0.85,
    unit: 'share',
    source: `${SOURCE}: "some studies identifying 80-90% of victims never disclosing abuse" (midpoint used; males up to 95%).`,
  },
  sexualShareOfViolenceAndSexual: {
    label: 'Share of police.uk "Violence and sexual offences" that are sexual offences',
    value: SEXUAL_SHARE,
    unit: 'share',
    source: `${SOURCE}: 1,532 sexual offences and 11,896 violence against the person in the 12 months to September 2017; 1,532 / 13,428.`,
  },
  supportShareDefault: {
    label: 'Share of victims wanting support (all other crime types; low scenario for every type)',
    value: 0.2,
    unit: 'share',
    source: `${SOURCE}: "A study by Victim Support found that only 1 in 5 victims want some form of support."`,
  },
  supportShareBurglary: {
    label: 'Share of burglary victims wanting support',
    value: 1 / 3,
    unit: 'share',
    source: `${SOURCE}: "1 in 3 victims of burglary ... wanting some form of support".`,
  },
  supportShareSexual: {
    label: 'Share of sexual offence victims wanting support',
    value: 0.5,
    unit: 'share',
    source: `${SOURCE}: "1 in 2 of sexual offence victims wanting some form of support".`,
  },
  supportShareHigh: {
    label: 'Share of victims wanting support, high scenario',
    value: 0.6,
    unit: 'share',
    source: `${SOURCE}: "up to 60% of victims can be adversely affected psychologically by the crime and require support".`,
  },
  referralsPerUniqueVictim: {
    label: 'Referrals to the general victim service per unique victim',
    value: 20_000 / 24_000,
    unit: 'ratio',
    source: `${SOURCE}: recommendation 4.2 allows for "an estimated 20,000 referrals" against "around 24,000 unique victims this year"; 20,000 / 24,000.`,
  },
  specialistPlacesPerSexualOffence: {
    label: 'Specialist sexual violence and CSE places per recorded sexual offence',
    value: 2_350 / 1_497,
    unit: 'ratio',
    source: `${SOURCE}: recommendation 4.2 "a minimum of 1,500 adults and 850 young people" against a forecast of "1,497 SAV offences"; 2,350 / 1,497.`,
  },
  commissionedReferrals: {
    label: 'Commissioned capacity: referrals to the general victim service a year',
    value: 20_000,
    unit: 'count',
    source: `${SOURCE}: recommendation 4.2. Replace with the current contract's figure.`,
  },
  commissionedInterventions: {
    label: 'Commissioned capacity: victims given an intervention a year',
    value: 5_000,
    unit: 'count',
    source: `${SOURCE}: recommendation 4.2 "around 5,000 of these requiring an intervention". Replace with the current contract's figure.`,
  },
  commissionedSpecialistPlaces: {
    label: 'Commissioned capacity: specialist sexual violence and CSE places a year',
    value: 2_350,
    unit: 'count',
    source: `${SOURCE}: recommendation 4.2, 1,500 adults + 850 young people. Replace with the current contracts' figures.`,
  },
  sourceForecastGrowth: {
    label: "The source's forecast growth in victim-based crime (comparison only)",
    value: 0.14,
    unit: 'share',
    source: `${SOURCE}: "an increase of 14% in victim-based crimes on the previous year, rising to 30,855".`,
  },
  forecastIntervalLevel: {
    label: 'Coverage of the forecast prediction interval',
    value: 0.95,
    unit: 'share',
    source: 'Victim Hub method choice: a 95% interval, the usual convention for planning ranges.',
  },
  forecastDefaultDriftSd: {
    label: "Uncertainty of next year's level change when history cannot show it (share of the level, one SD)",
    value: 0.1,
    unit: 'share',
    source:
      'Victim Hub method choice, used only when fewer than 3 months are observed exactly a year apart; otherwise the observed year-on-year changes set it.',
  },
  homeDistrictMinShare: {
    label: "Smallest share of a force's located rows for a district to count as inside the force area",
    value: 0.01,
    unit: 'share',
    source:
      'Victim Hub method choice. police.uk files include crimes recorded by the force but located elsewhere; in the Warwickshire files the largest outside district (Coventry) holds 0.6% of rows and the smallest home district 15%.',
  },
  lsoa21FirstMonth: {
    label: 'First month whose LSOA codes are read as 2021 LSOAs when the code alone cannot tell',
    value: '2023-01',
    unit: 'month',
    source:
      'Victim Hub method choice. The police.uk files here use 2011 LSOAs up to 2019-02 and 2021 LSOAs from 2024-01; any file containing a code created in 2021 is read as 2021 whatever its month.',
  },
} as const satisfies Record<string, Omit<Assumption, 'key'>>

export type AssumptionKey = keyof typeof DEFAULT_ASSUMPTIONS

export type AssumptionValues = {
  [K in AssumptionKey]: (typeof DEFAULT_ASSUMPTIONS)[K]['value'] extends number ? number : string
}

export interface ResolvedAssumptions {
  values: AssumptionValues
  /** Every assumption with its value in force and whether it was changed from the default. */
  list: Array<Assumption & { changed: boolean; defaultValue: number | string }>
}

export function isAssumptionKey(key: string): key is AssumptionKey {
  return Object.hasOwn(DEFAULT_ASSUMPTIONS, key)
}

/** An assumption the user gave that cannot be used; the message names it and says why. */
export class AssumptionError extends Error {
  override name = 'AssumptionError'
}

/**
 * Applies overrides to the defaults. Shares must lie in [0, 1] (and below 1 where the method divides by
 * 1 - share), counts and ratios must be non-negative, months YYYY-MM. Throws with every problem listed.
 */
export function resolveAssumptions(
  overrides: Partial<Record<string, number | string>> = {},
): ResolvedAssumptions {
  const errors: string[] = []
  const values: Record<string, number | string> = {}
  for (const key of Object.keys(overrides)) {
    if (!isAssumptionKey(key)) errors.push(`unknown assumption "${key}"`)
  }
  const list: ResolvedAssumptions['list'] = []
  for (const [key, def] of Object.entries(DEFAULT_ASSUMPTIONS) as Array<
    [AssumptionKey, Omit<Assumption, 'key'>]
  >) {
    const raw = overrides[key]
    let value: number | string = def.value
    if (raw !== undefined) {
      if (def.unit === 'month') {
        const text = String(raw)
        if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) value = text
        else errors.push(`${key} must be a month YYYY-MM, got "${text}"`)
      } else {
        const n = typeof raw === 'number' ? raw : Number(String(raw).trim())
        if (!Number.isFinite(n) || n < 0) errors.push(`${key} must be a non-negative number, got "${raw}"`)
        else if (def.unit === 'share' && n > 1)
          errors.push(`${key} is a share and must be between 0 and 1, got ${n}`)
        else if ((key === 'unreportedShare' || key === 'unreportedShareSexual') && n >= 1)
          errors.push(`${key} must be below 1 (the method divides by 1 - ${key})`)
        else if (key === 'forecastIntervalLevel' && (n <= 0 || n >= 1))
          errors.push(`${key} must be between 0 and 1, got ${n}`)
        else value = n
      }
    }
    values[key] = value
    list.push({ key, ...def, value, defaultValue: def.value, changed: value !== def.value })
  }
  if (errors.length > 0) throw new AssumptionError(`Invalid assumptions: ${errors.join('; ')}`)
  return { values: values as AssumptionValues, list }
}

/** Parses CLI-style "key=value" pairs. */
export function parseAssumptionArgs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new AssumptionError(`assumption "${pair}" must look like key=value`)
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim()
  }
  return out
}
