// The outbox: messages written with the action that causes them (enqueueMessage, inside the action's
// transaction), sent by the outbox job with retries and backoff, and followed until GOV.UK Notify says
// what became of them. Each message's id is its Notify reference: a message whose earlier try may have
// reached Notify is looked up by it before being sent again, so a retry never sends twice. Every
// message passes the safe-contact rule again when it is sent, against the victim's details then.
import type pg from 'pg'
import { type Queryable, withTransaction } from '../../db/transaction.ts'
import {
  MessagingConfigurationError,
  PermanentMessageError,
  RetryableMessageError,
} from '../../domain/messaging/errors.ts'
import type { MessageChannel, MessageLanguage, MessageType } from '../../domain/messaging/message.ts'
import { textNumbers } from '../../domain/safe-contact/channels.ts'
import { addressKey } from '../../domain/safe-contact/contact-change.ts'
import { checkContact } from '../../domain/safe-contact/contact-rule.ts'
import type { Role } from '../../domain/staff/roles.ts'
import { scopeOf } from '../../domain/victims/access-policy.ts'
import * as casesRepo from '../../repositories/cases.ts'
import * as outboxRepo from '../../repositories/outbox.ts'
import * as contactRepo from '../../repositories/victim-contact.ts'
import type { Actor, AuditService } from '../audit.ts'
import { SYSTEM_ACTOR } from '../audit.ts'
import { rulesFrom } from '../cases/rules.ts'
import type { MessagingService, Recipient } from './index.ts'

/** Tries of one message before a temporary problem (rate limits, Notify down) counts as a failure. */
export const MAX_TRIES = 8
/** How long a claimed message is left to the process sending it before another may take it. */
export const LEASE_SECONDS = 120
/** How often an accepted message's delivery status is read back. */
export const STATUS_CHECK_SECONDS = 60

const OUTBOX_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'outbox' }

/** Writes a message into the outbox inside the caller's transaction: sent only if that commits. */
export async function enqueueMessage(
  client: Queryable,
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
  return outboxRepo.enqueue(client, values)
}

/** Seconds before try `tries + 1`: 5, 10, 20… up to an hour, never sooner than Notify asked. */
export const backoffSeconds = (tries: number, retryAfter = 0) =>
  Math.max(retryAfter, Math.min(3600, 5 * 2 ** Math.max(0, tries - 1)))

export type OutboxRun = {
  sent: number
  kept: number
  alreadySent: number
  retried: number
  failed: number
  refused: number
  statusesRead: number
  more: boolean
}

export function createOutboxService(
  pool: pg.Pool,
  audit: AuditService,
  messaging: MessagingService,
  settings: { senderName: string; contactPhone: string },
) {
  /** A permanent failure: the case gets a task and an event, and the audit log a row. */
  const failed = async (message: outboxRepo.OutboxMessage, reason: string, at: Date) =>
    withTransaction(pool, async (client) => {
      await outboxRepo.markFinal(client, message.id, 'permanent_failure', { error: reason, at })
      if (message.caseId) {
        await casesRepo.openCaseTask(client, {
          caseId: message.caseId,
          kind: 'message_failed',
          dueOn: at.toISOString().slice(0, 10),
          details: { messageId: message.id, channel: message.channel, reason },
        })
        await casesRepo.addEvent(client, {
          caseId: message.caseId,
          kind: 'message_failed',
          reason,
          by: { userId: null, label: OUTBOX_ACTOR.label },
          at,
          details: { messageId: message.id, channel: message.channel },
        })
      }
      await audit.recordWith(client, OUTBOX_ACTOR, {
        action: 'message.failed',
        recordType: 'outbox_message',
        recordId: message.id,
        details: { channel: message.channel, reason },
      })
    })

  /** Where the message goes now, if the victim's rules allow it; else why not. */
  const addressFor = async (
    message: outboxRepo.OutboxMessage,
    at: Date,
  ): Promise<{ ok: true; recipient: Recipient } | { ok: false; reason: string }> => {
    const [who, rulesRow] = await Promise.all([
      outboxRepo.recipientOf(pool, message.victimId),
      casesRepo.safeContactOfVictim(pool, message.victimId),
    ])
    if (!who || !rulesRow) return { ok: false, reason: 'The victim record is gone' }
    const rules = rulesFrom(rulesRow)
    const decision = checkContact(rules, { method: message.channel, voicemail: false, at })
    if (!decision.ok) return { ok: false, reason: decision.message }
    const retired = await contactRepo.retiredOf(pool, message.victimId)
    const isRetired = (kind: 'phone' | 'email' | 'address', value: string | null) =>
      value !== null && retired.some((r) => r.kind === kind && r.value === value)
    if (message.channel === 'text') {
      const number = textNumbers(rules)[0]
      return number
        ? { ok: true, recipient: { phoneNumber: number.e164 } }
        : { ok: false, reason: 'No mobile number' }
    }
    if (isRetired('email', who.email))
      return { ok: false, reason: 'That email address was replaced and is unsafe' }
    if (message.channel === 'email')
      return who.email
        ? { ok: true, recipient: { emailAddress: who.email } }
        : { ok: false, reason: 'No email address' }
    if (isRetired('address', addressKey(who.addressLine1, who.postcode)))
      return { ok: false, reason: 'That address was replaced and is unsafe' }
    const lines = [
      `${who.forename} ${who.surname}`,
      who.addressLine1,
      who.addressLine2,
      who.town,
      who.postcode,
    ].filter((l): l is string => Boolean(l))
    return { ok: true, recipient: { addressLines: lines } }
  }

  const sendOne = async (message: outboxRepo.OutboxMessage, now: Date, run: OutboxRun) => {
    // A message tried before may have reached Notify with its answer lost: look before sending again.
    if (message.tries > 1) {
      const found = await messaging.findByReference(message.id).catch(() => [])
      const earlier = found[0]
      if (earlier) {
        await outboxRepo.markAccepted(pool, message.id, {
          providerId: earlier.providerId,
          kept: messaging.mode === 'outbox-only',
          sentTo: null,
          at: now,
        })
        run.alreadySent += 1
        return
      }
    }
    const address = await addressFor(message, now)
    if (!address.ok) {
      // Nothing is sent: the rule refused it, or the details it needs are gone.
      await outboxRepo.markFinal(pool, message.id, 'refused', { error: address.reason, at: now })
      run.refused += 1
      return
    }
    try {
      const outgoing = messaging.compose({
        type: message.messageType,
        channel: message.channel,
        language: message.language,
        values: {
          senderName: settings.senderName,
          contactPhone: settings.contactPhone,
          ...message.placeholders,
        },
        reference: message.id,
        recipient: address.recipient,
      })
      const accepted = await messaging.send(outgoing)
      await outboxRepo.markAccepted(pool, message.id, {
        providerId: accepted.providerId,
        kept: accepted.transport === 'outbox-only',
        sentTo: address.recipient,
        at: accepted.acceptedAt,
        content: outgoing.text,
      })
      if (accepted.transport === 'outbox-only') run.kept += 1
      else run.sent += 1
    } catch (error) {
      if (error instanceof RetryableMessageError || error instanceof MessagingConfigurationError) {
        const retryAfter = error instanceof RetryableMessageError ? error.retryAfterSeconds : 300
        if (error instanceof RetryableMessageError && message.tries >= MAX_TRIES) {
          await failed(message, `Not sent after ${message.tries} tries: ${error.message}`, now)
          run.failed += 1
          return
        }
        const next = new Date(now.getTime() + backoffSeconds(message.tries, retryAfter) * 1000)
        await outboxRepo.markRetry(pool, message.id, error.message, next)
        run.retried += 1
        return
      }
      const reason =
        error instanceof PermanentMessageError
          ? error.message
          : `Could not be sent: ${error instanceof Error ? error.message : String(error)}`
      await failed(message, reason, now)
      run.failed += 1
    }
  }

  /** Reads back what Notify says became of accepted messages; a permanent failure raises a task. */
  const readStatuses = async (now: Date, limit: number): Promise<number> => {
    const accepted = await outboxRepo.acceptedToCheck(pool, limit, now, STATUS_CHECK_SECONDS)
    for (const message of accepted) {
      if (!message.providerId) continue
      const report = await messaging.status(message.providerId).catch(() => null)
      if (!report) continue
      if (!report.final) {
        await outboxRepo.markChecked(pool, message.id, report.providerStatus, now)
        continue
      }
      if (report.state === 'delivered' || report.state === 'cancelled') {
        await withTransaction(pool, async (client) => {
          await outboxRepo.markFinal(client, message.id, 'delivered', {
            providerStatus: report.providerStatus,
            at: now,
          })
          if (message.caseId && report.state === 'delivered')
            await casesRepo.addEvent(client, {
              caseId: message.caseId,
              kind: 'message_delivered',
              by: { userId: null, label: OUTBOX_ACTOR.label },
              at: now,
              details: { messageId: message.id, channel: message.channel },
            })
        })
      } else if (report.state === 'temporary-failure' || report.state === 'technical-failure') {
        await outboxRepo.markFinal(pool, message.id, 'temporary_failure', {
          providerStatus: report.providerStatus,
          error: 'Notify could not deliver it now (phone off or inbox full)',
          at: now,
        })
      } else {
        await outboxRepo.markChecked(pool, message.id, report.providerStatus, now)
        await failed(message, 'Notify could not deliver it: check the number or address with the victim', now)
      }
    }
    return accepted.length
  }

  return {
    mode: messaging.mode,
    /** One run of the outbox job: send what is due, then read back delivery statuses. */
    run: async (options: { limit?: number; now?: Date } = {}): Promise<OutboxRun> => {
      const limit = options.limit ?? 50
      const now = options.now ?? new Date()
      const run: OutboxRun = {
        sent: 0,
        kept: 0,
        alreadySent: 0,
        retried: 0,
        failed: 0,
        refused: 0,
        statusesRead: 0,
        more: false,
      }
      const due = await outboxRepo.claimDue(pool, limit, now, LEASE_SECONDS)
      for (const message of due) await sendOne(message, now, run)
      run.statusesRead = messaging.mode === 'notify' ? await readStatuses(now, limit) : 0
      run.more = due.length === limit
      return run
    },
    messagesOfCase: (caseId: string) => outboxRepo.messagesOfCase(pool, caseId),
    /** The outbox page: newest first, only messages of cases the viewer may see. */
    list: async (viewer: { role: Role; teamPathway: string | null }, page: number) => {
      const limit = 50
      const result = await outboxRepo.listMessages(pool, {
        scope: scopeOf(viewer).restricted,
        limit,
        offset: (Math.max(page, 1) - 1) * limit,
      })
      return { ...result, pageSize: limit }
    },
    find: (id: string) => outboxRepo.findMessage(pool, id),
  }
}

export type OutboxService = ReturnType<typeof createOutboxService>
