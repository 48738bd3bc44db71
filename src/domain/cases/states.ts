// A case: the hub's work with one victim, from allocation to closure. Pure rules for which state
// changes are allowed, and what each one needs (a reason, a closure reason). The service records who
// and when; the rule says whether.

export const CASE_STATES = [
  'awaiting_first_contact',
  'contacting',
  'assessing',
  'supported',
  'stepped_down',
  'closed',
] as const
export type CaseState = (typeof CASE_STATES)[number]
export type OpenCaseState = Exclude<CaseState, 'closed'>

export const CASE_STATE_LABELS: Readonly<Record<CaseState, string>> = {
  awaiting_first_contact: 'Awaiting first contact',
  contacting: 'Contacting',
  assessing: 'Assessing needs',
  supported: 'Supported',
  stepped_down: 'Stepped down',
  closed: 'Closed',
}

export const CLOSURE_REASONS = [
  'support_completed',
  'declined_support',
  'not_contacted_after_attempts',
  'referred_on',
  'moved_out_of_area',
  'other',
] as const
export type ClosureReason = (typeof CLOSURE_REASONS)[number]

export const CLOSURE_REASON_LABELS: Readonly<Record<ClosureReason, string>> = {
  support_completed: 'Support completed',
  declined_support: 'Declined support',
  not_contacted_after_attempts: 'Could not be contacted after the attempt policy',
  referred_on: 'Referred on and support ended here',
  moved_out_of_area: 'Moved out of area',
  other: 'Other',
}

/** The forward moves between open states. Closing and reopening are their own actions. */
export const MOVES: Readonly<Record<OpenCaseState, readonly OpenCaseState[]>> = {
  awaiting_first_contact: ['contacting', 'assessing'],
  contacting: ['assessing'],
  assessing: ['supported', 'stepped_down'],
  supported: ['stepped_down', 'assessing'],
  stepped_down: ['supported', 'assessing'],
}

export type CaseAction =
  | { readonly kind: 'move'; readonly to: CaseState; readonly reason: string }
  | { readonly kind: 'close'; readonly reason: ClosureReason; readonly note: string }
  | { readonly kind: 'reopen'; readonly reason: string }

export type CaseFacts = {
  readonly state: CaseState
  /** When first contact with the victim was made, if it has been. */
  readonly firstContactedAt: Date | null
}

export type TransitionResult =
  | {
      readonly ok: true
      readonly state: CaseState
      readonly closure: { readonly reason: ClosureReason; readonly note: string | null } | null
    }
  | { readonly ok: false; readonly field: 'to' | 'reason' | 'note'; readonly message: string }

const refuse = (field: 'to' | 'reason' | 'note', message: string): TransitionResult => ({
  ok: false,
  field,
  message,
})

/** The open states a case in `state` may move to. */
export function movesFrom(state: CaseState): readonly OpenCaseState[] {
  return state === 'closed' ? [] : MOVES[state]
}

/** Where a reopened case goes: back to first contact if nobody reached the victim, else assessment. */
export const reopenState = (facts: CaseFacts): OpenCaseState =>
  facts.firstContactedAt ? 'assessing' : 'awaiting_first_contact'

/** Whether an action is allowed on a case, and the state it leaves. Every change needs a why. */
export function transition(facts: CaseFacts, action: CaseAction): TransitionResult {
  switch (action.kind) {
    case 'move': {
      if (facts.state === 'closed') return refuse('to', 'This case is closed: reopen it first')
      if (!(movesFrom(facts.state) as readonly CaseState[]).includes(action.to))
        return refuse(
          'to',
          `A case that is ${CASE_STATE_LABELS[facts.state].toLowerCase()} cannot become ${CASE_STATE_LABELS[action.to].toLowerCase()}`,
        )
      if (action.reason.trim() === '') return refuse('reason', 'Say why the case is changing')
      return { ok: true, state: action.to, closure: null }
    }
    case 'close': {
      if (facts.state === 'closed') return refuse('reason', 'This case is already closed')
      if (!CLOSURE_REASONS.includes(action.reason)) return refuse('reason', 'Choose why the case is closing')
      const note = action.note.trim()
      if (action.reason === 'other' && note === '') return refuse('note', 'Say why the case is closing')
      return { ok: true, state: 'closed', closure: { reason: action.reason, note: note || null } }
    }
    case 'reopen': {
      if (facts.state !== 'closed') return refuse('reason', 'Only a closed case can be reopened')
      if (action.reason.trim() === '') return refuse('reason', 'Say why the case is reopening')
      return { ok: true, state: reopenState(facts), closure: null }
    }
  }
}
