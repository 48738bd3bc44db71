// A data quality officer settles a quarantined record: corrects and releases it into the normal flow,
// or rejects it with a reason (it stays on file, quarantined). Either is audited.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { redactRaw } from '../../domain/intake/prepare.ts'
import { type RecordOutcome, UNREADABLE_RECORD } from '../../domain/intake/records.ts'
import { isFeedFieldName } from '../../domain/referral-feed/index.ts'
import { moveBatchCount } from '../../repositories/import-batches.ts'
import { lockIntake } from '../../repositories/intake-chunk.ts'
import {
  findReceipt,
  markRejected,
  markReleased,
  type StoredReceipt,
} from '../../repositories/referral-receipts.ts'
import type { Actor, AuditService } from '../audit.ts'
import { InputError } from '../errors.ts'
import type { IntakeService } from '../intake/index.ts'

/** A correction that still leaves the record quarantined: nothing was changed. */
export class RecordStillQuarantinedError extends InputError {
  constructor(readonly reasons: string[]) {
    super(fieldOfReason(reasons[0] ?? ''), `The record would still be quarantined: ${reasons.join(', ')}`)
    this.name = 'RecordStillQuarantinedError'
  }
}

const fieldOfReason = (reason: string): string => reason.split(':')[1] ?? reason

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The record, locked, if it is still waiting for a person; otherwise why not. */
async function openQuarantined(client: pg.PoolClient, receiptId: string): Promise<StoredReceipt> {
  if (!UUID.test(receiptId)) throw new InputError('receiptId', 'No such record')
  const receipt = await findReceipt(client, receiptId, { forUpdate: true })
  if (!receipt) throw new InputError('receiptId', 'No such record')
  if (receipt.state !== 'quarantined')
    throw new InputError('receiptId', `That record is ${receipt.state}, not quarantined`)
  if (receipt.resolution) throw new InputError('receiptId', `That record was already ${receipt.resolution}`)
  if (receipt.supersededBy)
    throw new InputError('receiptId', 'A later record for this victim and crime replaced it')
  return receipt
}

function checkCorrections(correctedFields: Record<string, unknown>): void {
  if (correctedFields === null || typeof correctedFields !== 'object' || Array.isArray(correctedFields)) {
    throw new InputError('fields', 'Corrections must be field names with their new values')
  }
  for (const [name, value] of Object.entries(correctedFields)) {
    if (!isFeedFieldName(name)) throw new InputError(name, `"${name}" is not a field of the referral feed`)
    if (value !== null && !['string', 'boolean', 'number'].includes(typeof value) && !Array.isArray(value)) {
      throw new InputError(name, `Enter a value for ${name}`)
    }
  }
}

export function createQuarantineResolution(pool: pg.Pool, audit: AuditService, intake: IntakeService) {
  return {
    /**
     * Corrects a quarantined record and releases it: intake decides it again from the consent rule on.
     * If the corrected record would still be quarantined, nothing changes and the error names the field.
     */
    async releaseQuarantined(
      receiptId: string,
      correctedFields: Record<string, unknown>,
      actor: Actor,
      note?: string,
    ): Promise<RecordOutcome> {
      checkCorrections(correctedFields)
      return withTransaction(pool, async (client) => {
        await lockIntake(client)
        const receipt = await openQuarantined(client, receiptId)
        // An unreadable line has no fields to keep: the corrections are the whole record.
        const original = receipt.reasons.includes(UNREADABLE_RECORD) ? {} : receipt.raw
        const { outcome, receipt: decided } = await intake.decideAgain(
          client,
          receipt,
          { ...original, ...correctedFields },
          actor,
        )
        if (outcome.state === 'quarantined') throw new RecordStillQuarantinedError(outcome.reasons)
        const refused = outcome.state === 'consent_refused'
        await markReleased(client, decided, {
          corrections: refused ? redactRaw(correctedFields) : correctedFields,
          raw: refused ? redactRaw(receipt.raw) : receipt.raw,
          userId: actor.userId,
          label: actor.label,
          note: note?.trim() || null,
        })
        await moveBatchCount(client, receipt.batchId, 'quarantined', outcome.state)
        await audit.recordWith(client, actor, {
          action: 'intake.record_released',
          recordType: 'referral_receipt',
          recordId: receiptId,
          details: {
            state: outcome.state,
            correctedFields: Object.keys(correctedFields),
            quarantineReasons: receipt.reasons,
            referral: outcome.referralUuid,
          },
        })
        return outcome
      })
    },

    /** Decides a quarantined record will not be used; it stays on file, quarantined. */
    async rejectQuarantined(receiptId: string, reason: string, actor: Actor): Promise<void> {
      const why = typeof reason === 'string' ? reason.trim() : ''
      if (why === '') throw new InputError('reason', 'Enter why the record is rejected')
      await withTransaction(pool, async (client) => {
        const receipt = await openQuarantined(client, receiptId)
        await markRejected(client, receipt.id, { userId: actor.userId, label: actor.label, reason: why })
        await audit.recordWith(client, actor, {
          action: 'intake.record_rejected',
          recordType: 'referral_receipt',
          recordId: receiptId,
          details: { reason: why, quarantineReasons: receipt.reasons },
        })
      })
    },
  }
}
