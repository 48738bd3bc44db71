// Read queries for the data quality queue and report: quarantined records still waiting for a person,
// and counts of reasons by force, batch and period. Release and reject write the received record
// (referral-receipts.ts).
import type { Queryable } from '../db/transaction.ts'
import { camelRows } from './rows.ts'

/** A record is waiting for a person while it is quarantined, not yet resolved and not superseded. */
const OPEN = `q.state = 'quarantined' AND q.resolution IS NULL AND q.superseded_by IS NULL`

export interface QueueFilter {
  forceCode?: string | undefined
  batchId?: string | undefined
  reason?: string | undefined
  /** Only records sent by this organisation (a police referrer sees their own force's). */
  organisationId?: string | undefined
}

export interface QueueItem {
  id: string
  receivedAt: Date
  source: string
  referralId: string | null
  forceCode: string | null
  crimeReference: string | null
  reasons: string[]
  batchId: string
  forename: string | null
  surname: string | null
  /** What was sent in the fields that decide whether the record is restricted. */
  sensitivityFields: Record<string, unknown>
}

type SourceFilter = Pick<QueueFilter, 'forceCode' | 'batchId' | 'organisationId'>

/**
 * `clauses` joined with AND, with one more for each filter given: the force, batch and sender filters
 * the queue and the report share, then `more` (`?` stands for the value, pushed onto `params`).
 */
function conditions(
  clauses: string[],
  params: unknown[],
  filter: SourceFilter,
  more: [sql: string, value: string | undefined][] = [],
): string {
  const all = [...clauses]
  for (const [sql, value] of [
    ['q.force_code = ?', filter.forceCode],
    ['q.batch_id = ?::uuid', filter.batchId],
    ...more,
    ['q.organisation_id = ?::uuid', filter.organisationId],
  ] as const) {
    if (!value) continue
    params.push(value)
    all.push(sql.replace('?', `$${params.length}`))
  }
  return all.join(' AND ')
}

const where = (filter: QueueFilter, params: unknown[]): string =>
  conditions([OPEN], params, filter, [['? = ANY(q.reasons)', filter.reason]])

/** Oldest first: the longest-waiting victim is the one most at risk of being missed. */
export async function openQuarantine(
  db: Queryable,
  filter: QueueFilter,
  page: { limit: number; offset: number },
): Promise<{ items: QueueItem[]; total: number }> {
  const params: unknown[] = []
  const condition = where(filter, params)
  const { rows } = await db.query<Record<string, unknown> & { total: string }>(
    `SELECT q.id, q.received_at, q.source, q.referral_id, q.force_code, q.crime_reference, q.reasons, q.batch_id,
            COALESCE(q.normalised->>'forename', q.raw->>'forename') AS forename,
            COALESCE(q.normalised->>'surname', q.raw->>'surname') AS surname,
            jsonb_build_object('crime_category', q.raw->'crime_category', 'cse', q.raw->'cse',
                               'domestic_abuse', q.raw->'domestic_abuse') AS sensitivity_fields,
            count(*) OVER () AS total
     FROM referral_receipts q
     WHERE ${condition}
     ORDER BY q.received_at, q.record_number
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  )
  return {
    items: camelRows<QueueItem>(rows.map(({ total: _total, ...item }) => item)),
    total: rows.length ? Number(rows[0]?.total) : 0,
  }
}

export interface QueueFacets {
  forces: { code: string; count: number }[]
  batches: { id: string; startedAt: Date; source: string; fileName: string | null; count: number }[]
  reasons: { code: string; count: number }[]
}

/** What the queue's filters can offer: only values that some waiting record has. */
export async function openQuarantineFacets(db: Queryable, organisationId?: string): Promise<QueueFacets> {
  const params: unknown[] = []
  const condition = where({ organisationId }, params)
  const forces = await db.query<{ code: string; count: string }>(
    `SELECT COALESCE(q.force_code, '') AS code, count(*) AS count FROM referral_receipts q
     WHERE ${condition} GROUP BY 1 ORDER BY 1`,
    params,
  )
  const batches = await db.query<{
    id: string
    started_at: Date
    source: string
    file_name: string | null
    count: string
  }>(
    `SELECT b.id, b.started_at, b.source, b.file_name, count(*) AS count
     FROM referral_receipts q JOIN import_batches b ON b.id = q.batch_id
     WHERE ${condition} GROUP BY b.id ORDER BY b.started_at DESC LIMIT 200`,
    params,
  )
  const reasons = await db.query<{ code: string; count: string }>(
    `SELECT r AS code, count(*) AS count FROM referral_receipts q, unnest(q.reasons) AS r
     WHERE ${condition} GROUP BY r ORDER BY count(*) DESC, r`,
    params,
  )
  return {
    forces: forces.rows.filter((r) => r.code !== '').map((r) => ({ code: r.code, count: Number(r.count) })),
    batches: batches.rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      source: r.source,
      fileName: r.file_name,
      count: Number(r.count),
    })),
    reasons: reasons.rows.map((r) => ({ code: r.code, count: Number(r.count) })),
  }
}

export interface ReportFilter {
  forceCode?: string | undefined
  batchId?: string | undefined
  organisationId?: string | undefined
  /** Inclusive, `YYYY-MM-DD` Europe/London. */
  from: string
  /** Inclusive, `YYYY-MM-DD` Europe/London. */
  to: string
  period: 'day' | 'week' | 'month'
}

export interface ReportTotalsRow {
  period: string
  forceCode: string
  received: number
  quarantined: number
  withWarnings: number
}

export interface ReportReasonRow {
  period: string
  forceCode: string
  kind: 'quarantine' | 'warning'
  code: string
  count: number
}

const reportWhere = (filter: ReportFilter, params: unknown[]): string => {
  params.push(filter.from, filter.to)
  return conditions(
    [`(q.received_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date`],
    params,
    filter,
  )
}

// The reasons a record was held for, whether it is still held, was released (kept in
// quarantine_reasons) or rejected: the report is about what arrived, not what became of it.
const HELD_FOR = `COALESCE(q.quarantine_reasons, q.reasons)`

/**
 * Records received, held and warned about per period and force, and every reason and warning counted
 * per period and force. Periods start on the Europe/London day, Monday-based week or month.
 */
export async function qualityReport(
  db: Queryable,
  filter: ReportFilter,
): Promise<{ totals: ReportTotalsRow[]; reasons: ReportReasonRow[] }> {
  const params: unknown[] = []
  const condition = reportWhere(filter, params)
  params.push(filter.period)
  const period = `to_char(date_trunc($${params.length}, q.received_at AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD')`
  const totals = await db.query<
    Record<'period' | 'force_code' | 'received' | 'quarantined' | 'with_warnings', string>
  >(
    `SELECT ${period} AS period, COALESCE(q.force_code, '') AS force_code, count(*) AS received,
            count(*) FILTER (WHERE cardinality(${HELD_FOR}) > 0) AS quarantined,
            count(*) FILTER (WHERE cardinality(q.warnings) > 0) AS with_warnings
     FROM referral_receipts q WHERE ${condition}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  )
  const reasons = await db.query<Record<'period' | 'force_code' | 'kind' | 'code' | 'count', string>>(
    `SELECT period, force_code, kind, code, count(*) AS count FROM (
       SELECT ${period} AS period, COALESCE(q.force_code, '') AS force_code, 'quarantine' AS kind, r AS code
       FROM referral_receipts q, unnest(${HELD_FOR}) AS r WHERE ${condition}
       UNION ALL
       SELECT ${period}, COALESCE(q.force_code, ''), 'warning', w
       FROM referral_receipts q, unnest(q.warnings) AS w WHERE ${condition}
     ) x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, count(*) DESC, 4`,
    params,
  )
  return {
    totals: totals.rows.map((r) => ({
      period: r.period,
      forceCode: r.force_code,
      received: Number(r.received),
      quarantined: Number(r.quarantined),
      withWarnings: Number(r.with_warnings),
    })),
    reasons: reasons.rows.map((r) => ({
      period: r.period,
      forceCode: r.force_code,
      kind: r.kind as 'quarantine' | 'warning',
      code: r.code,
      count: Number(r.count),
    })),
  }
}

/** Forces and batches the report can be filtered by. */
export async function reportFacets(
  db: Queryable,
  organisationId?: string,
): Promise<{
  forces: string[]
  batches: { id: string; startedAt: Date; source: string; fileName: string | null }[]
}> {
  const params = organisationId ? [organisationId] : []
  const org = organisationId ? 'WHERE q.organisation_id = $1::uuid' : ''
  const forces = await db.query<{ code: string }>(
    `SELECT DISTINCT q.force_code AS code FROM referral_receipts q ${org}
     ${org ? 'AND' : 'WHERE'} q.force_code IS NOT NULL ORDER BY 1`,
    params,
  )
  const batches = await db.query<{ id: string; started_at: Date; source: string; file_name: string | null }>(
    `SELECT b.id, b.started_at, b.source, b.file_name FROM import_batches b
     ${organisationId ? 'WHERE b.organisation_id = $1::uuid' : ''}
     ORDER BY b.started_at DESC LIMIT 200`,
    params,
  )
  return {
    forces: forces.rows.map((r) => r.code),
    batches: batches.rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      source: r.source,
      fileName: r.file_name,
    })),
  }
}
