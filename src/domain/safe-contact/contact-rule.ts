// The one rule every contact with a victim goes through: a worker recording a call, a text or a letter,
// an automatic message, anything the API starts. It refuses a channel the victim marked unsafe (or has
// no details for), a contact outside the times and days the victim said are safe, and a voicemail where
// voicemail is not allowed. A refused contact is not made and nothing is recorded as sent.
import { DateTime } from 'luxon'
import {
  type Channel,
  type ContactDetails,
  channelPermitted,
  hasChannel,
  type SafetyFlags,
} from './channels.ts'

/** The ways a worker may try to reach a victim. */
export const CONTACT_METHODS = ['phone_call', 'text', 'email', 'letter', 'in_person', 'video'] as const
export type ContactMethod = (typeof CONTACT_METHODS)[number]

export const CONTACT_METHOD_LABELS: Readonly<Record<ContactMethod, string>> = {
  phone_call: 'Phone call',
  text: 'Text message',
  email: 'Email',
  letter: 'Letter',
  in_person: 'In person',
  video: 'Video call',
}

/** The channel whose safety flag governs a method; in person and video have none of their own. */
export const CHANNEL_OF: Readonly<Record<ContactMethod, Channel | null>> = {
  phone_call: 'call',
  text: 'text',
  email: 'email',
  letter: 'letter',
  in_person: null,
  video: null,
}

/** When the victim said contact is safe, in London time. Empty days and null times mean any. */
export interface SafeTimes {
  /** ISO weekdays, 1 Monday to 7 Sunday; empty = every day. */
  readonly days: readonly number[]
  /** `HH:MM`, inclusive; null = from the start of the day. */
  readonly from: string | null
  /** `HH:MM`, exclusive; null = to the end of the day. */
  readonly to: string | null
}

export const ANY_TIME: SafeTimes = { days: [], from: null, to: null }

export type SafeContactRules = ContactDetails & SafetyFlags & { readonly safeTimes: SafeTimes }

export interface AttemptedContact {
  readonly method: ContactMethod
  /** True when the contact leaves a voicemail (the outcome "voicemail left"). */
  readonly voicemail: boolean
  readonly at: Date
}

export type ContactRefusal = 'unsafe_channel' | 'no_details' | 'outside_safe_times' | 'voicemail_not_allowed'

export type ContactDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly refusal: ContactRefusal; readonly message: string }

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Whether an instant falls in the victim's safe times (London days and clock times). */
export function withinSafeTimes(times: SafeTimes, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: 'Europe/London' })
  if (times.days.length > 0 && !times.days.includes(local.weekday)) return false
  const now = local.hour * 60 + local.minute
  if (times.from !== null && now < minutes(times.from)) return false
  if (times.to !== null && now >= minutes(times.to)) return false
  return true
}

/** "Monday to Friday, 10:00 to 14:00" for the page that shows the rules. */
export function describeSafeTimes(times: SafeTimes): string {
  const days =
    times.days.length === 0
      ? 'Any day'
      : [...times.days]
          .sort()
          .map((d) => DAY_NAMES[d - 1])
          .join(', ')
  const hours =
    times.from === null && times.to === null
      ? 'any time'
      : `${times.from ?? '00:00'} to ${times.to ?? '24:00'}`
  return `${days}, ${hours}`
}

/** The rule. Asked before every contact; `ok: false` means the contact must not be made or recorded. */
export function checkContact(rules: SafeContactRules, contact: AttemptedContact): ContactDecision {
  const channel = CHANNEL_OF[contact.method]
  const label = CONTACT_METHOD_LABELS[contact.method]
  if (channel !== null) {
    if (!channelPermitted(channel, rules))
      return {
        ok: false,
        refusal: 'unsafe_channel',
        message: `The victim said ${label.toLowerCase()}s are not safe: choose another way to contact them`,
      }
    if (!hasChannel(channel, rules))
      return {
        ok: false,
        refusal: 'no_details',
        message: `There are no details for a ${label.toLowerCase()}: choose another way to contact them`,
      }
  }
  if (contact.voicemail && !channelPermitted('voicemail', rules))
    return {
      ok: false,
      refusal: 'voicemail_not_allowed',
      message: 'The victim said a voicemail is not safe: do not leave one',
    }
  // A letter or an email is read when the victim opens it, not when it is sent: safe times are for
  // contact that reaches them at once.
  const immediate = contact.method !== 'letter' && contact.method !== 'email'
  if (immediate && !withinSafeTimes(rules.safeTimes, contact.at))
    return {
      ok: false,
      refusal: 'outside_safe_times',
      message: `This is outside the times the victim said are safe (${describeSafeTimes(rules.safeTimes)})`,
    }
  return { ok: true }
}

/**
 * Runs `act` only when the contact is safe: the one door every path that contacts a victim goes
 * through. A refused contact returns the refusal and `act` never runs.
 */
export async function contactSafely<T>(
  rules: SafeContactRules,
  contact: AttemptedContact,
  act: () => Promise<T>,
): Promise<{ ok: true; value: T } | Extract<ContactDecision, { ok: false }>> {
  const decision = checkContact(rules, contact)
  if (!decision.ok) return decision
  return { ok: true, value: await act() }
}
