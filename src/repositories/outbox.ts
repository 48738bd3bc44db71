// The outbox of messages to victims: written with the action that causes each one, claimed and sent by
// the outbox job, and updated with what GOV.UK Notify says became of it.
import type { Queryable } from '../db/transaction.ts'
import type { MessageChannel, MessageLanguage, MessageType } from '../domain/messaging/message.ts'
import type { RestrictedScope } from '../domain/victims/access-policy.ts'
import { reachesVictimSql } from './need-to-know.ts'
import { selectRow, selectRows } from './rows.ts'

export type OutboxStatus =
  | 'pending'
  | 'sending'
  | 'accepted'
  | 'kept'
  | 'delivered'
  | 'permanent_failure'
  | 'temporary_failure'
  | 'refused'

export type OutboxMessage = {
  id: string
  victimId: string
  caseId: string | null
  attemptId: string | null
  messageType: MessageType
  channel: MessageChannel
  language: MessageLanguage
  placeholders: Record<string, string>
  status: OutboxStatus
  tries: number
  providerId: string | null
  providerStatus: string | null
  lastError: string | null
  createdAt: Date
  acceptedAt: Date | null
  completedAt: Date | null
}

const COLUMN_NAMES = [
  'id',
  'victim_id',
  'case_id',
  'attempt_id',
  'message_type',
  'channel',
  'language',
  'placeholders',
  'status',
  'tries',
  'provider_id',
  'provider_status',
  'last_error',
  'created_at',
  'accepted_at',
  'completed_at',
]
const COLUMNS = COLUMN_NAMES.join(', ')

export async function enqueue(
  db: Queryable,
  values: {
    victimId: string
    caseId: string | null
    attemptId: string | null
    messageType: MessageType
    channel: MessageChannel
    language: MessageLanguage
    placeholders: Record<string, string>
  },
): Promise<string> {
  const row = await selectRow<{ id: string }>(
    db,
    `INSERT INTO outbox_messages (victim_id, case_id, attempt_id, message_type, channel, language, placeholders)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      values.victimId,
      values.caseId,
      values.attemptId,
      values.messageType,
      values.channel,
      values.language,
      JSON.stringify(values.placeholders),
    ],
  )
  if (!row) throw new Error('insert into outbox_messages returned no row')
  return row.id
}

/**
 * Claims messages due to be sent: pending ones whose time has come, and ones a process claimed and
 * never finished (it stopped mid-send) once their lease is over. Each claim counts a try.
 */
export async function claimDue(
  db: Queryable,
  limit: number,
  now: Date,
  leaseSeconds: number,
): Promise<OutboxMessage[]> {
  return selectRows<OutboxMessage>(
    db,
    `UPDATE outbox_messages SET status = 'sending', tries = tries + 1, claimed_at = $2
     WHERE id IN (
       SELECT id FROM outbox_messages
       WHERE (status = 'pending' AND next_try_at <= $2)
          OR (status = 'sending' AND claimed_at < $2::timestamptz - make_interval(secs => $3))
       ORDER BY next_try_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [limit, now, leaseSeconds],
  )
}

export async function markAccepted(
  db: Queryable,
  id: string,
  values: { providerId: string; kept: boolean; sentTo: unknown; at: Date; content?: unknown },
): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = $2, provider_id = $3, sent_to = coalesce($4, sent_to), accepted_at = $5,
       last_error = NULL, provider_status = CASE WHEN $2 = 'kept' THEN 'kept' ELSE 'created' END,
       content = coalesce($6, content)
     WHERE id = $1`,
    [
      id,
      values.kept ? 'kept' : 'accepted',
      values.providerId,
      values.sentTo === null ? null : JSON.stringify(values.sentTo),
      values.at,
      values.content === undefined ? null : JSON.stringify(values.content),
    ],
  )
}

export async function markRetry(db: Queryable, id: string, error: string, nextTryAt: Date): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = 'pending', last_error = $2, next_try_at = $3, claimed_at = NULL WHERE id = $1`,
    [id, error, nextTryAt],
  )
}

export async function markFinal(
  db: Queryable,
  id: string,
  status: 'delivered' | 'permanent_failure' | 'temporary_failure' | 'refused',
  values: { error?: string | null; providerStatus?: string | null; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = $2, last_error = coalesce($3, last_error),
       provider_status = coalesce($4, provider_status), completed_at = $5, status_checked_at = $5
     WHERE id = $1`,
    [id, status, values.error ?? null, values.providerStatus ?? null, values.at],
  )
}

/** Accepted messages whose delivery status has not been read for `olderThanSeconds`. */
export async function acceptedToCheck(
  db: Queryable,
  limit: number,
  now: Date,
  olderThanSeconds: number,
): Promise<OutboxMessage[]> {
  return selectRows<OutboxMessage>(
    db,
    `SELECT ${COLUMNS} FROM outbox_messages WHERE status = 'accepted'
       AND coalesce(status_checked_at, accepted_at) <= $2::timestamptz - make_interval(secs => $3)
     ORDER BY coalesce(status_checked_at, accepted_at) LIMIT $1`,
    [limit, now, olderThanSeconds],
  )
}

export async function markChecked(
  db: Queryable,
  id: string,
  providerStatus: string,
  at: Date,
): Promise<void> {
  await db.query('UPDATE outbox_messages SET provider_status = $2, status_checked_at = $3 WHERE id = $1', [
    id,
    providerStatus,
    at,
  ])
}

export async function messagesOfCase(db: Queryable, caseId: string): Promise<OutboxMessage[]> {
  return selectRows<OutboxMessage>(
    db,
    `SELECT ${COLUMNS} FROM outbox_messages WHERE case_id = $1 ORDER BY created_at DESC`,
    [caseId],
  )
}

export async function findMessage(db: Queryable, id: string): Promise<OutboxMessage | undefined> {
  return selectRow<OutboxMessage>(db, `SELECT ${COLUMNS} FROM outbox_messages WHERE id = $1`, [id])
}

export type RecipientRow = {
  forename: string
  surname: string
  phoneMobile: string | null
  phoneOther: string | null
  email: string | null
  addressLine1: string | null
  addressLine2: string | null
  town: string | null
  postcode: string | null
}

export async function recipientOf(db: Queryable, victimId: string): Promise<RecipientRow | undefined> {
  return selectRow<RecipientRow>(
    db,
    `SELECT forename, surname, phone_mobile, phone_other, email, address_line1, address_line2, town, postcode
     FROM victims WHERE id = $1`,
    [victimId],
  )
}

export type OutboxListRow = OutboxMessage & {
  victimName: string
  content: { subject: string | null; body: string } | null
  sentTo: unknown
}

/** The newest messages the viewer may see (need to know through their cases), for the outbox page. */
export async function listMessages(
  db: Queryable,
  options: { scope: RestrictedScope; limit: number; offset: number },
): Promise<{ rows: OutboxListRow[]; total: number }> {
  // A message is the victim's record: it reaches whoever may see the victim (the one access policy).
  const where = reachesVictimSql(options.scope, 'm.victim_id')
  const rows = await selectRows<OutboxListRow>(
    db,
    `SELECT ${COLUMN_NAMES.map((c) => `m.${c}`).join(', ')}, m.content, m.sent_to, v.forename || ' ' || v.surname AS victim_name
     FROM outbox_messages m JOIN victims v ON v.id = m.victim_id
     WHERE ${where} ORDER BY m.created_at DESC, m.id LIMIT ${Number(options.limit)} OFFSET ${Number(options.offset)}`,
  )
  const count = await selectRow<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM outbox_messages m WHERE ${where}`,
  )
  return { rows, total: count?.n ?? 0 }
}
