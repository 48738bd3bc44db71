import type pg from 'pg'
import type { Config } from '../config/config.ts'
import { createAccountsService } from './accounts.ts'
import { createApiKeysService } from './api-keys.ts'
import { createAuditService } from './audit.ts'
import { createCalendarService } from './calendar/index.ts'
import { createCaseEventsService } from './case-events/index.ts'
import { createCasesService } from './cases/index.ts'
import { createCommissioningService } from './commissioning/index.ts'
import { createDataQualityService } from './data-quality/index.ts'
import { createDirectoryService } from './directory/index.ts'
import { createIntakeService } from './intake/index.ts'
import { createMessagingService } from './messaging/index.ts'
import { createOutboxService } from './messaging/outbox.ts'
import { createMetricsService } from './metrics/index.ts'
import { createOrganisationsService } from './organisations.ts'
import { secretBoxFor } from './secrets/index.ts'
import { createSessionStore } from './session-store.ts'
import { createSingleSignOnService } from './single-sign-on.ts'
import { createTriageService } from './triage/index.ts'
import { createVictimsService } from './victims/index.ts'

/**
 * Builds every service once: the composition root for web, CLI and jobs alike. Everything reads and
 * writes through `pool`, except reports, which read through `readPool` (a read replica when
 * DATABASE_READ_URL names one; the main pool otherwise).
 */
export function createServices(pool: pg.Pool, config: Config, readPool: pg.Pool = pool) {
  const audit = createAuditService(pool, { checkpointFile: config.auditCheckpointFile })
  const secrets = secretBoxFor(config.encryption)
  const accounts = createAccountsService(pool, audit, config, secrets)
  const sessions = createSessionStore(pool, config.session)
  const apiKeys = createApiKeysService(pool, audit)
  const calendar = createCalendarService(pool, audit)
  const intake = createIntakeService(pool, audit, config, { currentCalendar: calendar.current })
  const triage = createTriageService(pool, audit, calendar)
  const messaging = createMessagingService(config.notify)
  return {
    config,
    pool,
    audit,
    secrets,
    accounts,
    singleSignOn: createSingleSignOnService(pool, audit, secrets),
    sessions,
    apiKeys,
    dataQuality: createDataQualityService(pool, audit, intake),
    intake,
    caseEvents: createCaseEventsService(pool, audit, { currentCalendar: calendar.current }),
    victims: createVictimsService(pool, audit),
    organisations: createOrganisationsService(pool, audit),
    calendar,
    triage,
    cases: createCasesService(pool, audit, calendar, config.contactAttempts),
    outbox: createOutboxService(pool, audit, messaging, config.messages),
    directory: createDirectoryService(pool, audit, triage.ensureSeeded),
    commissioning: createCommissioningService(pool, readPool),
    metrics: createMetricsService(pool),
    /** Readiness: the database answers a query. */
    databaseReady: async (): Promise<boolean> => {
      try {
        await pool.query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
  }
}

export type Services = ReturnType<typeof createServices>
