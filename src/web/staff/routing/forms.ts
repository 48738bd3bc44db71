// The routing rule form: checkboxes and selects in, a RoutingRule out. Shape errors are left to the
// domain's validateRoutingRuleSet, whose field paths are mapped back to the form's inputs here.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { CrimeCategory } from '../../../domain/entitlements/codes.ts'
import type { NeedsSectionId } from '../../../domain/triage/assessment-forms.ts'
import type { NeedLevel } from '../../../domain/triage/levels.ts'
import type { Offer, PathwayId } from '../../../domain/triage/pathways.ts'
import type { RoutingConditions, RoutingFlag, RoutingRule } from '../../../domain/triage/routing.ts'
import type { FormError } from '../../forms.ts'
import { parseForm } from '../../forms.ts'

export const PROVIDER_SLOTS = 3

/** What the form holds, as strings and string lists, to show again exactly as typed. */
export type RuleFormValues = {
  description: string
  crimeCategories: string[]
  flagsAll: string[]
  flagsAny: string[]
  ageMin: string
  ageMax: string
  needsAtLeast: string
  needsSections: string[]
  districts: string
  victimChose: string[]
  victimWantsOutOfArea: 'any' | 'yes' | 'no'
  pathway: string
  providers: string[]
  offer: string
  changeNote: string
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value])
    .map(String)
    .filter((v) => v.trim() !== '')
const text = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : ''

export function ruleToValues(rule: RoutingRule): RuleFormValues {
  const w = rule.when
  return {
    description: rule.description,
    crimeCategories: [...(w.crimeCategories ?? [])],
    flagsAll: [...(w.flagsAll ?? [])],
    flagsAny: [...(w.flagsAny ?? [])],
    ageMin: w.age?.min === undefined ? '' : String(w.age.min),
    ageMax: w.age?.max === undefined ? '' : String(w.age.max),
    needsAtLeast: w.needs?.atLeast ?? '',
    needsSections: [...(w.needs?.sections ?? [])],
    districts: (w.districts ?? []).join('\n'),
    victimChose: [...(w.victimChose ?? [])],
    victimWantsOutOfArea:
      w.victimWantsOutOfArea === undefined ? 'any' : w.victimWantsOutOfArea ? 'yes' : 'no',
    pathway: rule.outcome.pathway,
    providers: [...rule.outcome.providers],
    offer: rule.outcome.offer,
    changeNote: '',
  }
}

export function valuesFromBody(body: unknown): RuleFormValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const outOfArea = text(b.victimWantsOutOfArea)
  return {
    description: text(b.description).trim(),
    crimeCategories: list(b.crimeCategories),
    flagsAll: list(b.flagsAll),
    flagsAny: list(b.flagsAny),
    ageMin: text(b.ageMin).trim(),
    ageMax: text(b.ageMax).trim(),
    needsAtLeast: text(b.needsAtLeast),
    needsSections: list(b.needsSections),
    districts: text(b.districts),
    victimChose: list(b.victimChose),
    victimWantsOutOfArea: outOfArea === 'yes' || outOfArea === 'no' ? outOfArea : 'any',
    pathway: text(b.pathway),
    providers: Array.from({ length: PROVIDER_SLOTS }, (_, i) => text(b[`provider${i + 1}`])).filter(Boolean),
    offer: text(b.offer),
    changeNote: text(b.changeNote).trim().slice(0, 500),
  }
}

const WHOLE_NUMBER = /^\d{1,3}$/

/** The rule the values describe, or the errors that stop it being one (numbers that are not numbers). */
export function valuesToRule(
  ruleId: string,
  v: RuleFormValues,
): { ok: true; rule: RoutingRule } | { ok: false; errors: FormError[] } {
  const errors: FormError[] = []
  if (v.ageMin !== '' && !WHOLE_NUMBER.test(v.ageMin))
    errors.push({ text: 'Youngest age must be a whole number, like 18', href: '#ageMin' })
  if (v.ageMax !== '' && !WHOLE_NUMBER.test(v.ageMax))
    errors.push({ text: 'Oldest age must be a whole number, like 64', href: '#ageMax' })
  if (v.needsSections.length > 0 && v.needsAtLeast === '')
    errors.push({ text: 'Choose the need level the sections must reach', href: '#needsAtLeast' })
  if (errors.length > 0) return { ok: false, errors }
  const when: { -readonly [K in keyof RoutingConditions]: RoutingConditions[K] } = {}
  if (v.crimeCategories.length) when.crimeCategories = v.crimeCategories as CrimeCategory[]
  if (v.flagsAll.length) when.flagsAll = v.flagsAll as RoutingFlag[]
  if (v.flagsAny.length) when.flagsAny = v.flagsAny as RoutingFlag[]
  if (v.ageMin !== '' || v.ageMax !== '') {
    when.age = {
      ...(v.ageMin !== '' ? { min: Number(v.ageMin) } : {}),
      ...(v.ageMax !== '' ? { max: Number(v.ageMax) } : {}),
    }
  }
  if (v.needsAtLeast !== '') {
    when.needs = {
      atLeast: v.needsAtLeast as NeedLevel,
      ...(v.needsSections.length ? { sections: v.needsSections as NeedsSectionId[] } : {}),
    }
  }
  const districts = v.districts
    .split(/\r?\n/)
    .map((d) => d.trim())
    .filter(Boolean)
  if (districts.length) when.districts = districts
  if (v.victimChose.length) when.victimChose = v.victimChose as PathwayId[]
  if (v.victimWantsOutOfArea !== 'any') when.victimWantsOutOfArea = v.victimWantsOutOfArea === 'yes'
  return {
    ok: true,
    rule: {
      id: ruleId,
      description: v.description,
      when,
      outcome: { pathway: v.pathway as PathwayId, providers: v.providers, offer: v.offer as Offer },
    },
  }
}

const FIELD_TO_INPUT: readonly [RegExp, string][] = [
  [/^description/, 'description'],
  [/^when\.crimeCategories/, 'crimeCategories'],
  [/^when\.flagsAll/, 'flagsAll'],
  [/^when\.flagsAny/, 'flagsAny'],
  [/^when\.age\.max/, 'ageMax'],
  [/^when\.age/, 'ageMin'],
  [/^when\.needs\.sections/, 'needsSections'],
  [/^when\.needs/, 'needsAtLeast'],
  [/^when\.districts/, 'districts'],
  [/^when\.victimChose/, 'victimChose'],
  [/^when\.victimWantsOutOfArea/, 'victimWantsOutOfArea'],
  [/^when/, 'crimeCategories'],
  [/^outcome\.pathway/, 'pathway'],
  [/^outcome\.offer/, 'offer'],
]

const LABELS: Readonly<Record<string, string>> = {
  description: 'Description',
  crimeCategories: 'Crime categories',
  flagsAll: 'Flags that must all be set',
  flagsAny: 'Flags of which one must be set',
  ageMin: 'Age',
  ageMax: 'Oldest age',
  needsSections: 'Needs sections',
  needsAtLeast: 'Need level',
  districts: 'Areas',
  victimChose: 'Victim’s choice',
  victimWantsOutOfArea: 'Support outside the county',
  pathway: 'Pathway',
  offer: 'Offer',
}

/** Domain validation errors ('when.age.min', 'outcome.providers.1') as error summary links. */
export function domainErrorsToForm(errors: readonly { field: string; message: string }[]): FormError[] {
  return errors.map(({ field, message }) => {
    const provider = /^outcome\.providers(?:\.(\d+))?/.exec(field)
    if (provider) {
      const slot = Number(provider[1] ?? 0) + 1
      return {
        text: `Provider choice ${slot}: ${message}`,
        href: `#provider${Math.min(slot, PROVIDER_SLOTS)}`,
      }
    }
    const input = FIELD_TO_INPUT.find(([pattern]) => pattern.test(field))?.[1]
    if (!input) return { text: `${field}: ${message}`, href: '#description' }
    return { text: `${LABELS[input] ?? input}: ${message}`, href: `#${input}` }
  })
}

/** Ties a save to the preview the administrator saw: same rule, same base version. */
export function previewToken(rule: RoutingRule, baseVersion: number): string {
  return createHash('sha256')
    .update(JSON.stringify([baseVersion, rule]))
    .digest('hex')
    .slice(0, 32)
}

const capacitySchema = z.object({
  monthlyReferralCapacity: z
    .string({ message: 'Enter new referrals a month' })
    .trim()
    .regex(/^\d{1,6}$/, 'New referrals a month must be a whole number, 0 or more')
    .transform(Number),
  activeCaseCapacity: z
    .string({ message: 'Enter active cases' })
    .trim()
    .regex(/^\d{1,6}$/, 'Active cases must be a whole number, 0 or more')
    .transform(Number),
  expectedWaitDays: z
    .string()
    .trim()
    .regex(/^(\d{1,3})?$/, 'Expected wait must be a whole number of days, or left blank')
    .optional()
    .transform((v) => (v ? Number(v) : null)),
})

export const parseCapacityForm = (body: unknown) => parseForm(capacitySchema, body)
