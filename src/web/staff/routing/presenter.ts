// Words and select/checkbox items for the routing pages.
import { CRIME_CATEGORIES } from '../../../domain/entitlements/codes.ts'
import { NEEDS_SECTIONS, needsAssessmentFormV1 } from '../../../domain/triage/assessment-forms.ts'
import { NEED_LEVELS } from '../../../domain/triage/levels.ts'
import type { Pathway } from '../../../domain/triage/pathways.ts'
import { ROUTING_FLAGS, type RoutingConditions, type RoutingRule } from '../../../domain/triage/routing.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import { PROVIDER_SLOTS, type RuleFormValues } from './forms.ts'

export const FLAG_LABELS: Readonly<Record<string, string>> = {
  domesticAbuse: 'Domestic abuse',
  hateCrime: 'Hate crime',
  cse: 'Child sexual exploitation',
  cyber: 'Cyber crime',
  rural: 'Rural crime',
  enhanced: 'Enhanced rights',
  repeatVictim: 'Repeat victim (12 months)',
}

const SECTION_TITLES = new Map(needsAssessmentFormV1.sections.map((s) => [s.id, s.title]))

export function describeConditions(when: RoutingConditions, pathwayName: (id: string) => string): string[] {
  const lines: string[] = []
  if (when.crimeCategories) lines.push(`Crime: ${when.crimeCategories.map(categoryLabel).join(', ')}`)
  if (when.flagsAll) lines.push(`All of: ${when.flagsAll.map((f) => FLAG_LABELS[f] ?? f).join(', ')}`)
  if (when.flagsAny) lines.push(`Any of: ${when.flagsAny.map((f) => FLAG_LABELS[f] ?? f).join(', ')}`)
  if (when.age) {
    const { min, max } = when.age
    lines.push(
      min !== undefined && max !== undefined
        ? `Aged ${min} to ${max}`
        : min !== undefined
          ? `Aged ${min} or over`
          : `Aged ${max} or under`,
    )
  }
  if (when.needs) {
    const sections = when.needs.sections?.map((s) => SECTION_TITLES.get(s) ?? s).join(', ') ?? 'any section'
    lines.push(`Need at least ${when.needs.atLeast} in ${sections}`)
  }
  if (when.districts) lines.push(`Area: ${when.districts.join(', ')}`)
  if (when.victimChose) lines.push(`Victim asked for: ${when.victimChose.map(pathwayName).join(', ')}`)
  if (when.victimWantsOutOfArea !== undefined)
    lines.push(
      when.victimWantsOutOfArea ? 'Victim wants support outside the county' : 'Support in the county',
    )
  if (lines.length === 0) lines.push('Everyone (no conditions)')
  return lines
}

export function ruleRows(
  rules: readonly RoutingRule[],
  pathways: readonly Pathway[],
  providerName: (id: string) => string,
) {
  const pathwayName = (id: string) => pathways.find((p) => p.id === id)?.name ?? id
  return rules.map((rule, index) => ({
    position: index + 1,
    id: rule.id,
    description: rule.description,
    conditions: describeConditions(rule.when, pathwayName),
    pathway: pathwayName(rule.outcome.pathway),
    offer: rule.outcome.offer,
    providers: rule.outcome.providers.map(providerName),
  }))
}

const checked = (values: readonly string[], value: string) => values.includes(value)

/** Items for every checkbox, radio and select on the rule form, with the current values chosen. */
export function ruleFormItems(
  v: RuleFormValues,
  pathways: readonly Pathway[],
  providers: readonly { id: string; name: string; pathway: string; outOfArea: boolean }[],
) {
  const pathwayName = (id: string) => pathways.find((p) => p.id === id)?.name ?? id
  return {
    crimeCategories: CRIME_CATEGORIES.map((c) => ({
      value: c,
      text: categoryLabel(c),
      checked: checked(v.crimeCategories, c),
    })),
    flagsAll: ROUTING_FLAGS.map((f) => ({ value: f, text: FLAG_LABELS[f], checked: checked(v.flagsAll, f) })),
    flagsAny: ROUTING_FLAGS.map((f) => ({ value: f, text: FLAG_LABELS[f], checked: checked(v.flagsAny, f) })),
    needsAtLeast: [
      { value: '', text: 'No needs condition', selected: v.needsAtLeast === '' },
      ...NEED_LEVELS.map((l) => ({ value: l, text: `At least ${l}`, selected: v.needsAtLeast === l })),
    ],
    needsSections: NEEDS_SECTIONS.map((s) => ({
      value: s,
      text: SECTION_TITLES.get(s) ?? s,
      checked: checked(v.needsSections, s),
    })),
    victimChose: pathways.map((p) => ({ value: p.id, text: p.name, checked: checked(v.victimChose, p.id) })),
    victimWantsOutOfArea: [
      { value: 'any', text: 'Either', checked: v.victimWantsOutOfArea === 'any' },
      {
        value: 'yes',
        text: 'Only when the victim asked for support outside the county',
        checked: v.victimWantsOutOfArea === 'yes',
      },
      {
        value: 'no',
        text: 'Only when the victim did not ask for it',
        checked: v.victimWantsOutOfArea === 'no',
      },
    ],
    pathway: pathways.map((p) => ({ value: p.id, text: p.name, selected: v.pathway === p.id })),
    providerSlots: Array.from({ length: PROVIDER_SLOTS }, (_, i) => ({
      id: `provider${i + 1}`,
      label: i === 0 ? 'First choice' : i === 1 ? 'Second choice (optional)' : 'Third choice (optional)',
      items: [
        { value: '', text: i === 0 ? 'Choose a provider' : 'None' },
        ...providers.map((p) => ({
          value: p.id,
          text: `${p.name} (${pathwayName(p.pathway)}${p.outOfArea ? ', outside the county' : ''})`,
          selected: v.providers[i] === p.id,
        })),
      ],
    })),
    offer: [
      { value: 'targeted', text: 'Targeted (local priority group)', checked: v.offer === 'targeted' },
      { value: 'universal', text: 'Universal', checked: v.offer === 'universal' },
    ],
  }
}
