// The feed's contact fields read as channels: which ways of reaching the victim a record offers, which
// the victim allows, and the `no_contact_route` / `no_safe_channel` checks intake quarantines on. The
// rule itself (may the hub use this channel?) is safe contact's: ../safe-contact/channels.ts.

import {
  type Channel,
  type ContactDetails,
  channelPermitted,
  mayUseChannel,
  type SafetyFlags,
  safeChannelsPreferring,
  usableChannels,
} from '../safe-contact/channels.ts'
import type { PreferredContact } from './fields.ts'

/** The feed's `preferred_contact` values as channels. */
export const CHANNEL_FOR_PREFERENCE: Readonly<Record<PreferredContact, Channel>> = {
  phone: 'call',
  sms: 'text',
  email: 'email',
  letter: 'letter',
}

/** Safe channels with the victim's preferred one first (when it is safe), then `CHANNELS` order. */
export function channelsInPreferenceOrder(
  record: ContactDetails & SafetyFlags & { readonly preferred_contact: PreferredContact | null },
): Channel[] {
  const preferred = record.preferred_contact ? CHANNEL_FOR_PREFERENCE[record.preferred_contact] : null
  return safeChannelsPreferring(record, preferred)
}

export interface ChannelAssessment {
  readonly usable: Channel[]
  readonly safe: Channel[]
  /** No usable channel at all: `no_contact_route`. */
  readonly noContactRoute: boolean
  /** At least one usable channel and every one of them is marked `N`: `no_safe_channel`. */
  readonly noSafeChannel: boolean
  readonly voicemailPermitted: boolean
}

export function assessChannels(record: ContactDetails & SafetyFlags): ChannelAssessment {
  const usable = usableChannels(record)
  const safe = usable.filter((c) => channelPermitted(c, record))
  return {
    usable,
    safe,
    noContactRoute: usable.length === 0,
    noSafeChannel: usable.length > 0 && safe.length === 0,
    voicemailPermitted: mayUseChannel('voicemail', record),
  }
}
