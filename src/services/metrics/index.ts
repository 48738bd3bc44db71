import type pg from 'pg'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { firstContactOverdue, importFigures, jobQueueFigures } from '../../repositories/health-figures.ts'

/** Seconds: a page or API call under 50 ms is quick; anything past 5 s has gone wrong. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * What the hub says about its own health, in the Prometheus text format: requests as they happen,
 * and on each scrape the figures read from the database (imports, records, overdue referrals, job
 * queues) and the pool's connections. One registry per set of services, so two hubs in one process
 * (tests) keep their figures apart.
 */
export function createMetricsService(pool: pg.Pool) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'victim_hub_' })
  const registers = [registry]

  const requestDuration = new Histogram({
    name: 'victim_hub_http_request_duration_seconds',
    help: 'Time to answer each request, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const requests = new Counter({
    name: 'victim_hub_http_requests_total',
    help: 'Requests answered, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  })
  const databaseUp = new Gauge({
    name: 'victim_hub_database_up',
    help: '1 when the database answered this scrape, 0 when it did not',
    registers,
  })
  const importBatches = new Gauge({
    name: 'victim_hub_import_batches',
    help: 'Import batches (files and API posts) by status',
    labelNames: ['status'] as const,
    registers,
  })
  const records = new Gauge({
    name: 'victim_hub_records_received',
    help: 'Records received by every import, by what became of them',
    labelNames: ['state'] as const,
    registers,
  })
  const quarantineOpen = new Gauge({
    name: 'victim_hub_quarantine_open',
    help: 'Quarantined records no one has yet released or rejected',
    registers,
  })
  const overdue = new Gauge({
    name: 'victim_hub_first_contact_overdue',
    help: 'Referrals waiting for first contact whose deadline has passed',
    registers,
  })
  const oldestOverdue = new Gauge({
    name: 'victim_hub_first_contact_oldest_overdue_seconds',
    help: 'How long ago the deadline of the oldest referral still waiting for first contact passed (0: none overdue)',
    registers,
  })
  const jobsWaiting = new Gauge({
    name: 'victim_hub_jobs_waiting',
    help: 'Background jobs waiting to run, by queue',
    labelNames: ['queue'] as const,
    registers,
  })
  const jobsActive = new Gauge({
    name: 'victim_hub_jobs_active',
    help: 'Background jobs running now, by queue',
    labelNames: ['queue'] as const,
    registers,
  })
  const jobsOldest = new Gauge({
    name: 'victim_hub_jobs_oldest_waiting_seconds',
    help: 'How long the oldest job that is due has waited, by queue',
    labelNames: ['queue'] as const,
    registers,
  })
  const poolConnections = new Gauge({
    name: 'victim_hub_db_pool_connections',
    help: 'Database connections of this process, by use (in_use, idle)',
    labelNames: ['use'] as const,
    registers,
  })
  const poolWaiting = new Gauge({
    name: 'victim_hub_db_pool_waiting',
    help: 'Queries of this process waiting for a free database connection',
    registers,
  })
  const poolMax = new Gauge({
    name: 'victim_hub_db_pool_max',
    help: 'The most database connections this process may open',
    registers,
  })

  async function readDatabaseFigures(): Promise<void> {
    const [imports, late, queues] = await Promise.all([
      importFigures(pool),
      firstContactOverdue(pool),
      jobQueueFigures(pool),
    ])
    importBatches.set({ status: 'running' }, imports.batchesRunning)
    importBatches.set({ status: 'finished' }, imports.batchesFinished)
    records.set({ state: 'accepted' }, imports.accepted)
    records.set({ state: 'duplicate' }, imports.duplicate)
    records.set({ state: 'quarantined' }, imports.quarantined)
    records.set({ state: 'consent_refused' }, imports.consentRefused)
    quarantineOpen.set(imports.quarantineOpen)
    overdue.set(late.overdue)
    oldestOverdue.set(late.oldestOverdueSeconds)
    jobsWaiting.reset()
    jobsActive.reset()
    jobsOldest.reset()
    for (const queue of queues) {
      jobsWaiting.set({ queue: queue.queue }, queue.waiting)
      jobsActive.set({ queue: queue.queue }, queue.active)
      jobsOldest.set({ queue: queue.queue }, queue.oldestWaitingSeconds)
    }
  }

  return {
    contentType: registry.contentType,

    /** One answered request; `route` is the route's pattern (never its path, which may name a record). */
    observeRequest(route: string, method: string, status: number, seconds: number): void {
      const labels = { route, method, status: String(status) }
      requests.inc(labels)
      requestDuration.observe(labels, seconds)
    },

    /** Every figure, read now. A database that does not answer gives `victim_hub_database_up 0`. */
    async exposition(): Promise<string> {
      try {
        await readDatabaseFigures()
        databaseUp.set(1)
      } catch {
        databaseUp.set(0)
      }
      poolConnections.set({ use: 'in_use' }, pool.totalCount - pool.idleCount)
      poolConnections.set({ use: 'idle' }, pool.idleCount)
      poolWaiting.set(pool.waitingCount)
      poolMax.set(pool.options.max ?? 10)
      return registry.metrics()
    },
  }
}

export type MetricsService = ReturnType<typeof createMetricsService>
