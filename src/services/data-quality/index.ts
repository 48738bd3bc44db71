// Data quality: the queue of quarantined records, a record's review page, settling a record (release
// or reject, resolve.ts) and the report of why records fail, by force and batch.
import type pg from 'pg'
import { assessRecord, FEED_FIELD_NAMES } from '../../domain/referral-feed/index.ts'
import {
  type AccessViewer,
  isRestricted,
  receivedRecordSensitivity,
  type Sight,
  sight,
  WITHHELD_FIELDS,
  withholdFields,
} from '../../domain/victims/access-policy.ts'
import {
  openQuarantine,
  openQuarantineFacets,
  type QueueFilter,
  type QueueItem,
  qualityReport,
  type ReportFilter,
  reportFacets,
} from '../../repositories/data-quality.ts'
import { findBatch } from '../../repositories/import-batches.ts'
import { findOrganisationByName } from '../../repositories/organisations.ts'
import {
  earlierWithSameReferralId,
  findReceipt,
  type StoredReceipt,
} from '../../repositories/referral-receipts.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { IntakeService } from '../intake/index.ts'
import { createQuarantineResolution } from './resolve.ts'

export type {
  QueueFacets,
  QueueFilter,
  QueueItem,
  ReportFilter,
  ReportReasonRow,
  ReportTotalsRow,
} from '../../repositories/data-quality.ts'
export type { StoredBatch } from '../../repositories/import-batches.ts'
export type { StoredReceipt } from '../../repositories/referral-receipts.ts'
export { RecordStillQuarantinedError } from './resolve.ts'

export const QUEUE_PAGE_SIZE = 50

/** A queue row as one viewer sees it: a restricted record's name withheld from those off its pathway. */
export type SeenQueueItem = Omit<QueueItem, 'sensitivityFields'> & { withheld: boolean }

const sightOfReceipt = (viewer: AccessViewer, raw: Record<string, unknown>): Sight =>
  sight(viewer, { kind: 'quarantined_record', sensitivity: receivedRecordSensitivity(raw) })

/** The receipt as the viewer may see it: names, contact details and extra columns gone when withheld. */
const asSeen = (receipt: StoredReceipt, seen: Sight): StoredReceipt =>
  seen === 'withheld'
    ? { ...receipt, raw: withholdFields(receipt.raw, FEED_FIELD_NAMES), normalised: null }
    : receipt

/** A received record as one viewer sees it, for the review page (docs/adr/0026). */
export type SeenRecord = {
  receipt: StoredReceipt
  batch: Awaited<ReturnType<typeof findBatch>>
  /** The fields not shown; empty when the record is shown in full. */
  withheld: readonly string[]
  /** For a record held because its referral ID was used before: the record it clashes with. */
  clash: StoredReceipt | undefined
  /** The reasons the record would still be held for with these corrections (checked on the full record). */
  reasonsAfter: (corrections: Record<string, string>, now: Date) => string[]
}

export function createDataQualityService(pool: pg.Pool, audit: AuditService, intake: IntakeService) {
  return {
    /**
     * One page of the queue. A restricted record's name is withheld from a viewer who does not work its
     * pathway, and a page listing restricted records is audited once, with their ids.
     */
    async queue(filter: QueueFilter, page: number, viewer: AccessViewer, actor: Actor) {
      const [result, facets] = await Promise.all([
        openQuarantine(pool, filter, { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE }),
        openQuarantineFacets(pool, filter.organisationId),
      ])
      const listed = result.items.map(({ sensitivityFields, ...item }) => {
        const sensitivity = receivedRecordSensitivity(sensitivityFields)
        const seen = sight(viewer, { kind: 'quarantined_record', sensitivity })
        return {
          item: seen === 'full' ? item : { ...item, forename: null, surname: null },
          restricted: isRestricted(sensitivity),
          withheld: seen !== 'full',
        }
      })
      const restricted = listed.filter((l) => l.restricted)
      if (restricted.length > 0) {
        await audit.record(actor, {
          action: 'restricted_records.listed',
          recordType: 'data_quality_queue',
          details: {
            list: 'data_quality_queue',
            page,
            shown: listed.length,
            receipts: restricted.map((l) => l.item.id),
            withheld: restricted.filter((l) => l.withheld).length,
          },
        })
      }
      return {
        ...result,
        items: listed.map((l): SeenQueueItem => ({ ...l.item, withheld: l.withheld })),
        facets,
        pageSize: QUEUE_PAGE_SIZE,
      }
    },

    /**
     * One received record and the batch it came in, for the review page, as the access policy lets the
     * viewer see it: a restricted record comes with names and contact details withheld from whoever does
     * not work its pathway, and every view of a restricted record is audited.
     */
    async record(id: string, viewer: AccessViewer, actor: Actor): Promise<SeenRecord | undefined> {
      const receipt = await findReceipt(pool, id)
      if (!receipt) return undefined
      const sensitivity = receivedRecordSensitivity(receipt.raw)
      const clashing = receipt.reasons.includes('referral_id_conflict')
        ? await earlierWithSameReferralId(pool, receipt)
        : undefined
      const seen = sightOfReceipt(viewer, receipt.raw)
      if (seen === 'none') return undefined
      // Side by side, a field shown on one side and withheld on the other would say what was withheld.
      const clashSeen = clashing ? sightOfReceipt(viewer, clashing.raw) : 'full'
      const shown: Sight = seen === 'withheld' || clashSeen !== 'full' ? 'withheld' : 'full'
      const restricted = isRestricted(sensitivity) || (clashing !== undefined && clashSeen !== 'full')
      if (restricted) {
        await audit.record(actor, {
          action: 'restricted_record.viewed',
          recordType: 'referral_receipt',
          recordId: receipt.id,
          details: {
            restricted: sensitivity.pathways,
            shown: shown === 'full' ? 'in_full' : 'withheld',
            ...(clashing ? { clashesWith: clashing.id } : {}),
          },
        })
      }
      const batch = await findBatch(pool, receipt.batchId)
      return {
        receipt: asSeen(receipt, shown),
        batch,
        withheld: shown === 'withheld' ? WITHHELD_FIELDS : [],
        clash: clashing && clashSeen !== 'none' ? asSeen(clashing, shown) : undefined,
        reasonsAfter: (corrections, now) => {
          const assessment = assessRecord({ ...receipt.raw, ...corrections }, { now })
          return assessment.outcome === 'quarantined' ? [...assessment.reasons] : []
        },
      }
    },

    ...createQuarantineResolution(pool, audit, intake),

    async report(filter: ReportFilter) {
      const [data, facets] = await Promise.all([
        qualityReport(pool, filter),
        reportFacets(pool, filter.organisationId),
      ])
      return { ...data, facets }
    },

    /** The organisation a signed-in user belongs to, for limiting what a police referrer sees. */
    organisationId: async (name: string) => (await findOrganisationByName(pool, name))?.id,
  }
}

export type DataQualityService = ReturnType<typeof createDataQualityService>
