// Assessment forms as versioned data. A completed assessment stores the form id and version it was
// answered against, so changing a form never changes the meaning of old answers.
//
// Two forms:
// - the hub's needs assessment (the Code's Right 4 "needs assessment", done at first contact);
// - a domestic abuse risk checklist following the structure of the public 24-question DASH/SafeLives
//   checklist (yes / no / don't know, one point per yes, 14+ = visible high risk). The question
//   wording below is the hub's own plain-English rendering of each question's subject, not the
//   published text; a service that holds the SafeLives licence should load its own version.
import type { NeedLevel } from './levels.ts'

export const NEEDS_SECTIONS = [
  'safety_and_security',
  'health_physical',
  'health_mental',
  'emotional_impact',
  'practical',
  'financial',
  'housing',
  'justice_information',
  'family_and_dependants',
  'communication',
] as const
export type NeedsSectionId = (typeof NEEDS_SECTIONS)[number]

export type FieldType = 'yes_no' | 'text' | 'language_code'

export interface FieldDefinition {
  readonly id: string
  readonly label: string
  readonly type: FieldType
  /** when a yes_no field is answered yes, these actions follow whatever the section level */
  readonly actionsWhenYes?: readonly string[]
}

export interface SectionDefinition {
  readonly id: NeedsSectionId
  readonly title: string
  /** what the worker asks about, in plain words */
  readonly prompt: string
  readonly fields: readonly FieldDefinition[]
  /** actions that follow once the section's level reaches `atLeast` */
  readonly actions: readonly { readonly atLeast: NeedLevel; readonly action: string }[]
}

export interface RiskFlagDefinition {
  readonly id: string
  readonly label: string
  readonly actions: readonly string[]
  /** a flag can raise the overall level (never lower it) */
  readonly raisesOverallTo?: NeedLevel
}

export interface NeedsAssessmentForm {
  readonly id: string
  readonly version: number
  readonly title: string
  readonly sections: readonly SectionDefinition[]
  readonly riskFlags: readonly RiskFlagDefinition[]
}

export const needsAssessmentFormV1: NeedsAssessmentForm = {
  id: 'needs-assessment',
  version: 1,
  title: 'Needs assessment',
  sections: [
    {
      id: 'safety_and_security',
      title: 'Safety and security',
      prompt:
        'Do you feel safe at home and when you go out? Could the person who did this find or contact you?',
      fields: [
        { id: 'feels_unsafe_at_home', label: 'Feels unsafe at home', type: 'yes_no' },
        { id: 'offender_knows_address', label: 'The offender knows where they live', type: 'yes_no' },
      ],
      actions: [
        { atLeast: 'medium', action: 'agree_safety_plan' },
        { atLeast: 'high', action: 'urgent_safety_review' },
      ],
    },
    {
      id: 'health_physical',
      title: 'Physical health',
      prompt: 'Were you hurt? Do you need help with injuries, or to see a doctor?',
      fields: [],
      actions: [
        { atLeast: 'medium', action: 'signpost_gp_or_health_service' },
        { atLeast: 'high', action: 'refer_health_service' },
      ],
    },
    {
      id: 'health_mental',
      title: 'Mental health',
      prompt: 'How are you sleeping, eating and coping day to day? Has this affected your mental health?',
      fields: [],
      actions: [
        { atLeast: 'medium', action: 'refer_talking_therapies' },
        { atLeast: 'high', action: 'urgent_mental_health_referral' },
      ],
    },
    {
      id: 'emotional_impact',
      title: 'Emotional impact',
      prompt: 'How has this made you feel? Would it help to talk to someone?',
      fields: [],
      actions: [
        { atLeast: 'low', action: 'offer_emotional_support' },
        { atLeast: 'high', action: 'refer_specialist_counselling' },
      ],
    },
    {
      id: 'practical',
      title: 'Practical help',
      prompt: 'Do you need help making your home secure, replacing things, or dealing with damage?',
      fields: [
        {
          id: 'needs_security_items',
          label: 'Needs security items (locks, door chain, alarm, lighting)',
          type: 'yes_no',
          actionsWhenYes: ['arrange_security_items'],
        },
        { id: 'security_items', label: 'Which items', type: 'text' },
        {
          id: 'property_damaged_or_lost',
          label: 'Property damaged, stolen or lost',
          type: 'yes_no',
          actionsWhenYes: ['help_with_property_and_insurance'],
        },
        { id: 'property_notes', label: 'Property notes', type: 'text' },
      ],
      actions: [{ atLeast: 'medium', action: 'arrange_practical_help' }],
    },
    {
      id: 'financial',
      title: 'Money',
      prompt: 'Has this left you out of pocket or struggling with money?',
      fields: [
        {
          id: 'immediate_hardship',
          label: 'Cannot meet basic costs this week',
          type: 'yes_no',
          actionsWhenYes: ['apply_hardship_fund'],
        },
      ],
      actions: [
        { atLeast: 'medium', action: 'refer_financial_advice' },
        { atLeast: 'high', action: 'apply_hardship_fund' },
      ],
    },
    {
      id: 'housing',
      title: 'Housing',
      prompt: 'Can you stay where you live? Do you need to move, or are you at risk of losing your home?',
      fields: [
        {
          id: 'at_risk_of_losing_home',
          label: 'At risk of losing their home or needs to move',
          type: 'yes_no',
          actionsWhenYes: ['refer_housing'],
        },
      ],
      actions: [
        { atLeast: 'medium', action: 'housing_advice' },
        { atLeast: 'high', action: 'refer_housing' },
      ],
    },
    {
      id: 'justice_information',
      title: 'Information about the case and court',
      prompt: 'What would you like to know about the police investigation and what happens next?',
      fields: [
        {
          id: 'wants_case_updates',
          label: 'Wants police case updates through the hub',
          type: 'yes_no',
          actionsWhenYes: ['set_up_case_updates'],
        },
        {
          id: 'may_give_evidence',
          label: 'May have to give evidence in court',
          type: 'yes_no',
          actionsWhenYes: ['refer_witness_service'],
        },
      ],
      actions: [{ atLeast: 'medium', action: 'explain_justice_process' }],
    },
    {
      id: 'family_and_dependants',
      title: 'Family and people who depend on you',
      prompt: 'Who lives with you or relies on you? Has this affected them?',
      fields: [
        { id: 'children_in_household', label: 'Children in the household', type: 'yes_no' },
        { id: 'caring_responsibilities', label: 'Cares for an adult', type: 'yes_no' },
      ],
      actions: [
        { atLeast: 'medium', action: 'offer_whole_family_support' },
        { atLeast: 'high', action: 'consider_safeguarding_referral' },
      ],
    },
    {
      id: 'communication',
      title: 'Communication',
      prompt:
        'Which language do you prefer? Do you need an interpreter, or any adjustments because of a disability?',
      fields: [
        { id: 'language', label: 'Preferred language', type: 'language_code' },
        {
          id: 'interpreter_required',
          label: 'Needs an interpreter',
          type: 'yes_no',
          actionsWhenYes: ['book_interpreter'],
        },
        {
          id: 'disability_or_access_needs',
          label: 'Disability or access needs',
          type: 'yes_no',
          actionsWhenYes: ['make_reasonable_adjustments'],
        },
        { id: 'access_needs_notes', label: 'Adjustments needed', type: 'text' },
      ],
      actions: [{ atLeast: 'medium', action: 'adapt_communication' }],
    },
  ],
  riskFlags: [
    {
      id: 'immediate_danger',
      label: 'In immediate danger',
      actions: ['contact_police_now'],
      raisesOverallTo: 'high',
    },
    {
      id: 'suicide_or_self_harm',
      label: 'Talks of suicide or self-harm',
      actions: ['urgent_mental_health_referral'],
      raisesOverallTo: 'high',
    },
    {
      id: 'child_safeguarding_concern',
      label: 'Concern for a child’s safety',
      actions: ['child_safeguarding_referral'],
      raisesOverallTo: 'high',
    },
    {
      id: 'adult_safeguarding_concern',
      label: 'Concern for an adult at risk',
      actions: ['adult_safeguarding_referral'],
      raisesOverallTo: 'high',
    },
    {
      id: 'domestic_abuse_disclosed',
      label: 'Domestic abuse disclosed',
      actions: ['complete_domestic_abuse_risk_checklist'],
      raisesOverallTo: 'medium',
    },
    {
      id: 'repeat_victimisation',
      label: 'Has been targeted more than once',
      actions: ['give_prevention_advice', 'review_persistently_targeted'],
    },
    {
      id: 'offender_in_contact',
      label: 'Offender is still in contact',
      actions: ['agree_safety_plan'],
      raisesOverallTo: 'medium',
    },
    {
      id: 'unsafe_to_contact',
      label: 'Some contact channels are not safe',
      actions: ['review_safe_contact_details'],
    },
  ],
}

export const RISK_ANSWERS = ['yes', 'no', 'dont_know'] as const
export type RiskAnswer = (typeof RISK_ANSWERS)[number]

export interface RiskQuestion {
  readonly id: string
  readonly number: number
  readonly text: string
  /** a yes here opens a supplementary screening (as the police form does for isolation and stalking) */
  readonly followUpWhenYes?: string
}

export interface RiskChecklistForm {
  readonly id: string
  readonly version: number
  readonly title: string
  readonly basis: string
  readonly questions: readonly RiskQuestion[]
  /** yes answers needed for visible high risk (SafeLives: 14) */
  readonly highRiskYesCount: number
  /** yes answers for the medium band (a local banding, 10-13, not a national rule) */
  readonly mediumRiskYesCount: number
  /** MARAC works with victims aged 16 and over; younger victims go to children's safeguarding */
  readonly maracMinimumAge: number
  /** "potential escalation": this many domestic abuse events in 12 months (common practice: 3) */
  readonly escalationEventsIn12Months: number
}

// "They" is the person causing harm; the worker may use their name.
const questions: readonly [text: string, followUpWhenYes?: string][] = [
  ['Were you hurt this time? (Note what the injury was and whether it is the first.)'],
  ['Are you very scared?'],
  ['Are you afraid of what they will do next, to you or anyone else? (Note what and to whom.)'],
  [
    'Do they stop you seeing family, friends, your doctor or other people?',
    'honour_based_abuse_and_forced_marriage_questions',
  ],
  ['Are you feeling very low, or having thoughts of ending your life?'],
  ['Have you split up with them, or tried to, in the last 12 months?'],
  ['Do you disagree about the children seeing them?'],
  [
    'Do they keep calling, texting, following you or turning up when you do not want them to?',
    'stalking_screening',
  ],
  ['Are you pregnant, or have you had a baby in the last 18 months?'],
  ['Is the abuse happening more often than before?'],
  ['Is the abuse getting more serious?'],
  ['Do they try to control what you do, or get extremely jealous?'],
  ['Have they ever used a weapon or an object to hurt you?'],
  ['Have they ever said they would kill you or someone else, and you believed them?'],
  ['Have they ever tried to strangle, choke, smother or drown you?'],
  ['Do they make you do sexual things you do not want to, or hurt or humiliate you or others sexually?'],
  ['Is there anyone else who has threatened you, or who you are afraid of?'],
  ['Do you know if they have hurt anyone else?'],
  ['Have they ever hurt or been cruel to an animal or a pet?'],
  ['Are there money problems? For example, you depend on them for money, or they have lost their job.'],
  ['In the last year, have drink, drugs or their mental health stopped them leading a normal life?'],
  ['Have they ever threatened to take their own life, or tried to?'],
  ['Have they ever broken bail, a court order or an agreement about seeing you or the children?'],
  ['Do you know if they have been in trouble with the police or have a criminal record?'],
]

export const domesticAbuseRiskChecklistV1: RiskChecklistForm = {
  id: 'domestic-abuse-risk-checklist',
  version: 1,
  title: 'Domestic abuse risk checklist',
  basis:
    'Structure of the public 24-question DASH / SafeLives checklist (yes, no, don’t know; one point per ' +
    'yes; 14 or more = visible high risk; professional judgement can raise, never lower). Wording is ' +
    'the hub’s own.',
  questions: questions.map(([text, followUpWhenYes], index) => ({
    id: `q${index + 1}`,
    number: index + 1,
    text,
    ...(followUpWhenYes ? { followUpWhenYes } : {}),
  })),
  highRiskYesCount: 14,
  mediumRiskYesCount: 10,
  maracMinimumAge: 16,
  escalationEventsIn12Months: 3,
}
