// The victim's safe-contact rules, as stored, turned into what the domain rule reads.
import { normalisePhone } from '../../domain/referral-feed/contacts.ts'
import type { SafeContactRules } from '../../domain/safe-contact/contact-rule.ts'
import type { SafeContactRow } from '../../repositories/cases.ts'

/** The victim's safe-contact rules as the domain rule reads them. */
export function rulesFrom(row: SafeContactRow): SafeContactRules {
  const phone = (e164: string | null) => (e164 ? normalisePhone(e164) : null)
  return {
    phone_mobile: phone(row.phoneMobile),
    phone_other: phone(row.phoneOther),
    email: row.email,
    address_line1: row.addressLine1,
    postcode: row.postcode,
    safe_to_call: row.safeToCall,
    safe_to_text: row.safeToText,
    safe_to_email: row.safeToEmail,
    safe_to_leave_voicemail: row.safeToLeaveVoicemail,
    safe_to_write: row.safeToWrite,
    safeTimes: { days: row.safeDays, from: row.safeFrom, to: row.safeTo },
  }
}
