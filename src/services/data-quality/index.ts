// The data quality officer's view of intake: the queue of quarantined records and the report of
// why records fail, by force and batch. Releasing and rejecting are intake's (services.intake).
import type pg from 'pg'
import {
  openQuarantine,
  openQuarantineFacets,
  organisationIdByName,
  type QueueFilter,
  qualityReport,
  type ReportFilter,
  reportFacets,
} from '../../repositories/data-quality.ts'
import { findBatch, findReceipt } from '../../repositories/referrals.ts'

export const QUEUE_PAGE_SIZE = 50

export function createDataQualityService(pool: pg.Pool) {
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
      const batch = await findBatch(pool, receipt.batch_id)
      return { receipt, batch }
    },

    async report(filter: ReportFilter) {
      const [data, facets] = await Promise.all([
        qualityReport(pool, filter),
        reportFacets(pool, filter.organisationId),
      ])
      return { ...data, facets }
    },

    /** The organisation a signed-in user belongs to, for limiting what a police referrer sees. */
    organisationId: (name: string) => organisationIdByName(pool, name),
  }
}

export type DataQualityService = ReturnType<typeof createDataQualityService>
