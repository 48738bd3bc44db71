// The case page's forms: a state change, a closure, a reopening. Each needs its reason.
import { z } from 'zod'
import { CONTACT_OUTCOMES } from '../../../domain/cases/contact-outcomes.ts'
import { CASE_STATES, CLOSURE_REASONS } from '../../../domain/cases/states.ts'
import { CONTACT_METHODS } from '../../../domain/safe-contact/contact-rule.ts'

export const moveSchema = z.object({
  to: z.enum(CASE_STATES, { message: 'Choose what the case becomes' }),
  reason: z
    .string({ message: 'Say why the case is changing' })
    .trim()
    .min(1, 'Say why the case is changing')
    .max(2000),
})

export const closeSchema = z.object({
  closureReason: z.enum(CLOSURE_REASONS, { message: 'Choose why the case is closing' }),
  note: z.string().trim().max(2000).default(''),
})

export const reopenSchema = z.object({
  reopenReason: z
    .string({ message: 'Say why the case is reopening' })
    .trim()
    .min(1, 'Say why the case is reopening')
    .max(2000),
})

export const SHOW = ['mine', 'unallocated', 'overdue', 'all'] as const
export type Show = (typeof SHOW)[number]
export const readShow = (value: unknown): Show =>
  typeof value === 'string' && (SHOW as readonly string[]).includes(value) ? (value as Show) : 'mine'

export const attemptSchema = z.object({
  method: z.enum(CONTACT_METHODS, { message: 'Choose how you tried to contact the victim' }),
  outcome: z.enum(CONTACT_OUTCOMES, { message: 'Choose what happened' }),
  notes: z.string().trim().max(4000).default(''),
})
