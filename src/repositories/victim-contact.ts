// A victim's contact details and safe-contact rules as one versioned record, and the details a change
// retired.
import type { Queryable } from '../db/transaction.ts'
import type { ContactRecord, RetiredContact } from '../domain/safe-contact/contact-change.ts'
import { selectRow, selectRows } from './rows.ts'

export type VersionedContact = ContactRecord & {
  version: number
  confidential: boolean
  changedAt: Date | null
}

/** The victim's contact record, locked for the transaction when `lock`. */
export async function contactOf(
  db: Queryable,
  victimId: string,
  lock = false,
): Promise<VersionedContact | undefined> {
  return selectRow<VersionedContact>(
    db,
    `SELECT phone_mobile, phone_other, email, address_line1, address_line2, town, postcode, safe_to_call,
       safe_to_text, safe_to_email, safe_to_leave_voicemail, safe_to_write, safe_days::int[] AS safe_days,
       to_char(safe_from, 'HH24:MI') AS safe_from, to_char(safe_to, 'HH24:MI') AS safe_to, someone_else_answers,
       safe_contact_notes, contact_version AS version, contact_confidential AS confidential,
       contact_changed_at AS changed_at
     FROM victims WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [victimId],
  )
}

export async function updateContact(
  db: Queryable,
  victimId: string,
  r: ContactRecord,
  values: { detailsChanged: boolean; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE victims SET phone_mobile = $2, phone_other = $3, email = $4, address_line1 = $5, address_line2 = $6,
       town = $7, postcode = $8, safe_to_call = $9, safe_to_text = $10, safe_to_email = $11,
       safe_to_leave_voicemail = $12, safe_to_write = $13, safe_days = $14, safe_from = $15, safe_to = $16,
       someone_else_answers = $17, safe_contact_notes = $18, contact_version = contact_version + 1,
       contact_confidential = contact_confidential OR $19,
       contact_changed_at = CASE WHEN $19 THEN $20 ELSE contact_changed_at END, updated_at = $20
     WHERE id = $1`,
    [
      victimId,
      r.phoneMobile,
      r.phoneOther,
      r.email,
      r.addressLine1,
      r.addressLine2,
      r.town,
      r.postcode,
      r.safeToCall,
      r.safeToText,
      r.safeToEmail,
      r.safeToLeaveVoicemail,
      r.safeToWrite,
      r.safeDays,
      r.safeFrom,
      r.safeTo,
      r.someoneElseAnswers,
      r.safeContactNotes,
      values.detailsChanged,
      values.at,
    ],
  )
}

export async function retire(
  db: Queryable,
  victimId: string,
  retired: readonly RetiredContact[],
  byLabel: string,
): Promise<void> {
  for (const r of retired)
    await db.query(
      'INSERT INTO retired_contacts (victim_id, kind, value, retired_by_label) VALUES ($1, $2, $3, $4)',
      [victimId, r.kind, r.value, byLabel],
    )
}

export async function retiredOf(db: Queryable, victimId: string): Promise<RetiredContact[]> {
  return selectRows<RetiredContact>(db, 'SELECT kind, value FROM retired_contacts WHERE victim_id = $1', [
    victimId,
  ])
}
