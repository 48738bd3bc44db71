// The checks a routing rule set passes before it is published: its shape (every field named in the
// error), and what the shape cannot say, such as providers that exist and serve the rule's pathway.
import { z } from 'zod'
import { CRIME_CATEGORIES } from '../entitlements/codes.ts'
import { NEEDS_SECTIONS } from './assessment-forms.ts'
import { NEED_LEVELS } from './levels.ts'
import { PATHWAY_IDS, type ProviderDirectory, SEEDED_DIRECTORY } from './pathways.ts'
import { ROUTING_FLAGS, type RoutingRuleSet } from './routing.ts'
import type { FieldError } from './scoring.ts'

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value')

const conditionsSchema = z.strictObject({
  crimeCategories: nonEmpty(z.enum(CRIME_CATEGORIES, { error: 'unknown crime category' })).optional(),
  flagsAll: nonEmpty(
    z.enum(ROUTING_FLAGS, { error: `must be one of ${ROUTING_FLAGS.join(', ')}` }),
  ).optional(),
  flagsAny: nonEmpty(
    z.enum(ROUTING_FLAGS, { error: `must be one of ${ROUTING_FLAGS.join(', ')}` }),
  ).optional(),
  age: z
    .strictObject({
      min: z.number().int().min(0).max(130).optional(),
      max: z.number().int().min(0).max(130).optional(),
    })
    .refine((age) => age.min !== undefined || age.max !== undefined, 'give min, max or both')
    .refine((age) => age.min === undefined || age.max === undefined || age.min <= age.max, {
      error: 'min must not be more than max',
      path: ['min'],
    })
    .optional(),
  needs: z
    .strictObject({
      sections: nonEmpty(z.enum(NEEDS_SECTIONS, { error: 'unknown needs section' })).optional(),
      atLeast: z.enum(NEED_LEVELS, { error: `must be one of ${NEED_LEVELS.join(', ')}` }),
    })
    .optional(),
  districts: nonEmpty(z.string().trim().min(1, 'must not be blank')).optional(),
  victimChose: nonEmpty(z.enum(PATHWAY_IDS, { error: 'unknown pathway' })).optional(),
  victimWantsOutOfArea: z.boolean().optional(),
})

const ruleSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  version: z.number().int().min(1),
  effectiveFrom: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }),
  rules: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
        description: z.string().trim().min(1, 'must not be blank'),
        when: conditionsSchema,
        outcome: z.strictObject({
          pathway: z.enum(PATHWAY_IDS, { error: 'unknown pathway' }),
          providers: nonEmpty(z.string().min(1)),
          offer: z.enum(['targeted', 'universal'], { error: 'must be targeted or universal' }),
        }),
      }),
    )
    .min(1, 'must have at least one rule'),
})

export type RuleSetValidation =
  | { readonly ok: true; readonly ruleSet: RoutingRuleSet }
  | { readonly ok: false; readonly errors: FieldError[] }

/**
 * Checks a rule set an administrator submits. Beyond shape: rule ids unique, every provider exists
 * and serves the rule's pathway, no provider twice in one rule, and the last rule has no conditions.
 * Errors name the field as a dotted path, e.g. 'rules.2.outcome.providers.0'.
 */
export function validateRoutingRuleSet(
  input: unknown,
  directory: ProviderDirectory = SEEDED_DIRECTORY,
): RuleSetValidation {
  const parsed = ruleSetSchema.safeParse(input)
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    }
  }
  const ruleSet = parsed.data as RoutingRuleSet
  const errors: FieldError[] = []
  const seenIds = new Map<string, number>()
  const providers = new Map(directory.providers.map((p) => [p.id, p]))
  ruleSet.rules.forEach((rule, r) => {
    const earlier = seenIds.get(rule.id)
    if (earlier !== undefined) errors.push({ field: `rules.${r}.id`, message: `repeats rules.${earlier}.id` })
    else seenIds.set(rule.id, r)
    const seenProviders = new Set<string>()
    rule.outcome.providers.forEach((id, p) => {
      const field = `rules.${r}.outcome.providers.${p}`
      const provider = providers.get(id)
      if (!provider) errors.push({ field, message: `no provider ${id} in the directory` })
      else if (provider.pathway !== rule.outcome.pathway) {
        errors.push({ field, message: `${id} serves ${provider.pathway}, not ${rule.outcome.pathway}` })
      }
      if (seenProviders.has(id)) errors.push({ field, message: `${id} is listed twice` })
      seenProviders.add(id)
    })
  })
  const last = ruleSet.rules.length - 1
  if (Object.keys(ruleSet.rules[last]?.when ?? {}).length > 0) {
    errors.push({
      field: `rules.${last}.when`,
      message: 'the last rule must have no conditions, so that every victim is routed somewhere',
    })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ruleSet }
}
