// Data quality: the queue of quarantined records, a record's review page, settling a record (release
// or reject, resolve.ts) and the report of why records fail, by force and batch.
import type pg from 'pg'
import {
  openQuarantine,
  openQuarantineFacets,
  type QueueFilter,
  qualityReport,
  type ReportFilter,
  reportFacets,
} from '../../repositories/data-quality.ts'
import { findBatch } from '../../repositories/import-batches.ts'
import { findOrganisationByName } from '../../repositories/organisations.ts'
import { findReceipt } from '../../repositories/referral-receipts.ts'
import type { AuditService } from '../audit.ts'
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

export function createDataQualityService(pool: pg.Pool, audit: AuditService, intake: IntakeService) {
  return {
    async queue(filter: QueueFilter, page: number) {
      const [result, facets] = await Promise.all([
        openQuarantine(pool, filter, { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE }),
        openQuarantineFacets(pool, filter.organisationId),
      ])
      return { ...result, facets, pageSize: QUEUE_PAGE_SIZE }
    },

    /** One received record and the batch it came in, for the review page. */
    async record(id: string) {
      const receipt = await findReceipt(pool, id)
      if (!receipt) return undefined
      const batch = await findBatch(pool, receipt.batchId)
      return { receipt, batch }
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
