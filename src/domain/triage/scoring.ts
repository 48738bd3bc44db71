// Scores answered assessment forms into levels, risk flags and actions. Answers are validated against
// the exact form version they claim; an invalid answer set is refused with errors naming the field,
// never scored partly.
import { z } from 'zod'
import {
  type NeedsAssessmentForm,
  type NeedsSectionId,
  RISK_ANSWERS,
  type RiskAnswer,
  type RiskChecklistForm,
} from './assessment-forms.ts'
import { atLeast, highestLevel, NEED_LEVELS, type NeedLevel } from './levels.ts'

export interface FieldError {
  /** dotted path of the offending field, e.g. 'sections.housing.level' */
  readonly field: string
  readonly message: string
}

export type Scored<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: FieldError[] }

function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))
}

// ---------------------------------------------------------------------------------------------------
// Needs assessment

export interface SectionAnswer {
  readonly level: NeedLevel
  readonly notes?: string
  readonly fields?: Readonly<Record<string, boolean | string>>
}

export interface NeedsAnswers {
  readonly formId: string
  readonly formVersion: number
  /** every section must be answered: 'none' is an answer, a skipped section is not */
  readonly sections: Readonly<Record<string, SectionAnswer>>
  readonly riskFlags?: readonly string[]
}

export interface NeedsResult {
  readonly formId: string
  readonly formVersion: number
  readonly levels: Record<NeedsSectionId, NeedLevel>
  /** highest section level, raised (never lowered) by risk flags */
  readonly overallLevel: NeedLevel
  readonly riskFlags: string[]
  /** de-duplicated, in form order: sections, then fields, then risk flags */
  readonly actions: string[]
}

const LANGUAGE_CODE = /^[a-z]{2}$/

function needsAnswersSchema(form: NeedsAssessmentForm) {
  const sectionShape: Record<string, z.ZodType> = {}
  for (const section of form.sections) {
    const fieldShape: Record<string, z.ZodType> = {}
    for (const field of section.fields) {
      fieldShape[field.id] =
        field.type === 'yes_no'
          ? z.boolean({ error: 'must be true or false' }).optional()
          : field.type === 'language_code'
            ? z
                .string()
                .regex(LANGUAGE_CODE, 'must be a two-letter ISO 639-1 code in lower case, e.g. en')
                .optional()
            : z.string().max(2000).optional()
    }
    sectionShape[section.id] = z.strictObject({
      level: z.enum(NEED_LEVELS, { error: `must be one of ${NEED_LEVELS.join(', ')}` }),
      notes: z.string().max(5000).optional(),
      fields: z.strictObject(fieldShape).optional(),
    })
  }
  const flagIds = form.riskFlags.map((flag) => flag.id)
  return z.strictObject({
    formId: z.literal(form.id, { error: `must be ${form.id}` }),
    formVersion: z.literal(form.version, { error: `must be ${form.version}` }),
    sections: z.strictObject(sectionShape),
    riskFlags: z
      .array(
        z.string().refine((id) => flagIds.includes(id), { error: `must be one of ${flagIds.join(', ')}` }),
      )
      .optional(),
  })
}

export function scoreNeedsAssessment(form: NeedsAssessmentForm, answers: unknown): Scored<NeedsResult> {
  const parsed = needsAnswersSchema(form).safeParse(answers)
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) }
  const input = parsed.data as NeedsAnswers
  const levels = {} as Record<NeedsSectionId, NeedLevel>
  const actions = new Set<string>()
  for (const section of form.sections) {
    const answer = input.sections[section.id] as SectionAnswer
    levels[section.id] = answer.level
    for (const { atLeast: threshold, action } of section.actions) {
      if (atLeast(answer.level, threshold)) actions.add(action)
    }
    for (const field of section.fields) {
      if (field.type === 'yes_no' && answer.fields?.[field.id] === true) {
        for (const action of field.actionsWhenYes ?? []) actions.add(action)
      }
    }
  }
  const chosenFlags = new Set(input.riskFlags ?? [])
  const riskFlags = form.riskFlags.filter((flag) => chosenFlags.has(flag.id))
  for (const flag of riskFlags) for (const action of flag.actions) actions.add(action)
  const overallLevel = highestLevel([
    ...Object.values(levels),
    ...riskFlags.flatMap((flag) => (flag.raisesOverallTo ? [flag.raisesOverallTo] : [])),
  ])
  return {
    ok: true,
    value: {
      formId: form.id,
      formVersion: form.version,
      levels,
      overallLevel,
      riskFlags: riskFlags.map((flag) => flag.id),
      actions: [...actions],
    },
  }
}

// ---------------------------------------------------------------------------------------------------
// Domestic abuse risk checklist

export interface RiskChecklistAnswers {
  readonly formId: string
  readonly formVersion: number
  /** question id -> answer; a question left out is unanswered (counts as not yes, and is warned) */
  readonly answers: Readonly<Record<string, RiskAnswer>>
  readonly comments?: Readonly<Record<string, string>>
  /** the worker's judgement that the victim is at high risk whatever the score; rationale required */
  readonly professionalJudgement?: { readonly highRisk: boolean; readonly rationale?: string }
  /** victim's age in years, if known: MARAC is for 16 and over */
  readonly victimAge?: number | null
  /** domestic abuse events (any agency, not only police) in the last 12 months, this one included */
  readonly domesticAbuseEvents12m?: number | null
  /** the victim was referred to MARAC in the 12 months before this incident */
  readonly maracReferralInLast12m?: boolean
}

export type RiskLevel = 'standard' | 'medium' | 'high'
export type MaracCriterion =
  | 'visible_high_risk'
  | 'professional_judgement'
  | 'potential_escalation'
  | 'repeat'

export interface RiskChecklistResult {
  readonly formId: string
  readonly formVersion: number
  readonly yesCount: number
  readonly dontKnowCount: number
  readonly unanswered: string[]
  readonly level: RiskLevel
  readonly maracCriteria: MaracCriterion[]
  readonly actions: string[]
  readonly warnings: string[]
}

function riskAnswersSchema(form: RiskChecklistForm) {
  const answerShape: Record<string, z.ZodType> = {}
  const commentShape: Record<string, z.ZodType> = {}
  for (const question of form.questions) {
    answerShape[question.id] = z.enum(RISK_ANSWERS, { error: 'must be yes, no or dont_know' }).optional()
    commentShape[question.id] = z.string().max(2000).optional()
  }
  return z.strictObject({
    formId: z.literal(form.id, { error: `must be ${form.id}` }),
    formVersion: z.literal(form.version, { error: `must be ${form.version}` }),
    answers: z.strictObject(answerShape),
    comments: z.strictObject(commentShape).optional(),
    professionalJudgement: z
      .strictObject({ highRisk: z.boolean(), rationale: z.string().optional() })
      .refine((pj) => !pj.highRisk || (pj.rationale ?? '').trim() !== '', {
        error: 'a professional judgement of high risk needs the concerns written down',
        path: ['rationale'],
      })
      .optional(),
    victimAge: z.number().int().min(0).max(130).nullable().optional(),
    domesticAbuseEvents12m: z.number().int().min(0).nullable().optional(),
    maracReferralInLast12m: z.boolean().optional(),
  })
}

/**
 * A checklist with no question answered and no professional judgement of high risk is not completed:
 * it says nothing about risk, so it is never scored as "standard" (ADR 0046).
 */
export function riskChecklistCompleted(
  form: RiskChecklistForm,
  input: Pick<RiskChecklistAnswers, 'answers' | 'professionalJudgement'>,
): boolean {
  if (input.professionalJudgement?.highRisk) return true
  return form.questions.some((question) => input.answers[question.id] !== undefined)
}

const NOT_COMPLETED: FieldError = {
  field: 'answers',
  message: 'the checklist is not completed: answer at least one question, or record a professional judgement',
}

/**
 * Level: high when yes answers reach the high threshold or the worker judges high risk; medium at the
 * medium band; otherwise standard. Potential escalation and a repeat within 12 months of a MARAC
 * referral are MARAC referral criteria in their own right, so they add the referral action but do not
 * change the scored level (the level stays an honest record of the checklist).
 */
export function scoreRiskChecklist(form: RiskChecklistForm, answers: unknown): Scored<RiskChecklistResult> {
  const parsed = riskAnswersSchema(form).safeParse(answers)
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) }
  const input = parsed.data as RiskChecklistAnswers
  if (!riskChecklistCompleted(form, input)) return { ok: false, errors: [NOT_COMPLETED] }
  let yesCount = 0
  let dontKnowCount = 0
  const unanswered: string[] = []
  const followUps: string[] = []
  for (const question of form.questions) {
    const answer = input.answers[question.id]
    if (answer === undefined) unanswered.push(question.id)
    else if (answer === 'yes') {
      yesCount += 1
      if (question.followUpWhenYes) followUps.push(question.followUpWhenYes)
    } else if (answer === 'dont_know') dontKnowCount += 1
  }

  const criteria: MaracCriterion[] = []
  if (yesCount >= form.highRiskYesCount) criteria.push('visible_high_risk')
  if (input.professionalJudgement?.highRisk) criteria.push('professional_judgement')
  if ((input.domesticAbuseEvents12m ?? 0) >= form.escalationEventsIn12Months)
    criteria.push('potential_escalation')
  if (input.maracReferralInLast12m) criteria.push('repeat')

  const level: RiskLevel =
    criteria.includes('visible_high_risk') || criteria.includes('professional_judgement')
      ? 'high'
      : yesCount >= form.mediumRiskYesCount
        ? 'medium'
        : 'standard'

  const warnings: string[] = []
  if (unanswered.length > 0) warnings.push('checklist_incomplete')
  const actions: string[] = []
  if (criteria.length > 0) {
    const age = input.victimAge
    if (age != null && age < form.maracMinimumAge) {
      // MARAC does not take under-16s: the same concern goes to children's safeguarding instead.
      actions.push('child_safeguarding_referral')
      warnings.push('under_marac_minimum_age')
    } else {
      actions.push('raise_marac_referral')
    }
  }
  if (level === 'high') actions.push('refer_idva', 'agree_safety_plan')
  else if (level === 'medium') actions.push('refer_domestic_abuse_service', 'agree_safety_plan')
  else actions.push('give_domestic_abuse_information')
  actions.push(...followUps)

  return {
    ok: true,
    value: {
      formId: form.id,
      formVersion: form.version,
      yesCount,
      dontKnowCount,
      unanswered,
      level,
      maracCriteria: criteria,
      actions,
      warnings,
    },
  }
}
