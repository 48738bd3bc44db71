// Find support: from what someone tells us (what happened, age, where they live, how they would like
// support, whether they are in danger) to the listed services that fit, each with the reasons it fits.
// Pure: the directory is passed in, and nothing about the person is kept.
import type { PublicDirectoryService, SupportTopic } from './entries.ts'
import { servesDistrict } from './places.ts'

export const RATHER_NOT_SAY = 'rather_not_say'
export const WAYS = ['phone', 'online', 'in_person'] as const
export type Way = (typeof WAYS)[number]

export interface FindSupportAnswers {
  readonly topic: SupportTopic | typeof RATHER_NOT_SAY
  /** null: not given */
  readonly age: number | null
  /** postcode district, null: not given */
  readonly district: string | null
  /** empty: no preference */
  readonly ways: readonly Way[]
  readonly inDanger: boolean
}

export type Reason =
  | { readonly kind: 'topic'; readonly topic: SupportTopic }
  | { readonly kind: 'any_crime' }
  | { readonly kind: 'age'; readonly minimumAge: number | null; readonly maximumAge: number | null }
  | { readonly kind: 'area'; readonly district: string }
  | { readonly kind: 'county' }
  | { readonly kind: 'national' }
  | { readonly kind: 'open_24_hours' }
  | { readonly kind: 'way'; readonly way: Way }

export interface Match {
  readonly service: PublicDirectoryService
  readonly reasons: readonly Reason[]
  /** they can ask for it through the hub's own form */
  readonly canReferYourself: boolean
}

const waysOf = (s: PublicDirectoryService): Way[] => [
  ...(s.accessMethods.includes('phone') && s.phone ? (['phone'] as const) : []),
  ...(s.accessMethods.some((m) => m === 'online' || m === 'refer_yourself') ? (['online'] as const) : []),
  ...(s.locations.length > 0 ? (['in_person'] as const) : []),
]

const fitsAge = (s: PublicDirectoryService, age: number) =>
  (s.minimumAge === null || age >= s.minimumAge) && (s.maximumAge === null || age <= s.maximumAge)

/** Why one service fits these answers, or null when it does not. */
export function whyItFits(s: PublicDirectoryService, a: FindSupportAnswers): Reason[] | null {
  const reasons: Reason[] = []
  if (a.topic === RATHER_NOT_SAY) {
    if (!s.topics.includes('other')) return null
    reasons.push({ kind: 'any_crime' })
  } else if (s.topics.includes(a.topic)) {
    reasons.push(s.topics.length >= 6 ? { kind: 'any_crime' } : { kind: 'topic', topic: a.topic })
  } else {
    return null
  }
  if (a.age !== null && !fitsAge(s, a.age)) return null
  if (s.minimumAge !== null || s.maximumAge !== null) {
    reasons.push({ kind: 'age', minimumAge: s.minimumAge, maximumAge: s.maximumAge })
  }
  if (s.national) reasons.push({ kind: 'national' })
  else if (a.district === null) reasons.push({ kind: 'county' })
  else if (servesDistrict(s.areasServed, a.district)) reasons.push({ kind: 'area', district: a.district })
  else return null
  if (s.open24Hours) reasons.push({ kind: 'open_24_hours' })
  const ways = waysOf(s)
  for (const way of a.ways) if (ways.includes(way)) reasons.push({ kind: 'way', way })
  return reasons
}

const isSpecialist = (m: Match) => m.reasons.some((r) => r.kind === 'topic')
const waysMatched = (m: Match) => m.reasons.filter((r) => r.kind === 'way').length
const isUrgentLine = (m: Match) => m.service.national && m.service.open24Hours

/**
 * The services that fit, best first. In danger: the 24-hour national helplines come first. Otherwise
 * local services first (specialist before general, then the more ways of getting support that match),
 * the national helplines after them.
 */
export function findSupport(services: readonly PublicDirectoryService[], a: FindSupportAnswers): Match[] {
  const matches = services.flatMap((service): Match[] => {
    const reasons = whyItFits(service, a)
    if (!reasons) return []
    const canReferYourself =
      service.routable && service.accessMethods.some((m) => m === 'refer_yourself' || m === 'through_hub')
    return [{ service, reasons, canReferYourself }]
  })
  const rank = (m: Match): number[] => [
    a.inDanger ? (isUrgentLine(m) ? 0 : 1) : 0,
    m.service.national ? 1 : 0,
    // Services reached only through another service's referral come after those a person can ask for.
    m.service.accessMethods.includes('refer_yourself') || m.service.national ? 0 : 1,
    isSpecialist(m) ? 0 : 1,
    -waysMatched(m),
  ]
  return matches
    .map((m) => ({ m, key: rank(m) }))
    .sort((x, y) => {
      for (let i = 0; i < x.key.length; i++) {
        const d = (x.key[i] ?? 0) - (y.key[i] ?? 0)
        if (d !== 0) return d
      }
      return x.m.service.name.localeCompare(y.m.service.name)
    })
    .map(({ m }) => m)
}
