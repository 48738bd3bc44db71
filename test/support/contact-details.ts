// Contact details and safety flags the safe-contact and referral-feed tests share.
import type { ContactDetails, SafetyFlags } from '../../src/domain/safe-contact/channels.ts'

export const mobile = { e164: '+447700900123', mobile: true }
export const landline = { e164: '+441926123456', mobile: false }

/** No way of reaching the victim at all. */
export const none: ContactDetails = {
  phone_mobile: null,
  phone_other: null,
  email: null,
  address_line1: null,
  postcode: null,
}

/** Every way: a mobile, a landline, an email and a full address. */
export const all: ContactDetails = {
  phone_mobile: mobile,
  phone_other: landline,
  email: 'a@example.org',
  address_line1: '1 High St',
  postcode: 'CV34 4AB',
}

/** Nobody asked the victim about any channel. */
export const unasked: SafetyFlags = {
  safe_to_call: 'U',
  safe_to_text: 'U',
  safe_to_email: 'U',
  safe_to_leave_voicemail: 'U',
  safe_to_write: 'U',
}
