// Case events in: police case progress (arrests, charges, hearings, …) from a feed file or the API.
// Every event is accounted for as accepted (the hub has a referral for its crime), held (not yet: it is
// matched when one arrives), duplicate (its event_id is already stored: nothing changes) or quarantined
// with its reasons; a bad event never stops the good ones. Files are read by intake's readers.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { loadDefaultCalendar, type WorkingDayCalendar } from '../../domain/calendar/bank-holidays.ts'
import {
  type CaseEventCounts,
  type CaseEventInput,
  countCaseEventStates,
  decideCaseEvents,
} from '../../domain/case-events/decide.ts'
import { UnreadableRecord } from '../../domain/intake/records.ts'
import * as repo from '../../repositories/case-events.ts'
import { lockIntake } from '../../repositories/intake-chunk.ts'
import type { Actor, AuditService } from '../audit.ts'
import { InputError } from '../errors.ts'
import { type FeedFormat, readFeedFile } from '../intake/readers.ts'
import { recordCaseUpdates } from './updates.ts'

export type { CaseEventOutcome } from '../../repositories/case-events.ts'

export interface CaseEventSource {
  /** The sending organisation (its API key's), or null for a file imported without one. */
  organisationId: string | null
  fileName?: string
  /** The Idempotency-Key header, or `sha256:<hex>` of a file: a repeat replays the batch or carries it on. */
  idempotencyKey?: string
}

export interface CaseEventReceiveOptions {
  /** sha256 of the request body: the same Idempotency-Key with a different body is refused. */
  requestHash?: string
  /** Per-event outcomes in the result: true, false, or (default) only for batches of up to 1000. */
  includeRecords?: boolean
  /** Events per transaction (default 1000). */
  chunkSize?: number
}

/** What became of a batch of case events: the counts always add up to `received`. */
export interface CaseEventReconciliation extends CaseEventCounts {
  batchId: string
  fileName: string | null
  replayed: boolean
  resumed: boolean
  startedAt: string
  finishedAt: string | null
  records?: repo.CaseEventOutcome[]
}

/** The same Idempotency-Key was used for a different request body (HTTP 422). */
export class CaseEventsIdempotencyConflictError extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request body')
    this.name = 'CaseEventsIdempotencyConflictError'
  }
}

const DEFAULT_CHUNK = 1000
const RECORDS_IN_RESULT = 1000

function toInput(recordNumber: number, value: unknown): CaseEventInput {
  if (value instanceof UnreadableRecord)
    return { recordNumber, unreadable: value.text, problem: value.problem }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { recordNumber, raw: value as Record<string, unknown> }
  }
  return { recordNumber, unreadable: JSON.stringify(value) ?? String(value), problem: 'is not a JSON object' }
}

export function createCaseEventsService(
  pool: pg.Pool,
  audit: AuditService,
  options: { clock?: () => Date; currentCalendar?: () => Promise<WorkingDayCalendar> } = {},
) {
  const clock = options.clock ?? (() => new Date())
  const calendarInForce = () => (options.currentCalendar ? options.currentCalendar() : loadDefaultCalendar())

  async function reconciliation(
    batch: repo.StoredCaseEventBatch,
    flags: { replayed: boolean; resumed: boolean },
    includeRecords: boolean | undefined,
  ): Promise<CaseEventReconciliation> {
    const counts = await repo.countBatch(pool, batch.id)
    const result: CaseEventReconciliation = {
      batchId: batch.id,
      fileName: batch.fileName,
      ...flags,
      ...counts,
      startedAt: new Date(batch.startedAt).toISOString(),
      finishedAt: batch.finishedAt ? new Date(batch.finishedAt).toISOString() : null,
    }
    if (includeRecords ?? counts.received <= RECORDS_IN_RESULT) {
      result.records = await repo.batchOutcomes(pool, batch.id)
    }
    return result
  }

  /** Decides and stores one chunk in one transaction, under intake's lock so referrals cannot race it. */
  async function storeChunk(batchId: string, items: CaseEventInput[], actor: Actor, fileName: string | null) {
    const receivedAt = clock()
    await withTransaction(pool, async (client) => {
      await lockIntake(client)
      const stored = await repo.lastRecordNumber(client, batchId)
      const fresh = items.filter((i) => i.recordNumber > stored)
      if (fresh.length === 0) return
      // First pass without knowledge to learn which ids, forces and crimes the chunk names.
      const named = decideCaseEvents(
        fresh,
        { knownForces: new Set(), crimesWithReferral: new Set(), storedEventIds: new Map() },
        receivedAt,
      )
      const ids = [...new Set(named.flatMap((d) => (d.eventId === null ? [] : [d.eventId])))]
      const withCrime = named.filter((d) => d.reasons.length === 0 || d.reasons[0] === 'unknown_force')
      const forces = [...new Set(withCrime.map((d) => d.forceCode as string))]
      const crimes = withCrime.map((d) => ({
        forceCode: d.forceCode as string,
        crimeReference: d.crimeReference as string,
      }))
      const knowledge = {
        storedEventIds: await repo.storedEventIds(client, ids),
        knownForces: await repo.knownForces(client, forces),
        crimesWithReferral: await repo.crimesWithReferral(client, crimes),
      }
      const decisions = decideCaseEvents(fresh, knowledge, receivedAt)
      const eventIdFor = new Map<number, string>()
      const events: repo.CaseEventRow[] = []
      for (const d of decisions) {
        if (d.event === null) continue
        const id = randomUUID()
        eventIdFor.set(d.recordNumber, id)
        events.push({ id, event: d.event, matched: d.state === 'accepted' })
      }
      await repo.insertEvents(client, events, receivedAt)
      const matched = events.filter((e) => e.matched).map((e) => e.id)
      await recordCaseUpdates(client, await calendarInForce(), { eventIds: matched })
      const rawOf = new Map(fresh.map((i) => [i.recordNumber, 'raw' in i ? i.raw : { line: i.unreadable }]))
      await repo.insertReceipts(
        client,
        batchId,
        decisions.map((d) => ({
          recordNumber: d.recordNumber,
          eventId: d.eventId,
          forceCode: d.forceCode,
          crimeReference: d.crimeReference,
          raw: rawOf.get(d.recordNumber),
          state: d.state,
          reasons: d.reasons,
          caseEventId: eventIdFor.get(d.recordNumber) ?? null,
          duplicateOf:
            d.duplicateOf === null
              ? null
              : 'storedEventId' in d.duplicateOf
                ? d.duplicateOf.storedEventId
                : (eventIdFor.get(d.duplicateOf.recordNumber) ?? null),
        })),
        receivedAt,
      )
      await audit.recordWith(client, actor, {
        action: 'case_events.received',
        recordType: 'case_event_batch',
        recordId: batchId,
        details: {
          fileName,
          from: fresh[0]?.recordNumber,
          to: fresh[fresh.length - 1]?.recordNumber,
          ...countCaseEventStates(decisions.map((d) => d.state)),
        },
      })
    })
  }

  async function receive(
    records: AsyncIterable<unknown> | Iterable<unknown>,
    source: CaseEventSource,
    actor: Actor,
    receiveOptions: CaseEventReceiveOptions = {},
  ): Promise<CaseEventReconciliation> {
    const idempotencyKey = source.idempotencyKey?.trim() || null
    if (idempotencyKey !== null && idempotencyKey.length > 200) {
      throw new InputError('Idempotency-Key', 'An idempotency key is at most 200 characters')
    }
    const { batch, created } = await repo.createBatch(pool, {
      organisationId: source.organisationId,
      fileName: source.fileName ?? null,
      idempotencyKey,
      requestHash: receiveOptions.requestHash ?? null,
      startedBy: actor.label,
    })
    if (!created) {
      if ((batch.requestHash ?? null) !== (receiveOptions.requestHash ?? null)) {
        throw new CaseEventsIdempotencyConflictError()
      }
      if (batch.status === 'finished') {
        if (batch.response && receiveOptions.includeRecords !== false) {
          return { ...(batch.response as CaseEventReconciliation), replayed: true, resumed: false }
        }
        return reconciliation(batch, { replayed: true, resumed: false }, receiveOptions.includeRecords)
      }
    }
    const resumeAfter = created ? 0 : await repo.lastRecordNumber(pool, batch.id)
    const chunkSize = receiveOptions.chunkSize ?? DEFAULT_CHUNK
    let recordNumber = 0
    let chunk: CaseEventInput[] = []
    for await (const value of records) {
      recordNumber++
      if (recordNumber <= resumeAfter) continue
      chunk.push(toInput(recordNumber, value))
      if (chunk.length >= chunkSize) {
        await storeChunk(batch.id, chunk, actor, source.fileName ?? null)
        chunk = []
      }
    }
    if (chunk.length > 0) await storeChunk(batch.id, chunk, actor, source.fileName ?? null)

    const counts = await repo.countBatch(pool, batch.id)
    const keep = counts.received <= RECORDS_IN_RESULT
    await repo.finishBatch(pool, batch.id, null)
    const finished = (await repo.findBatch(pool, batch.id)) as repo.StoredCaseEventBatch
    const result = await reconciliation(
      finished,
      { replayed: false, resumed: resumeAfter > 0 },
      receiveOptions.includeRecords ?? (keep ? true : undefined),
    )
    // Keep the answer for an Idempotency-Key replay (only small batches carry per-event outcomes).
    if (keep) {
      const full = result.records
        ? result
        : await reconciliation(finished, { replayed: false, resumed: false }, true)
      await repo.finishBatch(pool, batch.id, full)
    }
    return result
  }

  return {
    /** Takes in events already read (objects as received; UnreadableRecord for lines that are not events). */
    receive,
    /** Takes in a case events file (CSV or JSON Lines), read by intake's streaming readers. */
    receiveFile: (
      path: string,
      format: FeedFormat,
      source: CaseEventSource,
      actor: Actor,
      receiveOptions: CaseEventReceiveOptions = {},
    ) => receive(readFeedFile(path, format), source, actor, receiveOptions),
    findEvent: (eventId: string) => repo.findEventByEventId(pool, eventId),
    /** The pending updates an event owes its victims (one per victim, with its due date). */
    updatesForEvent: (eventId: string) => repo.updatesForEvent(pool, eventId),
  }
}

export type CaseEventsService = ReturnType<typeof createCaseEventsService>
