// Victims: one row a person, with the latest safe contact details any referral gave, and merges (a
// merged victim points at the one it was folded into; its referrals follow).
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { VictimDraft } from '../domain/intake/chunk-decision.ts'
import { CONTACT_FIELD_NAMES, type NormalisedReferral } from '../domain/referral-feed/index.ts'
import { copyRows } from './bulk.ts'
import { selectRow } from './rows.ts'

const SAFETY_FLAG_COLUMNS = [
  'safe_to_call',
  'safe_to_text',
  'safe_to_email',
  'safe_to_leave_voicemail',
  'safe_to_write',
] as const

/** How to reach a victim safely: kept on each referral as it came and on the victim as the latest known. */
export const CONTACT_COLUMNS = [
  ...CONTACT_FIELD_NAMES,
  ...SAFETY_FLAG_COLUMNS,
  'contact_is_proxy',
  'language',
  'interpreter_required',
] as const

type ContactColumns = { [K in (typeof CONTACT_COLUMNS)[number]]: unknown }

/** The contact columns as a referral gave them (phone numbers in E.164). */
export function contactColumnsOf(r: NormalisedReferral): ContactColumns {
  return {
    address_line1: r.address_line1,
    address_line2: r.address_line2,
    town: r.town,
    postcode: r.postcode,
    phone_mobile: r.phone_mobile?.e164 ?? null,
    phone_other: r.phone_other?.e164 ?? null,
    email: r.email,
    preferred_contact: r.preferred_contact,
    safe_to_call: r.safe_to_call,
    safe_to_text: r.safe_to_text,
    safe_to_email: r.safe_to_email,
    safe_to_leave_voicemail: r.safe_to_leave_voicemail,
    safe_to_write: r.safe_to_write,
    safe_contact_notes: r.safe_contact_notes,
    // victim_type parent_guardian: the phone, email and address are the parent's or guardian's.
    contact_is_proxy: r.victim_type === 'parent_guardian',
    language: r.language,
    interpreter_required: r.interpreter_required,
  }
}

const VICTIM_COLUMNS = [
  'id',
  'title',
  'forename',
  'surname',
  'date_of_birth',
  'gender',
  ...CONTACT_COLUMNS,
  'force_code',
  'victim_person_ref',
  'created_at',
  'updated_at',
] as const

type VictimColumns = { [K in (typeof VICTIM_COLUMNS)[number]]: unknown }

function victimColumns(v: VictimDraft, at: string): VictimColumns {
  const r = v.record
  return {
    id: v.id,
    title: r.title,
    forename: r.forename ?? '',
    surname: r.surname ?? '',
    date_of_birth: r.date_of_birth,
    gender: r.gender,
    ...contactColumnsOf(r),
    force_code: r.force_code,
    victim_person_ref: r.victim_person_ref,
    created_at: at,
    updated_at: at,
  }
}

export interface StoredVictim {
  id: string
  title: string | null
  forename: string
  surname: string
  dateOfBirth: string | null
  gender: string | null
  addressLine1: string | null
  addressLine2: string | null
  town: string | null
  postcode: string | null
  phoneMobile: string | null
  phoneOther: string | null
  email: string | null
  preferredContact: string | null
  safeToCall: string
  safeToText: string
  safeToEmail: string
  safeToLeaveVoicemail: string
  safeToWrite: string
  safeContactNotes: string | null
  language: string
  interpreterRequired: string
  contactIsProxy: boolean
  forceCode: string | null
  victimPersonRef: string | null
  createdAt: Date
  updatedAt: Date
  mergedInto: string | null
  mergedAt: Date | null
  mergedBy: string | null
  /** A restriction set by hand (docs/adr/0025): first contact only. */
  restrictedByHand: boolean
  restrictedByHandReason: string | null
  restrictedByHandAt: Date | null
  restrictedByHandBy: string | null
}

export const insertVictims = (client: pg.PoolClient, victims: readonly VictimDraft[], at: Date) => {
  const iso = at.toISOString()
  return copyRows(
    client,
    'victims',
    VICTIM_COLUMNS,
    victims.map((v) => victimColumns(v, iso)),
  )
}

/**
 * Newer contact details for victims an accepted referral linked to. A blank field keeps what was known;
 * a safety flag is replaced unless the new record says nothing (U), so an "unsafe" is never forgotten
 * just because a later referral did not ask.
 */
export async function refreshVictimContacts(
  db: Queryable,
  victims: readonly VictimDraft[],
  at: Date,
): Promise<void> {
  if (victims.length === 0) return
  const iso = at.toISOString()
  const keep = (c: string) => `${c} = COALESCE(n.${c}, v.${c})`
  const flag = (c: string) => `${c} = CASE WHEN n.${c} = 'U' THEN v.${c} ELSE n.${c} END`
  await db.query(
    `UPDATE victims v SET
       ${['title', 'date_of_birth', 'gender', ...CONTACT_FIELD_NAMES].map(keep).join(', ')},
       ${[...SAFETY_FLAG_COLUMNS, 'interpreter_required'].map(flag).join(', ')},
       language = n.language,
       contact_is_proxy = n.contact_is_proxy,
       victim_person_ref = COALESCE(n.victim_person_ref, v.victim_person_ref),
       force_code = COALESCE(n.force_code, v.force_code),
       updated_at = n.updated_at
     FROM json_populate_recordset(NULL::victims, $1::json) n
     WHERE v.id = n.id`,
    [JSON.stringify(victims.map((v) => victimColumns(v, iso)))],
  )
}

/** The victim each id now stands for: itself, or the one it was (perhaps in turn) merged into. */
export async function victimRoots(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const { rows } = await db.query<{ id: string; root: string }>(
    'SELECT id, victim_root(id) AS root FROM unnest($1::uuid[]) AS id',
    [unique],
  )
  return new Map(rows.map((r) => [r.id, r.root]))
}

export async function findVictim(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredVictim | undefined> {
  return selectRow<StoredVictim>(
    db,
    `SELECT * FROM victims WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
}

/** Ids of victims merged (directly or through others) into `id`, `id` itself excluded. */
export async function victimsMergedInto(db: Queryable, id: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH RECURSIVE tree AS (
       SELECT id FROM victims WHERE merged_into = $1
       UNION ALL
       SELECT v.id FROM victims v JOIN tree t ON v.merged_into = t.id
     ) SELECT id FROM tree`,
    [id],
  )
  return rows.map((r) => r.id)
}

export async function markMerged(
  db: Queryable,
  mergeId: string,
  keepId: string,
  byUserId: string | null,
): Promise<void> {
  await db.query(
    'UPDATE victims SET merged_into = $2, merged_at = now(), merged_by = $3, updated_at = now() WHERE id = $1',
    [mergeId, keepId, byUserId],
  )
}

export async function clearMerged(db: Queryable, id: string): Promise<void> {
  await db.query(
    'UPDATE victims SET merged_into = NULL, merged_at = NULL, merged_by = NULL, updated_at = now() WHERE id = $1',
    [id],
  )
}

/**
 * Points every referral and received record whose original victim is one of `originals` at `victimId`.
 * Merge and unmerge both come down to this, so the current victim always follows merged_into.
 */
export async function repointToVictim(
  db: Queryable,
  originals: readonly string[],
  victimId: string,
): Promise<{ referrals: number; receipts: number }> {
  const referrals = await db.query(
    'UPDATE referrals SET victim_id = $2 WHERE original_victim_id = ANY($1::uuid[]) AND victim_id <> $2',
    [originals, victimId],
  )
  const receipts = await db.query(
    'UPDATE referral_receipts SET victim_id = $2 WHERE original_victim_id = ANY($1::uuid[]) AND victim_id <> $2',
    [originals, victimId],
  )
  return { referrals: referrals.rowCount ?? 0, receipts: receipts.rowCount ?? 0 }
}

/** Sets or lifts a victim's hand-set restriction (docs/adr/0025). */
export async function setRestrictedByHand(
  db: Queryable,
  id: string,
  change: { restricted: boolean; reason: string | null; by: string | null },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE victims SET restricted_by_hand = $2, restricted_by_hand_reason = $3,
       restricted_by_hand_at = CASE WHEN $2 THEN now() END, restricted_by_hand_by = CASE WHEN $2 THEN $4::uuid END
     WHERE id = $1 AND merged_into IS NULL`,
    [id, change.restricted, change.restricted ? change.reason : null, change.by],
  )
  return rowCount === 1
}

/** The kept victim's safe-contact answers after a merge: N from either side wins, then Y, then U; a
 * restriction set by hand on either side stays (docs/adr/0025). */
export async function keepMostCareful(db: Queryable, keepId: string, mergeId: string): Promise<void> {
  const careful = (c: string) =>
    `${c} = CASE WHEN 'N' IN (k.${c}, m.${c}) THEN 'N' WHEN 'Y' IN (k.${c}, m.${c}) THEN 'Y' ELSE 'U' END`
  await db.query(
    `UPDATE victims k SET
       ${SAFETY_FLAG_COLUMNS.map(careful).join(', ')},
       interpreter_required = CASE WHEN 'Y' IN (k.interpreter_required, m.interpreter_required) THEN 'Y'
         WHEN 'N' IN (k.interpreter_required, m.interpreter_required) THEN 'N' ELSE 'U' END,
       safe_contact_notes = CASE
         WHEN m.safe_contact_notes IS NULL OR m.safe_contact_notes = k.safe_contact_notes THEN k.safe_contact_notes
         WHEN k.safe_contact_notes IS NULL THEN m.safe_contact_notes
         ELSE k.safe_contact_notes || E'\n' || m.safe_contact_notes END,
       restricted_by_hand = k.restricted_by_hand OR m.restricted_by_hand,
       restricted_by_hand_reason = CASE WHEN k.restricted_by_hand THEN k.restricted_by_hand_reason
         ELSE m.restricted_by_hand_reason END,
       restricted_by_hand_at = CASE WHEN k.restricted_by_hand THEN k.restricted_by_hand_at ELSE m.restricted_by_hand_at END,
       restricted_by_hand_by = CASE WHEN k.restricted_by_hand THEN k.restricted_by_hand_by ELSE m.restricted_by_hand_by END,
       updated_at = now()
     FROM victims m WHERE k.id = $1 AND m.id = $2`,
    [keepId, mergeId],
  )
}
