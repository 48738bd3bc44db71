// What happened when a worker tried to reach a victim, and whether it counts as reaching them.

export const CONTACT_OUTCOMES = [
  'spoke',
  'no_answer',
  'voicemail_left',
  'wrong_number',
  'not_safe_to_talk',
  'declined_support',
  'sent',
] as const
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number]

export const CONTACT_OUTCOME_LABELS: Readonly<Record<ContactOutcome, string>> = {
  spoke: 'Spoke to the victim',
  no_answer: 'No answer',
  voicemail_left: 'Voicemail left',
  wrong_number: 'Wrong number',
  not_safe_to_talk: 'Not safe to talk',
  declined_support: 'Declined support',
  sent: 'Sent (a text, email or letter)',
}

/** Outcomes that mean the victim was reached: first contact is made, whether or not they want support. */
export const REACHED: ReadonlySet<ContactOutcome> = new Set(['spoke', 'declined_support'])

export const reachedVictim = (outcome: ContactOutcome): boolean => REACHED.has(outcome)
