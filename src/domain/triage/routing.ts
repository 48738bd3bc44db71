// Routing: which pathway and provider a victim is offered. Rules are versioned data an administrator
// can edit, preview against sample victims (routing-preview.ts), and publish once valid
// (routing-validation.ts); the first matching rule wins. A rule names providers in preference order, and
// a full provider is never chosen silently: the next one is taken with a warning, or the result says
// 'all_providers_full' so a manager can act.
import type { CrimeCategory } from '../entitlements/codes.ts'
import { NEEDS_SECTIONS, type NeedsSectionId } from './assessment-forms.ts'
import { atLeast, type NeedLevel } from './levels.ts'
import type { Offer, PathwayId, ProviderDirectory } from './pathways.ts'

export const ROUTING_FLAGS = [
  'domesticAbuse',
  'hateCrime',
  'cse',
  'cyber',
  'rural',
  'enhanced',
  'repeatVictim',
] as const
export type RoutingFlag = (typeof ROUTING_FLAGS)[number]

export interface RoutingFacts {
  readonly crimeCategory: CrimeCategory
  /** a flag missing or false is treated alike: rules only ever match on true */
  readonly flags?: Readonly<Partial<Record<RoutingFlag, boolean>>>
  /** age in whole years on the date of the referral, if known */
  readonly age?: number | null
  /** needs assessment levels, when the assessment has been done */
  readonly needs?: Readonly<Partial<Record<NeedsSectionId, NeedLevel>>>
  /** local authority district of the victim's address, e.g. 'Nuneaton and Bedworth' */
  readonly district?: string | null
  /** what the victim asked for (the service is victim-led) */
  readonly victimChoice?: {
    readonly pathway?: PathwayId | null
    readonly outOfArea?: boolean
  }
}

/** Every condition present must hold; list conditions match when any listed value matches. */
export interface RoutingConditions {
  readonly crimeCategories?: readonly CrimeCategory[]
  readonly flagsAll?: readonly RoutingFlag[]
  readonly flagsAny?: readonly RoutingFlag[]
  /** inclusive bounds; an unknown age never matches an age condition */
  readonly age?: { readonly min?: number; readonly max?: number }
  /** any of the sections (all sections if none listed) at or above the level */
  readonly needs?: { readonly sections?: readonly NeedsSectionId[]; readonly atLeast: NeedLevel }
  /** compared case-insensitively */
  readonly districts?: readonly string[]
  readonly victimChose?: readonly PathwayId[]
  readonly victimWantsOutOfArea?: boolean
}

export interface RoutingOutcome {
  readonly pathway: PathwayId
  /** provider ids in preference order */
  readonly providers: readonly string[]
  readonly offer: Offer
}

export interface RoutingRule {
  readonly id: string
  readonly description: string
  readonly when: RoutingConditions
  readonly outcome: RoutingOutcome
}

export interface RoutingRuleSet {
  readonly id: string
  readonly version: number
  /** 'YYYY-MM-DD' */
  readonly effectiveFrom: string
  /** ordered; the last rule must have no conditions so that no victim goes unrouted */
  readonly rules: readonly RoutingRule[]
}

export interface ProviderLoad {
  readonly monthlyReferralCapacity: number
  readonly activeCaseCapacity: number
  readonly referralsThisMonth: number
  readonly activeCases: number
  /** as reported by the provider; the hub does not invent one */
  readonly expectedWaitDays?: number | null
}

export type CapacitySnapshot = Readonly<Record<string, ProviderLoad>>

export interface ProviderOption {
  readonly providerId: string
  /** null when the snapshot has no figures for this provider */
  readonly capacity: { readonly monthlyReferrals: number; readonly activeCases: number } | null
  readonly load: { readonly referralsThisMonth: number; readonly activeCases: number } | null
  readonly expectedWaitDays: number | null
  readonly full: boolean
}

export interface RouteResult {
  readonly pathway: PathwayId | null
  readonly offer: Offer | null
  /** the provider chosen: the first in preference order that is not full; null if all are */
  readonly providerId: string | null
  /** every provider the rule names, in preference order, with its state */
  readonly providers: ProviderOption[]
  readonly matchedRuleId: string | null
  readonly ruleSetVersion: string
  readonly explanation: string
  /** 'provider_full:<id>', 'provider_capacity_unknown:<id>', 'all_providers_full', 'no_rule_matched' */
  readonly warnings: string[]
}

// ---------------------------------------------------------------------------------------------------
// Matching

function matchReasons(when: RoutingConditions, facts: RoutingFacts): string[] | null {
  const reasons: string[] = []
  const flag = (name: RoutingFlag) => facts.flags?.[name] === true
  if (when.crimeCategories) {
    if (!when.crimeCategories.includes(facts.crimeCategory)) return null
    reasons.push(`crime category ${facts.crimeCategory}`)
  }
  if (when.flagsAll) {
    if (!when.flagsAll.every(flag)) return null
    reasons.push(`flags ${when.flagsAll.join(' and ')}`)
  }
  if (when.flagsAny) {
    const set = when.flagsAny.filter(flag)
    if (set.length === 0) return null
    reasons.push(`flag ${set.join(', ')}`)
  }
  if (when.age) {
    const { min, max } = when.age
    if (facts.age == null) return null
    if (min !== undefined && facts.age < min) return null
    if (max !== undefined && facts.age > max) return null
    reasons.push(`age ${facts.age}`)
  }
  if (when.needs) {
    const threshold = when.needs.atLeast
    const sections = when.needs.sections ?? NEEDS_SECTIONS
    const met = sections.filter((section) => {
      const level = facts.needs?.[section]
      return level !== undefined && atLeast(level, threshold)
    })
    if (met.length === 0) return null
    reasons.push(`${met.join(', ')} need at least ${threshold}`)
  }
  if (when.districts) {
    const district = facts.district?.trim().toLowerCase()
    if (!district || !when.districts.some((d) => d.trim().toLowerCase() === district)) return null
    reasons.push(`district ${facts.district}`)
  }
  if (when.victimChose) {
    const chosen = facts.victimChoice?.pathway
    if (!chosen || !when.victimChose.includes(chosen)) return null
    reasons.push(`the victim asked for ${chosen}`)
  }
  if (when.victimWantsOutOfArea !== undefined) {
    if ((facts.victimChoice?.outOfArea === true) !== when.victimWantsOutOfArea) return null
    reasons.push(
      when.victimWantsOutOfArea ? 'the victim asked for support outside the county' : 'in-county support',
    )
  }
  return reasons
}

/** The first rule whose conditions all hold, with the conditions that made it match. */
export function matchRule(
  facts: RoutingFacts,
  ruleSet: RoutingRuleSet,
): { rule: RoutingRule; reasons: string[] } | null {
  for (const rule of ruleSet.rules) {
    const reasons = matchReasons(rule.when, facts)
    if (reasons) return { rule, reasons }
  }
  return null
}

function providerOption(providerId: string, capacity: CapacitySnapshot): ProviderOption {
  const load = capacity[providerId]
  if (!load) return { providerId, capacity: null, load: null, expectedWaitDays: null, full: false }
  return {
    providerId,
    capacity: { monthlyReferrals: load.monthlyReferralCapacity, activeCases: load.activeCaseCapacity },
    load: { referralsThisMonth: load.referralsThisMonth, activeCases: load.activeCases },
    expectedWaitDays: load.expectedWaitDays ?? null,
    full:
      load.referralsThisMonth >= load.monthlyReferralCapacity || load.activeCases >= load.activeCaseCapacity,
  }
}

export function ruleSetVersion(ruleSet: RoutingRuleSet): string {
  return `${ruleSet.id}@${ruleSet.version}`
}

export function route(facts: RoutingFacts, ruleSet: RoutingRuleSet, capacity: CapacitySnapshot): RouteResult {
  const version = ruleSetVersion(ruleSet)
  const match = matchRule(facts, ruleSet)
  if (!match) {
    // Validation forbids this (the last rule is a catch-all); kept so an unvalidated set cannot lose a victim silently.
    return {
      pathway: null,
      offer: null,
      providerId: null,
      providers: [],
      matchedRuleId: null,
      ruleSetVersion: version,
      explanation: `No rule in ${version} matched; a person must route this victim.`,
      warnings: ['no_rule_matched'],
    }
  }
  const { rule, reasons } = match
  const warnings: string[] = []
  const providers = rule.outcome.providers.map((id) => providerOption(id, capacity))
  const notes: string[] = []
  let chosen: ProviderOption | undefined
  for (const option of providers) {
    if (option.capacity === null) warnings.push(`provider_capacity_unknown:${option.providerId}`)
    if (option.full) {
      warnings.push(`provider_full:${option.providerId}`)
      notes.push(
        `${option.providerId} is full (${option.load?.activeCases}/${option.capacity?.activeCases} active cases, ` +
          `${option.load?.referralsThisMonth}/${option.capacity?.monthlyReferrals} referrals this month)`,
      )
      continue
    }
    chosen = option
    break
  }
  if (!chosen) warnings.push('all_providers_full')
  const because = reasons.length > 0 ? ` because ${reasons.join('; ')}` : ' (the default rule)'
  const outcome = chosen
    ? `offered to ${chosen.providerId}`
    : `every provider is full: a manager must decide (${rule.outcome.providers.join(', ')})`
  return {
    pathway: rule.outcome.pathway,
    offer: rule.outcome.offer,
    providerId: chosen?.providerId ?? null,
    providers,
    matchedRuleId: rule.id,
    ruleSetVersion: version,
    explanation:
      `Rule ${rule.id} (${rule.description}) matched${because}: ${rule.outcome.pathway} pathway, ` +
      `${rule.outcome.offer} offer, ${[...notes, outcome].join('; ')}.`,
    warnings,
  }
}

/** Capacity snapshot from directory capacities plus current loads (missing loads count as zero). */
export function capacitySnapshot(
  directory: ProviderDirectory,
  loads: Readonly<
    Record<string, { referralsThisMonth: number; activeCases: number; expectedWaitDays?: number | null }>
  >,
): CapacitySnapshot {
  const snapshot: Record<string, ProviderLoad> = {}
  for (const provider of directory.providers) {
    const load = loads[provider.id]
    snapshot[provider.id] = {
      monthlyReferralCapacity: provider.monthlyReferralCapacity,
      activeCaseCapacity: provider.activeCaseCapacity,
      referralsThisMonth: load?.referralsThisMonth ?? 0,
      activeCases: load?.activeCases ?? 0,
      expectedWaitDays: load?.expectedWaitDays ?? null,
    }
  }
  return snapshot
}
