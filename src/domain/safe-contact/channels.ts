// Safe contact: which ways of reaching a victim exist, and which of them the hub may use. Every module
// that contacts a victim (first contact, case work, messages, police case updates) asks `mayUseChannel`
// first: a channel the victim marked unsafe (N) is never used. The fields are named as the police feed
// names them, the shape every stored referral and contact record keeps.

import type { Phone } from '../referral-feed/contacts.ts'
import type { Flag } from '../referral-feed/fields.ts'

export const CHANNELS = ['call', 'text', 'email', 'letter'] as const
export type Channel = (typeof CHANNELS)[number]

/** The contact details a channel needs; a NormalisedReferral has this shape. */
export interface ContactDetails {
  readonly phone_mobile: Phone | null
  readonly phone_other: Phone | null
  readonly email: string | null
  readonly address_line1: string | null
  /** Already validated and normalised: null when missing or invalid. */
  readonly postcode: string | null
}

export interface SafetyFlags {
  readonly safe_to_call: Flag
  readonly safe_to_text: Flag
  readonly safe_to_email: Flag
  readonly safe_to_leave_voicemail: Flag
  readonly safe_to_write: Flag
}

export const SAFETY_FLAG_FOR: Readonly<Record<Channel, keyof SafetyFlags>> = {
  call: 'safe_to_call',
  text: 'safe_to_text',
  email: 'safe_to_email',
  letter: 'safe_to_write',
}

/** The phone numbers usable for a call, mobile first. */
export function callNumbers(details: ContactDetails): Phone[] {
  const phones = [details.phone_mobile, details.phone_other].filter((p): p is Phone => p !== null)
  return [...phones.filter((p) => p.mobile), ...phones.filter((p) => !p.mobile)]
}

/** The numbers usable for a text message: UK mobiles only, whichever field they came in. */
export function textNumbers(details: ContactDetails): Phone[] {
  return callNumbers(details).filter((p) => p.mobile)
}

/** True when the record holds what the channel needs (whether or not it is safe to use). */
export function hasChannel(channel: Channel, details: ContactDetails): boolean {
  switch (channel) {
    // Asked of every record received, so answered without building the number lists.
    case 'call':
      return details.phone_mobile !== null || details.phone_other !== null
    case 'text':
      return details.phone_mobile?.mobile === true || details.phone_other?.mobile === true
    case 'email':
      return details.email !== null
    case 'letter':
      return details.address_line1 !== null && details.postcode !== null
  }
}

/** The usable channels in `CHANNELS` order. */
export function usableChannels(details: ContactDetails): Channel[] {
  return CHANNELS.filter((c) => hasChannel(c, details))
}

/**
 * Whether the victim's safety flags allow a channel. Only `N` forbids: `U` (not asked) allows,
 * but callers may want to show staff that nobody asked. Voicemail is a permission on calls, so it
 * is forbidden whenever calls are.
 */
export function channelPermitted(channel: Channel | 'voicemail', flags: SafetyFlags): boolean {
  if (channel === 'voicemail') return flags.safe_to_call !== 'N' && flags.safe_to_leave_voicemail !== 'N'
  return flags[SAFETY_FLAG_FOR[channel]] !== 'N'
}

/**
 * The single question every contacting module asks: may the hub reach this victim this way now?
 * True only when the details exist and the victim has not said the channel is unsafe.
 */
export function mayUseChannel(channel: Channel | 'voicemail', record: ContactDetails & SafetyFlags): boolean {
  const needs: Channel = channel === 'voicemail' ? 'call' : channel
  return hasChannel(needs, record) && channelPermitted(channel, record)
}

/** Usable channels whose safety flag is not `N`. */
export function safeChannels(record: ContactDetails & SafetyFlags): Channel[] {
  return usableChannels(record).filter((c) => channelPermitted(c, record))
}

/**
 * Safe channels with the preferred one first (when it is safe), then `CHANNELS` order. An unsafe or
 * unusable preference is ignored, never honoured.
 */
export function safeChannelsPreferring(
  record: ContactDetails & SafetyFlags,
  preferred: Channel | null,
): Channel[] {
  const safe = safeChannels(record)
  if (preferred === null || !safe.includes(preferred)) return safe
  return [preferred, ...safe.filter((c) => c !== preferred)]
}
