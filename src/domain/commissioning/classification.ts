/**
 * police.uk `Crime type` values and the Home Office grouping the needs assessment uses.
 *
 * The Home Office splits police recorded crime into "victim-based crime" (offences with a direct victim:
 * violence against the person, sexual offences, robbery, theft offences, criminal damage and arson) and
 * "other crimes against society" (drug offences, possession of weapons, public order offences and
 * miscellaneous crimes against society). police.uk publishes anti-social behaviour in the same files, but
 * ASB is an incident, not a notifiable crime, so it is a third group that is never added to crime totals.
 *
 * Mapping of police.uk categories:
 * - Violence and sexual offences, Robbery, Burglary, Vehicle crime, Theft from the person, Bicycle theft,
 *   Shoplifting, Other theft, Criminal damage and arson -> victim-based.
 * - Drugs, Possession of weapons, Public order, Other crime -> other crimes against society. police.uk
 *   describes Other crime as "forgery, perjury and other miscellaneous crime", which is the Home Office
 *   "miscellaneous crimes against society" group.
 * - Anti-social behaviour -> ASB.
 * - Two categories used before May 2013 are accepted so that old archive files import too:
 *   "Violent crime" (victim-based) and "Public disorder and weapons" (against society).
 */

export type CrimeCategory = 'victim-based' | 'society' | 'asb'

export const CRIME_CATEGORIES: readonly CrimeCategory[] = ['victim-based', 'society', 'asb']

export const CATEGORY_LABELS: Readonly<Record<CrimeCategory, string>> = {
  'victim-based': 'Victim-based crime',
  society: 'Other crimes against society',
  asb: 'Anti-social behaviour (incidents)',
}

/** The 14 categories police.uk publishes today, in the order the report lists them. */
export const CURRENT_CRIME_TYPES = [
  'Violence and sexual offences',
  'Criminal damage and arson',
  'Burglary',
  'Robbery',
  'Vehicle crime',
  'Theft from the person',
  'Bicycle theft',
  'Shoplifting',
  'Other theft',
  'Drugs',
  'Possession of weapons',
  'Public order',
  'Other crime',
  'Anti-social behaviour',
] as const

const HISTORIC_CRIME_TYPES = ['Violent crime', 'Public disorder and weapons'] as const

export type PoliceUkCrimeType = (typeof CURRENT_CRIME_TYPES)[number] | (typeof HISTORIC_CRIME_TYPES)[number]

const CATEGORY_OF: ReadonlyMap<string, CrimeCategory> = new Map<string, CrimeCategory>([
  ['Violence and sexual offences', 'victim-based'],
  ['Criminal damage and arson', 'victim-based'],
  ['Burglary', 'victim-based'],
  ['Robbery', 'victim-based'],
  ['Vehicle crime', 'victim-based'],
  ['Theft from the person', 'victim-based'],
  ['Bicycle theft', 'victim-based'],
  ['Shoplifting', 'victim-based'],
  ['Other theft', 'victim-based'],
  ['Violent crime', 'victim-based'],
  ['Drugs', 'society'],
  ['Possession of weapons', 'society'],
  ['Public order', 'society'],
  ['Other crime', 'society'],
  ['Public disorder and weapons', 'society'],
  ['Anti-social behaviour', 'asb'],
])

/** Theft offences as the source counts them ("18,520 (50%) theft offences"). */
export const THEFT_CRIME_TYPES: ReadonlySet<string> = new Set([
  'Burglary',
  'Vehicle crime',
  'Theft from the person',
  'Bicycle theft',
  'Shoplifting',
  'Other theft',
])

export function isKnownCrimeType(value: string): value is PoliceUkCrimeType {
  return CATEGORY_OF.has(value)
}

/** The category of a police.uk crime type, or undefined when police.uk has never published that name. */
export function classifyCrimeType(crimeType: string): CrimeCategory | undefined {
  return CATEGORY_OF.get(crimeType)
}

export function allKnownCrimeTypes(): string[] {
  return [...CATEGORY_OF.keys()]
}

/** Orders crime types as the report does: current police.uk order first, then anything else by name. */
export function compareCrimeTypes(a: string, b: string): number {
  const order = CURRENT_CRIME_TYPES as readonly string[]
  const ia = order.indexOf(a)
  const ib = order.indexOf(b)
  if (ia >= 0 && ib >= 0) return ia - ib
  if (ia >= 0) return -1
  if (ib >= 0) return 1
  return a.localeCompare(b, 'en')
}
