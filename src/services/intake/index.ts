// Intake: the one way records come into the hub (police feed files and API, partner referrals,
// self-referrals). `receive` accounts for every record as accepted, duplicate, quarantined or consent
// refused. Data quality releases a quarantined record through `decideAgain`; the export of what was
// received is in export.ts.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Config } from '../../config/config.ts'
import { withTransaction } from '../../db/transaction.ts'
import type { WorkingDayCalendar } from '../../domain/calendar/bank-holidays.ts'
import { loadDefaultCalendar } from '../../domain/calendar/bank-holidays.ts'
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../../domain/entitlements/deadlines.ts'
import type { EntitlementRuleSet } from '../../domain/entitlements/rule-types.ts'
import { victimsCode2020 } from '../../domain/entitlements/rules/victims-code-2020.ts'
import type { ReceiptDraft } from '../../domain/intake/chunk-decision.ts'
import { type Prepared, prepareChunk } from '../../domain/intake/prepare.ts'
import {
  countStates,
  type RecordOutcome,
  SOURCE_KINDS,
  type SourceKind,
  type StateCounts,
} from '../../domain/intake/records.ts'
import * as batches from '../../repositories/import-batches.ts'
import { lockIntake } from '../../repositories/intake-chunk.ts'
import * as organisations from '../../repositories/organisations.ts'
import * as receipts from '../../repositories/referral-receipts.ts'
import type { Actor, AuditService } from '../audit.ts'
import { afterReferralsAccepted } from '../case-events/updates.ts'
import { InputError } from '../errors.ts'
import { type ChunkSettings, processChunk } from './chunk.ts'
import { type ChunkFeed, fileChunkFeed, iterableChunkFeed } from './chunk-feeds.ts'
import { exportRecords } from './export.ts'
import type { FeedFormat } from './readers.ts'

export {
  type ReceiptState,
  type RecordOutcome,
  type SourceKind,
  type StateCounts,
  UNREADABLE_RECORD,
  UnreadableRecord,
} from '../../domain/intake/records.ts'
export type { StoredBatch } from '../../repositories/import-batches.ts'
export type { StoredReceipt } from '../../repositories/referral-receipts.ts'
export type { ExportedRecord } from './export.ts'
export {
  type FeedFormat,
  FileRefusedError,
  formatFromName,
  inspectFile,
  readFeed,
  readFeedFile,
} from './readers.ts'

export interface IntakeSource {
  kind: SourceKind
  /** The sending organisation; referral ids are unique per sender. Null for self-referrals. */
  organisationId: string | null
  fileName?: string
  /** The Idempotency-Key header, or `sha256:<hex>` of a file: a repeat resumes or replays the batch. */
  idempotencyKey?: string
}

export interface ReceiveOptions {
  /** sha256 of the request body: the same Idempotency-Key with a different body is refused. */
  requestHash?: string
  /** Per-record outcomes in the result: true, false, or (default) only for batches of up to 1000. */
  includeRecords?: boolean
  /** Records per transaction (default 2500). */
  chunkSize?: number
  /** Called after each chunk commits with the last record number stored (tests simulate a crash with it). */
  afterChunk?: (chunkIndex: number, recordsSoFar: number) => void | Promise<void>
}

/** What became of a batch: the counts always add up to `received`. */
export interface Reconciliation extends StateCounts {
  batchId: string
  fileName: string | null
  /** The same idempotency key had already finished: nothing was processed again. */
  replayed: boolean
  /** A run with the same key had stopped part-way: this one carried on after its last stored record. */
  resumed: boolean
  startedAt: string
  finishedAt: string | null
  records?: RecordOutcome[]
}

/** The same Idempotency-Key was used for a different request body (HTTP 422). */
export class IdempotencyConflictError extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request body')
    this.name = 'IdempotencyConflictError'
  }
}

export interface IntakeServiceOptions {
  clock?: () => Date
  calendar?: WorkingDayCalendar
  /** Where the bank holidays in force come from (an administrator can import a newer file). */
  currentCalendar?: () => Promise<WorkingDayCalendar>
  deadlinePolicy?: DeadlinePolicy
  ruleSet?: EntitlementRuleSet
  stopKeyCap?: number
}

const DEFAULT_CHUNK = 2500

const acceptedReferrals = (outcomes: readonly RecordOutcome[]): string[] =>
  outcomes.flatMap((o) => (o.state === 'accepted' && o.referralUuid !== null ? [o.referralUuid] : []))
/**
 * A blocking key shared by more identity snapshots than this is ignored (docs/adr/0004). Snapshots are
 * stored only when a victim's details change, so one person rarely passes it; a shared switchboard or
 * hostel number does. At 100 the synthetic feed's shared phone numbers pulled in about 15 strangers a
 * record at 150,000 records; at 20 the matching benchmark's decisions are unchanged.
 */
const STOP_KEY_CAP = 20
const RECORDS_IN_RESULT = 1000

export function createIntakeService(
  pool: pg.Pool,
  audit: AuditService,
  _config?: Config,
  options: IntakeServiceOptions = {},
) {
  const clock = options.clock ?? (() => new Date())
  const rulesInForce = async () => ({
    calendar:
      options.calendar ?? (options.currentCalendar ? await options.currentCalendar() : loadDefaultCalendar()),
    deadlinePolicy: options.deadlinePolicy ?? DEFAULT_DEADLINE_POLICY,
    ruleSet: options.ruleSet ?? victimsCode2020,
    stopKeyCap: options.stopKeyCap ?? STOP_KEY_CAP,
    newId: randomUUID,
  })

  async function reconciliation(
    batch: batches.StoredBatch,
    flags: { replayed: boolean; resumed: boolean },
    includeRecords: boolean | undefined,
  ): Promise<Reconciliation> {
    const counts = await batches.countBatch(pool, batch.id)
    const result: Reconciliation = {
      batchId: batch.id,
      fileName: batch.fileName,
      ...flags,
      ...counts,
      startedAt: new Date(batch.startedAt).toISOString(),
      finishedAt: batch.finishedAt ? new Date(batch.finishedAt).toISOString() : null,
    }
    if (includeRecords ?? counts.received <= RECORDS_IN_RESULT) {
      result.records = await receipts.batchOutcomes(pool, batch.id)
    }
    return result
  }

  /**
   * Decides and stores every record of a batch. Records are decided and stored in chunks, each in one
   * transaction: a crash loses at most the chunk in flight, and a re-run with the same idempotency key
   * carries on after the last stored record, so every record is stored exactly once.
   */
  async function receiveFrom(
    openFeed: (options: { skip: number; chunkSize: number }) => ChunkFeed,
    source: IntakeSource,
    actor: Actor,
    receiveOptions: ReceiveOptions,
  ): Promise<Reconciliation> {
    if (!SOURCE_KINDS.includes(source.kind)) {
      throw new InputError('source', `Unknown source "${String(source.kind)}"`)
    }
    const idempotencyKey = source.idempotencyKey?.trim() || null
    if (idempotencyKey !== null && idempotencyKey.length > 200) {
      throw new InputError('Idempotency-Key', 'An idempotency key is at most 200 characters')
    }
    const { batch, created } = await batches.createBatch(pool, {
      source: source.kind,
      organisationId: source.organisationId,
      fileName: source.fileName ?? null,
      idempotencyKey,
      requestHash: receiveOptions.requestHash ?? null,
      startedBy: actor.label,
    })
    if (!created) {
      if ((batch.requestHash ?? null) !== (receiveOptions.requestHash ?? null)) {
        throw new IdempotencyConflictError()
      }
      if (batch.status === 'finished') {
        if (batch.response && receiveOptions.includeRecords !== false) {
          return { ...(batch.response as Reconciliation), replayed: true, resumed: false }
        }
        return reconciliation(batch, { replayed: true, resumed: false }, receiveOptions.includeRecords)
      }
    }
    const resumeAfter = created ? 0 : await receipts.lastRecordNumber(pool, batch.id)
    const chunkSize = receiveOptions.chunkSize ?? DEFAULT_CHUNK
    const rules = await rulesInForce()
    let chunkIndex = 0

    const runChunk = async (prepared: Prepared[], receivedAt: Date) => {
      await withTransaction(pool, async (client) => {
        await lockIntake(client)
        // Another run of the same batch may have stored these meanwhile: never store a record twice.
        const stored = await receipts.lastRecordNumber(client, batch.id)
        const fresh = prepared.filter((p) => p.item.recordNumber > stored)
        if (fresh.length === 0) return
        const settings: ChunkSettings = {
          ...rules,
          batchId: batch.id,
          source: source.kind,
          organisationId: source.organisationId,
          receivedAt,
        }
        const { outcomes } = await processChunk(client, fresh, settings, { audit, actor })
        const counts = countStates(outcomes.map((o) => o.state))
        // Police case events on these crimes: held ones are matched, and the victims get updates due.
        await afterReferralsAccepted(client, rules.calendar, receivedAt, acceptedReferrals(outcomes))
        await batches.addBatchCounts(client, batch.id, counts)
        await audit.recordWith(client, actor, {
          action: 'intake.records_received',
          recordType: 'import_batch',
          recordId: batch.id,
          details: {
            source: source.kind,
            fileName: source.fileName ?? null,
            from: fresh[0]?.item.recordNumber,
            to: fresh[fresh.length - 1]?.item.recordNumber,
            ...counts,
          },
        })
      })
      chunkIndex++
      await receiveOptions.afterChunk?.(chunkIndex, prepared[prepared.length - 1]?.item.recordNumber ?? 0)
    }

    // One chunk is written while the next is read and prepared: the database and the checks overlap.
    const feed = openFeed({ skip: resumeAfter, chunkSize })
    let writing: Promise<void> = Promise.resolve()
    try {
      for (;;) {
        const receivedAt = clock()
        const prepared = await feed.next(receivedAt)
        await writing
        if (prepared === null) break
        writing = runChunk(prepared, receivedAt)
        // Keep a failure from being reported as unhandled before it is awaited.
        writing.catch(() => {})
      }
    } finally {
      // Never leave a chunk committing behind the caller's back.
      await writing.catch(() => {})
      await feed.close()
    }

    const finished = await withTransaction(pool, async (client) => {
      await batches.lockBatch(client, batch.id)
      const counts = await batches.countBatch(client, batch.id)
      await batches.saveBatchCounts(client, batch.id, counts, true)
      return (await batches.findBatch(client, batch.id)) as batches.StoredBatch
    })
    const result = await reconciliation(
      finished,
      { replayed: false, resumed: resumeAfter > 0 },
      receiveOptions.includeRecords,
    )
    // Keep the answer for an Idempotency-Key replay (only small batches carry per-record outcomes).
    if (result.records) await batches.saveBatchResponse(pool, batch.id, result)
    return result
  }

  return {
    /**
     * Takes in records already read (objects as received; UnreadableRecord for lines that are not
     * records), as the API, the forms and the demo hand them over.
     */
    receive(
      records: AsyncIterable<unknown> | Iterable<unknown>,
      source: IntakeSource,
      actor: Actor,
      receiveOptions: ReceiveOptions = {},
    ): Promise<Reconciliation> {
      return receiveFrom((o) => iterableChunkFeed(records, o), source, actor, receiveOptions)
    },

    /**
     * Takes in a feed file, read and checked by a worker thread while this one decides and writes.
     * A file that cannot be read throws FileRefusedError (the CLI inspects it first, so nothing is stored).
     */
    receiveFile(
      path: string,
      format: FeedFormat,
      source: IntakeSource,
      actor: Actor,
      receiveOptions: ReceiveOptions = {},
    ): Promise<Reconciliation> {
      return receiveFrom((o) => fileChunkFeed(path, format, o), source, actor, receiveOptions)
    },

    /**
     * A stored quarantined record, corrected, decided again from the consent rule on (the referral_id
     * check is for new messages, and this is the same one): what it now creates is stored, and the
     * receipt as it should now read is returned for the caller to update. The caller holds the intake
     * lock and owns the transaction, so it can still roll everything back. A merge it makes is audited
     * as `actor`'s.
     */
    async decideAgain(
      client: pg.PoolClient,
      receipt: receipts.StoredReceipt,
      corrected: Record<string, unknown>,
      actor: Actor,
    ): Promise<{ outcome: RecordOutcome; receipt: ReceiptDraft }> {
      const receivedAt = clock()
      const settings: ChunkSettings = {
        ...(await rulesInForce()),
        batchId: receipt.batchId,
        source: receipt.source,
        organisationId: receipt.organisationId,
        receivedAt,
        releasing: receipt.id,
      }
      const prepared = prepareChunk(
        [{ recordNumber: receipt.recordNumber, input: corrected }],
        receivedAt,
        () => receipt.id,
      )
      const decision = await processChunk(client, prepared, settings, { audit, actor })
      await afterReferralsAccepted(
        client,
        settings.calendar,
        receivedAt,
        acceptedReferrals(decision.outcomes),
      )
      return {
        outcome: decision.outcomes[0] as RecordOutcome,
        receipt: decision.receipts[0] as ReceiptDraft,
      }
    },

    /** Every received record (resends included) in arrival order, in the spec's export shape. */
    exportRecords: (filter: { since?: string | null } = {}) => exportRecords(pool, filter),

    /** The intake source for an API client's organisation: police forces send the feed, others refer. */
    async sourceForOrganisation(
      organisationId: string,
    ): Promise<{ kind: SourceKind; organisationId: string }> {
      const organisation = await organisations.findOrganisation(pool, organisationId)
      return { kind: organisation?.kind === 'police' ? 'police_feed' : 'partner', organisationId }
    },

    /** An organisation by name (CLI `--organisation`), or the only police force when none is named. */
    async organisationForImport(name: string | undefined): Promise<{ id: string; name: string } | null> {
      if (name !== undefined) {
        const organisation = await organisations.findOrganisationByName(pool, name)
        if (!organisation) throw new InputError('organisation', `No organisation is called "${name}"`)
        return { id: organisation.id, name: organisation.name }
      }
      const forces = (await organisations.listOrganisations(pool)).filter((o) => o.kind === 'police')
      return forces.length === 1 ? { id: forces[0]?.id as string, name: forces[0]?.name as string } : null
    },

    findReceipt: (id: string) => receipts.findReceipt(pool, id),
  }
}

export type IntakeService = ReturnType<typeof createIntakeService>
