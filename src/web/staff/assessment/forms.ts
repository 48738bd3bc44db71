// Assessment forms: posted fields in, the answer objects the domain scorers take out. The scorers
// validate; their field paths ('sections.housing.level') are mapped back to the inputs here.
import { z } from 'zod'
import type { NeedsAssessmentForm, RiskChecklistForm } from '../../../domain/triage/assessment-forms.ts'
import { GRADES } from '../../../domain/triage/levels.ts'
import type { FormError } from '../../forms.ts'
import { parseForm } from '../../forms.ts'

type Body = Record<string, unknown>
const asBody = (body: unknown): Body => (typeof body === 'object' && body !== null ? (body as Body) : {})
const text = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : ''
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter(Boolean)

/** The needs answers the form describes; blank levels stay blank so the scorer names them. */
export function needsAnswersFromBody(form: NeedsAssessmentForm, body: unknown) {
  const b = asBody(body)
  const sections: Record<string, unknown> = {}
  for (const section of form.sections) {
    const fields: Record<string, boolean | string> = {}
    for (const field of section.fields) {
      const raw = text(b[`field_${section.id}_${field.id}`]).trim()
      if (field.type === 'yes_no') fields[field.id] = raw === 'yes'
      else if (raw !== '') fields[field.id] = raw
    }
    const notes = text(b[`notes_${section.id}`]).trim()
    sections[section.id] = {
      level: text(b[`level_${section.id}`]) || undefined,
      ...(notes ? { notes } : {}),
      fields,
    }
  }
  return { formId: form.id, formVersion: form.version, sections, riskFlags: list(b.riskFlags) }
}

export function needsErrorsToForm(
  errors: readonly { field: string; message: string }[],
  form: NeedsAssessmentForm,
) {
  const title = new Map<string, string>(form.sections.map((s) => [s.id, s.title]))
  return errors.map(({ field, message }): FormError => {
    const [, sectionId, kind, fieldId] = field.split('.')
    if (field.startsWith('sections.') && sectionId) {
      if (kind === 'fields' && fieldId)
        return {
          text: `${title.get(sectionId) ?? sectionId}: ${message}`,
          href: `#field_${sectionId}_${fieldId}`,
        }
      if (kind === 'notes')
        return { text: `${title.get(sectionId)}: notes ${message}`, href: `#notes_${sectionId}` }
      return {
        text: `${title.get(sectionId) ?? sectionId}: choose a level of need`,
        href: `#level_${sectionId}`,
      }
    }
    if (field.startsWith('riskFlags')) return { text: `Risk flags: ${message}`, href: '#riskFlags' }
    return { text: `${field}: ${message}`, href: '#main-content' }
  })
}

const WHOLE = /^\d{1,3}$/

export function riskAnswersFromBody(form: RiskChecklistForm, body: unknown) {
  const b = asBody(body)
  const answers: Record<string, string> = {}
  for (const q of form.questions) {
    const a = text(b[q.id])
    if (a) answers[q.id] = a
  }
  const age = text(b.victimAge).trim()
  const events = text(b.events12m).trim()
  const pjHigh = text(b.pjHigh) === 'yes'
  const errors: FormError[] = []
  if (age !== '' && !WHOLE.test(age))
    errors.push({ text: 'Age must be a whole number of years', href: '#victimAge' })
  if (events !== '' && !WHOLE.test(events))
    errors.push({ text: 'Number of incidents must be a whole number', href: '#events12m' })
  return {
    errors,
    answers: {
      formId: form.id,
      formVersion: form.version,
      answers,
      victimAge: age === '' || !WHOLE.test(age) ? null : Number(age),
      domesticAbuseEvents12m: events === '' || !WHOLE.test(events) ? null : Number(events),
      maracReferralInLast12m: text(b.maracLast12m) === 'yes',
      ...(pjHigh ? { professionalJudgement: { highRisk: true, rationale: text(b.pjRationale).trim() } } : {}),
    },
  }
}

export function riskErrorsToForm(errors: readonly { field: string; message: string }[]): FormError[] {
  return errors.map(({ field, message }) => {
    if (field.startsWith('professionalJudgement'))
      return { text: 'Write down the concerns behind your judgement', href: '#pjRationale' }
    if (field === 'answers')
      return {
        text: 'Answer at least one question, or record your professional judgement: an empty checklist is not completed',
        href: '#q1',
      }
    const q = /^answers\.(q\d+)/.exec(field)
    if (q) return { text: `Question ${q[1]?.slice(1)}: ${message}`, href: `#${q[1]}` }
    return { text: `${field}: ${message}`, href: '#main-content' }
  })
}

const grade = (label: string) => z.enum(GRADES, { message: `Choose low, medium or high for ${label}` })

const thriveSchema = z.object({
  threat: grade('threat'),
  harm: grade('harm'),
  risk: grade('risk'),
  vulnerability: grade('vulnerability'),
  reason: z
    .string({ message: 'Say why you are re-grading' })
    .trim()
    .min(1, 'Say why you are re-grading')
    .max(2000, 'Reason must be 2,000 characters or fewer'),
})

export const parseThriveForm = (body: unknown) => parseForm(thriveSchema, body)

// The page's select always sends `pathway` ('' for no preference): a post without it changes nothing.
const choiceSchema = z.object({
  pathway: z.string({ message: 'Choose the service the victim wants, or no preference' }),
  outOfArea: z.string().optional(),
})

export const parseChoiceForm = (body: unknown) => parseForm(choiceSchema, body)
