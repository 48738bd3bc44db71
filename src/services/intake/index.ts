// Intake: the one way records come into the hub (police feed files and API, partner referrals,
// self-referrals). `receive` accounts for every record as accepted, duplicate, quarantined or consent
// refused; data quality officers release or reject quarantined ones; staff merge and unmerge victims.
import type pg from 'pg'
import type { Config } from '../../config/config.ts'
import { withTransaction } from '../../db/transaction.ts'
import type { WorkingDayCalendar } from '../../domain/calendar/bank-holidays.ts'
import { loadDefaultCalendar } from '../../domain/calendar/bank-holidays.ts'
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../../domain/entitlements/deadlines.ts'
import type { EntitlementRuleSet } from '../../domain/entitlements/rule-types.ts'
import { victimsCode2020 } from '../../domain/entitlements/rules/victims-code-2020.ts'
import { isFeedFieldName } from '../../domain/referral-feed/index.ts'
import type { ReceiptState, SourceKind, StateCounts } from '../../repositories/referrals.ts'
import * as referrals from '../../repositories/referrals.ts'
import * as victims from '../../repositories/victims.ts'
import { InputError } from '../accounts.ts'
import type { Actor, AuditService } from '../audit.ts'
import { type ChunkFeed, fileChunkFeed, iterableChunkFeed } from './chunk-feeds.ts'
import {
  type ChunkSettings,
  type Prepared,
  prepareChunk,
  processChunk,
  type RecordOutcome,
  redactRaw,
  UNREADABLE_RECORD,
} from './pipeline.ts'
import type { FeedFormat } from './readers.ts'

export type { ReceiptState, SourceKind, StateCounts } from '../../repositories/referrals.ts'
export { type RecordOutcome, UNREADABLE_RECORD, UnreadableRecord } from './pipeline.ts'
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

/** A correction that still leaves the record quarantined: nothing was changed. */
export class RecordStillQuarantinedError extends InputError {
  constructor(readonly reasons: string[]) {
    super(fieldOfReason(reasons[0] ?? ''), `The record would still be quarantined: ${reasons.join(', ')}`)
    this.name = 'RecordStillQuarantinedError'
  }
}

const fieldOfReason = (reason: string): string => reason.split(':')[1] ?? reason

export interface ExportedRecord {
  referral_id: string | null
  record_number: number
  batch_id: string
  received_at: string
  source: SourceKind
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  victim_id: string | null
  enhanced: boolean
  enhanced_reasons: string[]
  police_referral_due: string | null
  police_referral_on_time: boolean | null
  first_contact_due: string | null
  superseded_by: string | null
  resolution: string | null
  /** Triage of an accepted referral (null until triaged): pathway, offer, provider and why. */
  pathway: string | null
  offer: string | null
  provider: string | null
  expected_wait_days: number | null
  thrive_priority: string | null
  triage_warnings: string[]
  routing_rule_set: string | null
  routing_rule: string | null
}

export interface VictimWithReferrals {
  victim: victims.StoredVictim
  /** The id asked for, when it had been merged into `victim`. */
  mergedFrom: string | null
  /** Every victim record merged (directly or in turn) into this one. */
  mergedVictimIds: string[]
  referrals: referrals.VictimReferral[]
  /** Referrals for this victim reported in the 12 months to today: repeat victimisation. */
  repeatCount12m: number
  matchReviews: victims.StoredMatchReview[]
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
/**
 * A blocking key shared by more identity snapshots than this is ignored (docs/adr/0004). Snapshots are
 * stored only when a victim's details change, so one person rarely passes it; a shared switchboard or
 * hostel number does. At 100 the synthetic feed's shared phone numbers pulled in about 15 strangers a
 * record at 150,000 records; at 20 the matching benchmark's decisions are unchanged.
 */
const STOP_KEY_CAP = 20
const RECORDS_IN_RESULT = 1000

const counts0 = (): StateCounts => ({
  received: 0,
  accepted: 0,
  duplicate: 0,
  quarantined: 0,
  consent_refused: 0,
})

const toOutcome = (r: referrals.ReceiptOutcomeRow): RecordOutcome => ({
  recordNumber: r.record_number,
  receiptId: r.id,
  referralId: r.referral_id,
  state: r.state,
  reasons: r.reasons,
  warnings: r.warnings,
  victimId: r.victim_id,
  referralUuid: r.referral_uuid,
  duplicateOf: r.duplicate_of,
})

export function createIntakeService(
  pool: pg.Pool,
  audit: AuditService,
  _config?: Config,
  options: IntakeServiceOptions = {},
) {
  const clock = options.clock ?? (() => new Date())
  const settingsBase = async () => ({
    calendar:
      options.calendar ?? (options.currentCalendar ? await options.currentCalendar() : loadDefaultCalendar()),
    deadlinePolicy: options.deadlinePolicy ?? DEFAULT_DEADLINE_POLICY,
    ruleSet: options.ruleSet ?? victimsCode2020,
    stopKeyCap: options.stopKeyCap ?? STOP_KEY_CAP,
  })

  async function reconciliation(
    batch: referrals.StoredBatch,
    flags: { replayed: boolean; resumed: boolean },
    includeRecords: boolean | undefined,
  ): Promise<Reconciliation> {
    const counts = await referrals.countBatch(pool, batch.id)
    const result: Reconciliation = {
      batchId: batch.id,
      fileName: batch.file_name,
      ...flags,
      ...counts,
      startedAt: new Date(batch.started_at).toISOString(),
      finishedAt: batch.finished_at ? new Date(batch.finished_at).toISOString() : null,
    }
    if (includeRecords ?? counts.received <= RECORDS_IN_RESULT) {
      result.records = (await referrals.batchOutcomes(pool, batch.id)).map(toOutcome)
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
    if (!['police_feed', 'partner', 'self_referral'].includes(source.kind)) {
      throw new InputError('source', `Unknown source "${String(source.kind)}"`)
    }
    const idempotencyKey = source.idempotencyKey?.trim() || null
    if (idempotencyKey !== null && idempotencyKey.length > 200) {
      throw new InputError('Idempotency-Key', 'An idempotency key is at most 200 characters')
    }
    const { batch, created } = await referrals.createBatch(pool, {
      source: source.kind,
      organisationId: source.organisationId,
      fileName: source.fileName ?? null,
      idempotencyKey,
      requestHash: receiveOptions.requestHash ?? null,
      startedBy: actor.label,
    })
    if (!created) {
      if ((batch.request_hash ?? null) !== (receiveOptions.requestHash ?? null)) {
        throw new IdempotencyConflictError()
      }
      if (batch.status === 'finished') {
        if (batch.response && receiveOptions.includeRecords !== false) {
          return { ...(batch.response as Reconciliation), replayed: true, resumed: false }
        }
        return reconciliation(batch, { replayed: true, resumed: false }, receiveOptions.includeRecords)
      }
    }
    const resumeAfter = created ? 0 : await referrals.lastRecordNumber(pool, batch.id)
    const chunkSize = receiveOptions.chunkSize ?? DEFAULT_CHUNK
    const base = await settingsBase()
    let chunkIndex = 0

    const runChunk = async (prepared: Prepared[], receivedAt: Date) => {
      await withTransaction(pool, async (client) => {
        await referrals.lockIntake(client)
        // Another run of the same batch may have stored these meanwhile: never store a record twice.
        const stored = await referrals.lastRecordNumber(client, batch.id)
        const fresh = prepared.filter((p) => p.item.recordNumber > stored)
        if (fresh.length === 0) return
        const settings: ChunkSettings = {
          ...base,
          batchId: batch.id,
          source: source.kind,
          organisationId: source.organisationId,
          receivedAt,
        }
        const { outcomes } = await processChunk(client, fresh, settings)
        const counts = counts0()
        for (const o of outcomes) {
          counts[o.state]++
          counts.received++
        }
        await referrals.addBatchCounts(client, batch.id, counts)
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
      await referrals.lockBatch(client, batch.id)
      const counts = await referrals.countBatch(client, batch.id)
      await referrals.saveBatchCounts(client, batch.id, counts, true)
      return (await referrals.findBatch(client, batch.id)) as referrals.StoredBatch
    })
    const result = await reconciliation(
      finished,
      { replayed: false, resumed: resumeAfter > 0 },
      receiveOptions.includeRecords,
    )
    // Keep the answer for an Idempotency-Key replay (only small batches carry per-record outcomes).
    if (result.records) await referrals.saveBatchResponse(pool, batch.id, result)
    return result
  }

  const service = {
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
     * A data quality officer corrects a quarantined record and releases it: it is decided again from
     * the consent rule on (the referral_id check is for new messages, and this is the same one). If the
     * corrected record would still be quarantined, nothing changes and the error names the field.
     */
    async releaseQuarantined(
      receiptId: string,
      correctedFields: Record<string, unknown>,
      actor: Actor,
      note?: string,
    ): Promise<RecordOutcome> {
      if (correctedFields === null || typeof correctedFields !== 'object' || Array.isArray(correctedFields)) {
        throw new InputError('fields', 'Corrections must be field names with their new values')
      }
      for (const [name, value] of Object.entries(correctedFields)) {
        if (!isFeedFieldName(name))
          throw new InputError(name, `"${name}" is not a field of the referral feed`)
        if (
          value !== null &&
          !['string', 'boolean', 'number'].includes(typeof value) &&
          !Array.isArray(value)
        ) {
          throw new InputError(name, `Enter a value for ${name}`)
        }
      }
      const base = await settingsBase()
      return withTransaction(pool, async (client) => {
        await referrals.lockIntake(client)
        const receipt = await openQuarantined(client, receiptId)
        // An unreadable line has no fields to keep: the corrections are the whole record.
        const original = receipt.reasons.includes(UNREADABLE_RECORD) ? {} : receipt.raw
        const corrected = { ...original, ...correctedFields }
        const settings: ChunkSettings = {
          ...base,
          batchId: receipt.batch_id,
          source: receipt.source,
          organisationId: receipt.organisation_id,
          receivedAt: clock(),
          releaseOf: receipt,
        }
        const { outcomes, receipts } = await processChunk(
          client,
          prepareChunk(
            [{ recordNumber: receipt.record_number, input: corrected }],
            settings.receivedAt,
            receipt,
          ),
          settings,
        )
        const outcome = outcomes[0] as RecordOutcome
        const row = receipts[0] as referrals.ReceiptRow
        if (outcome.state === 'quarantined') throw new RecordStillQuarantinedError(outcome.reasons)
        const refused = outcome.state === 'consent_refused'
        await referrals.markReleased(client, row, {
          corrections: refused ? redactRaw(correctedFields) : correctedFields,
          raw: refused ? redactRaw(receipt.raw) : receipt.raw,
          userId: actor.userId,
          label: actor.label,
          note: note?.trim() || null,
        })
        await referrals.moveBatchCount(client, receipt.batch_id, 'quarantined', outcome.state)
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

    /** A data quality officer decides a quarantined record will not be used; it stays on file, quarantined. */
    async rejectQuarantined(receiptId: string, reason: string, actor: Actor): Promise<void> {
      const why = typeof reason === 'string' ? reason.trim() : ''
      if (why === '') throw new InputError('reason', 'Enter why the record is rejected')
      await withTransaction(pool, async (client) => {
        const receipt = await openQuarantined(client, receiptId)
        await referrals.markRejected(client, receipt.id, {
          userId: actor.userId,
          label: actor.label,
          reason: why,
        })
        await audit.recordWith(client, actor, {
          action: 'intake.record_rejected',
          recordType: 'referral_receipt',
          recordId: receiptId,
          details: { reason: why, quarantineReasons: receipt.reasons },
        })
      })
    },

    /** Staff found two victim records to be one person: `mergeId` is folded into `keepId`. */
    async mergeVictims(keepId: string, mergeId: string, actor: Actor): Promise<void> {
      if (keepId === mergeId) throw new InputError('mergeId', 'A victim cannot be merged into itself')
      await withTransaction(pool, async (client) => {
        await referrals.lockIntake(client)
        const keep = await victims.findVictim(client, keepId, { forUpdate: true })
        const merge = await victims.findVictim(client, mergeId, { forUpdate: true })
        if (!keep) throw new InputError('keepId', 'No such victim')
        if (!merge) throw new InputError('mergeId', 'No such victim')
        if (keep.merged_into) throw new InputError('keepId', 'That victim has been merged into another one')
        if (merge.merged_into) throw new InputError('mergeId', 'That victim has already been merged')
        await victims.markMerged(client, mergeId, keepId, actor.userId)
        const moved = await victims.repointToVictim(
          client,
          [mergeId, ...(await victims.victimsMergedInto(client, mergeId))],
          keepId,
        )
        const reviews = await victims.closeReviewsBetween(client, keepId, mergeId, actor.userId)
        await audit.recordWith(client, actor, {
          action: 'victim.merged',
          recordType: 'victim',
          recordId: keepId,
          details: { merged: mergeId, ...moved, reviewsClosed: reviews },
        })
      })
    },

    /** Undoes a merge: the victim and everything first linked to it stand on their own again. */
    async unmergeVictim(mergedId: string, actor: Actor): Promise<void> {
      await withTransaction(pool, async (client) => {
        await referrals.lockIntake(client)
        const merged = await victims.findVictim(client, mergedId, { forUpdate: true })
        if (!merged) throw new InputError('mergedId', 'No such victim')
        if (!merged.merged_into) throw new InputError('mergedId', 'That victim is not merged into another')
        const from = merged.merged_into
        await victims.clearMerged(client, mergedId)
        const moved = await victims.repointToVictim(
          client,
          [mergedId, ...(await victims.victimsMergedInto(client, mergedId))],
          mergedId,
        )
        await audit.recordWith(client, actor, {
          action: 'victim.unmerged',
          recordType: 'victim',
          recordId: mergedId,
          details: { from, ...moved },
        })
      })
    },

    /** A victim (following merges) with their referrals, newest first, and the repeat count. */
    async victimWithReferrals(id: string): Promise<VictimWithReferrals | undefined> {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined
      const roots = await victims.victimRoots(pool, [id])
      const rootId = roots.get(id)
      if (!rootId) return undefined
      const victim = await victims.findVictim(pool, rootId)
      if (!victim) return undefined
      const list = await referrals.referralsOfVictim(pool, rootId)
      const mergedVictimIds = await victims.victimsMergedInto(pool, rootId)
      const since = clock().getTime() - 365.25 * 24 * 3_600_000
      return {
        victim,
        mergedFrom: rootId === id ? null : id,
        mergedVictimIds,
        referrals: list,
        repeatCount12m: list.filter((r) => new Date(r.reported_at).getTime() >= since).length,
        matchReviews: await victims.matchReviewsFor(pool, [rootId, ...mergedVictimIds]),
      }
    },

    /** Every received record (resends included) in arrival order, in the spec's export shape. */
    async *exportRecords(filter: { since?: string | null } = {}): AsyncGenerator<ExportedRecord> {
      let after: referrals.ExportCursor | null = null
      for (;;) {
        const page = await referrals.exportPage(pool, { since: filter.since ?? null, after, limit: 2000 })
        for (const r of page) {
          yield {
            referral_id: r.referral_id,
            record_number: r.record_number,
            batch_id: r.batch_id,
            received_at: new Date(r.received_at).toISOString(),
            source: r.source,
            state: r.state,
            reasons: r.reasons,
            warnings: r.warnings,
            victim_id: r.state === 'accepted' || r.state === 'duplicate' ? r.victim_id : null,
            enhanced: r.enhanced ?? false,
            enhanced_reasons: r.enhanced_reasons ?? [],
            police_referral_due: r.police_referral_due,
            police_referral_on_time: r.police_referral_on_time,
            first_contact_due: r.first_contact_due,
            superseded_by: r.superseded_by,
            resolution: r.resolution,
            pathway: r.pathway,
            offer: r.offer,
            provider: r.provider,
            expected_wait_days: r.expected_wait_days,
            thrive_priority: r.thrive_priority,
            triage_warnings: r.triage_warnings ?? [],
            routing_rule_set: r.rule_set_version,
            routing_rule: r.routing_rule,
          }
        }
        const last = page[page.length - 1]
        if (!last || page.length < 2000) return
        after = { receivedAt: last.received_at, batchId: last.batch_id, recordNumber: last.record_number }
      }
    },

    /** The intake source for an API client's organisation: police forces send the feed, others refer. */
    async sourceForOrganisation(
      organisationId: string,
    ): Promise<{ kind: SourceKind; organisationId: string }> {
      const organisation = await referrals.findOrganisation(pool, { id: organisationId })
      return { kind: organisation?.kind === 'police' ? 'police_feed' : 'partner', organisationId }
    },

    /** An organisation by name (CLI `--organisation`), or the only police force when none is named. */
    async organisationForImport(name: string | undefined): Promise<{ id: string; name: string } | null> {
      if (name !== undefined) {
        const organisation = await referrals.findOrganisation(pool, { name })
        if (!organisation) throw new InputError('organisation', `No organisation is called "${name}"`)
        return { id: organisation.id, name: organisation.name }
      }
      const forces = await referrals.policeOrganisations(pool)
      return forces.length === 1 ? (forces[0] as { id: string; name: string }) : null
    },

    findReceipt: (id: string) => referrals.findReceipt(pool, id),
  }

  async function openQuarantined(client: pg.PoolClient, receiptId: string): Promise<referrals.StoredReceipt> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(receiptId)) {
      throw new InputError('receiptId', 'No such record')
    }
    const receipt = await referrals.findReceipt(client, receiptId, { forUpdate: true })
    if (!receipt) throw new InputError('receiptId', 'No such record')
    if (receipt.state !== 'quarantined')
      throw new InputError('receiptId', `That record is ${receipt.state}, not quarantined`)
    if (receipt.resolution) throw new InputError('receiptId', `That record was already ${receipt.resolution}`)
    if (receipt.superseded_by)
      throw new InputError('receiptId', 'A later record for this victim and crime replaced it')
    return receipt
  }

  return service
}

export type IntakeService = ReturnType<typeof createIntakeService>
