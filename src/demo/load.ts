import { SYSTEM_ACTOR } from '../services/audit.ts'
import type { Services } from '../services/index.ts'
import { createDemoCounty, type DemoCredential } from './county.ts'
import { generateReferrals } from './referrals.ts'

export type DemoLoadResult = { credentials: DemoCredential[] | undefined; referralsLoaded: number }

const DEMO_FORCE = 'County Police'
const DAY_MS = 86_400_000

/**
 * The demo county and its synthetic referrals; does nothing to a database that already has users.
 * The referrals are a year of the County Police feed (sent up to an hour ago), fed through intake like
 * a real file, so the demo holds accepted, duplicate, quarantined and consent-refused records.
 */
export interface DemoReferralOptions {
  seed: number
  referrals: number
  /** Told after each chunk is stored: how many referrals are in so far, of how many. */
  onProgress?: (done: number, total: number) => void
}

export async function loadDemoData(
  services: Services,
  options: DemoReferralOptions,
): Promise<DemoLoadResult> {
  const credentials = await createDemoCounty(services.pool, services.accounts)
  if (!credentials) return { credentials, referralsLoaded: 0 }
  return { credentials, referralsLoaded: await loadDemoReferrals(services, options) }
}

/**
 * Only the synthetic referrals (call after the county exists). The hub's first start runs this after it
 * starts listening, so the sign-in page is served while the year of referrals goes in.
 */
export async function loadDemoReferrals(services: Services, options: DemoReferralOptions): Promise<number> {
  if (options.referrals <= 0) return 0
  const force = await services.intake.organisationForImport(DEMO_FORCE)
  const to = new Date(Date.now() - 3_600_000)
  const records = generateReferrals({
    seed: options.seed,
    count: options.referrals,
    from: new Date(to.getTime() - 365 * DAY_MS),
    to,
  })
  const result = await services.intake.receive(
    records,
    {
      kind: 'police_feed',
      organisationId: force?.id ?? null,
      fileName: 'demo-county-police-feed',
      idempotencyKey: `demo:${options.seed}:${options.referrals}`,
    },
    { ...SYSTEM_ACTOR, label: 'demo-data' },
    { includeRecords: false, afterChunk: (_chunk, done) => options.onProgress?.(done, options.referrals) },
  )
  return result.received
}
