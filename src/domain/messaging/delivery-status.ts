// What became of a message, in the words GOV.UK Notify uses, and what the hub does next about it.
// Notify's statuses (docs.notifications.service.gov.uk, "Get message status": email, text message and
// letter status descriptions):
//   email and text: created, sending, pending (text), sent (text to an international number),
//                   delivered, permanent-failure, temporary-failure, technical-failure
//   letter:         accepted, received (printed and posted), cancelled, technical-failure,
//                   permanent-failure, and for precompiled letters pending-virus-check,
//                   virus-scan-failed, validation-failed
// Notify stops trying at a temporary-failure too: every status but the waiting ones is final.

import type { MessageChannel } from './message.ts'

export type DeliveryState =
  /** No Notify key is set: the message is in the outbox for staff, nothing was sent. */
  | 'kept'
  /** Notify has it and is still trying (or the printer has it). */
  | 'pending'
  /** Delivered to the phone or inbox; for a letter, printed and posted. */
  | 'delivered'
  /** The number or address is wrong, or the letter cannot be printed: do not send there again. */
  | 'permanent-failure'
  /** Phone off, inbox full: the recipient could not take it now. */
  | 'temporary-failure'
  /** A fault between Notify and its provider: nothing reached the recipient. */
  | 'technical-failure'
  /** Cancelled in Notify before it was posted. */
  | 'cancelled'
  /** A status word this hub does not know (Notify added one): treated as still pending. */
  | 'unknown'

/** What a caseworker or the outbox job should do about a message in that state. */
export type NextStep = 'wait' | 'done' | 'check-contact-details' | 'try-again-later' | 'send-again'

export interface DeliveryOutcome {
  readonly state: DeliveryState
  /** True when Notify will not change it any more. */
  readonly final: boolean
  readonly nextStep: NextStep
}

const OUTCOMES: Readonly<Record<DeliveryState, Omit<DeliveryOutcome, 'state'>>> = {
  kept: { final: false, nextStep: 'wait' },
  pending: { final: false, nextStep: 'wait' },
  unknown: { final: false, nextStep: 'wait' },
  delivered: { final: true, nextStep: 'done' },
  'permanent-failure': { final: true, nextStep: 'check-contact-details' },
  'temporary-failure': { final: true, nextStep: 'try-again-later' },
  'technical-failure': { final: true, nextStep: 'send-again' },
  cancelled: { final: true, nextStep: 'done' },
}

const STATE_FOR_NOTIFY_STATUS: Readonly<Record<string, DeliveryState>> = {
  created: 'pending',
  sending: 'pending',
  pending: 'pending',
  accepted: 'pending',
  'pending-virus-check': 'pending',
  // Some countries' networks say no more than "sent": the best Notify can tell.
  sent: 'delivered',
  delivered: 'delivered',
  received: 'delivered',
  'permanent-failure': 'permanent-failure',
  'validation-failed': 'permanent-failure',
  'virus-scan-failed': 'permanent-failure',
  'temporary-failure': 'temporary-failure',
  'technical-failure': 'technical-failure',
  cancelled: 'cancelled',
}

/** The hub's reading of a Notify status word. */
export function outcomeOfNotifyStatus(status: string): DeliveryOutcome {
  const state = STATE_FOR_NOTIFY_STATUS[status] ?? 'unknown'
  return { state, ...OUTCOMES[state] }
}

export function outcomeOf(state: DeliveryState): DeliveryOutcome {
  return { state, ...OUTCOMES[state] }
}

/** Notify's answer to "what became of message X", in the hub's terms. */
export interface DeliveryReport extends DeliveryOutcome {
  readonly providerId: string
  readonly reference: string | null
  readonly channel: MessageChannel
  /** The status word exactly as Notify gave it ("delivered", "permanent-failure"…), or "kept". */
  readonly providerStatus: string
  readonly createdAt: Date
  readonly sentAt: Date | null
  readonly completedAt: Date | null
}
