import { z } from 'zod'
import type { QueueFacets, SeenQueueItem } from '../../../../services/data-quality/index.ts'
import { describeReason, reasonShortLabel } from '../../../shared/referral-text.ts'
import { BASE, isUuid } from '../access.ts'

const SOURCE_LABELS: Record<string, string> = {
  police_feed: 'Police feed',
  partner: 'Partner referral',
  self_referral: 'Self-referral',
}
export const sourceLabel = (source: string) => SOURCE_LABELS[source] ?? source

/** The force and batch filters the queue and the report share; a malformed value is dropped. */
export const sourceFilterFields = {
  force: z
    .string()
    .regex(/^[A-Za-z0-9_]{2,12}$/)
    .optional()
    .catch(undefined),
  batch: z.string().refine(isUuid).optional().catch(undefined),
}

const querySchema = z.object({
  ...sourceFilterFields,
  reason: z
    .string()
    .regex(/^[a-z_]+(:[a-z0-9_]+)?$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

/** Filters from the query string; anything malformed is ignored rather than refused. */
export const parseQueueQuery = (query: unknown) => {
  const q = querySchema.parse(query ?? {})
  return { forceCode: q.force?.toUpperCase(), batchId: q.batch, reason: q.reason, page: q.page }
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
})
export const formatDateTime = (d: Date) => dateTime.format(d)

export function batchLabel(b: { startedAt: Date; source: string; fileName: string | null }) {
  return `${formatDateTime(b.startedAt)} – ${b.fileName ?? sourceLabel(b.source)}`
}

export function queueView(
  data: { items: SeenQueueItem[]; total: number; facets: QueueFacets; pageSize: number },
  filter: ReturnType<typeof parseQueueQuery>,
) {
  const option = (value: string, text: string, selected: boolean) => ({ value, text, selected })
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize))
  const link = (page: number) => {
    const q = new URLSearchParams()
    if (filter.forceCode) q.set('force', filter.forceCode)
    if (filter.batchId) q.set('batch', filter.batchId)
    if (filter.reason) q.set('reason', filter.reason)
    q.set('page', String(page))
    return `${BASE}?${q}`
  }
  return {
    total: data.total,
    filtered: Boolean(filter.forceCode || filter.batchId || filter.reason),
    forceItems: [
      option('', 'All forces and sources', !filter.forceCode),
      ...data.facets.forces.map((f) => option(f.code, `${f.code} (${f.count})`, f.code === filter.forceCode)),
    ],
    batchItems: [
      option('', 'All batches', !filter.batchId),
      ...data.facets.batches.map((b) =>
        option(b.id, `${batchLabel(b)} (${b.count})`, b.id === filter.batchId),
      ),
    ],
    reasonItems: [
      option('', 'All reasons', !filter.reason),
      ...data.facets.reasons.map((r) =>
        option(r.code, `${reasonShortLabel(r.code)} (${r.count})`, r.code === filter.reason),
      ),
    ],
    rows: data.items.map((item) => ({
      href: `${BASE}/records/${item.id}`,
      name: item.withheld
        ? 'Restricted record (name withheld)'
        : [item.forename, item.surname].filter(Boolean).join(' ') || 'Name missing',
      referralId: item.referralId ?? 'No referral ID',
      source: item.forceCode ?? sourceLabel(item.source),
      received: formatDateTime(item.receivedAt),
      reasons: item.reasons.map(describeReason),
    })),
    pagination:
      pages > 1
        ? {
            previous: filter.page > 1 ? { href: link(filter.page - 1) } : undefined,
            next: filter.page < pages ? { href: link(filter.page + 1) } : undefined,
            items: Array.from({ length: Math.min(pages, 20) }, (_, i) => ({
              number: i + 1,
              href: link(i + 1),
              current: i + 1 === filter.page,
            })),
          }
        : undefined,
  }
}
