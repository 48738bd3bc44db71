import { generateReferrals } from '../../src/demo/referrals.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import type { Services } from '../../src/services/index.ts'

const DAY = 86_400_000

/** Feeds generated police referrals (reported over the `days` before yesterday) through the real intake. */
export function receiveGeneratedReferrals(
  services: Services,
  options: { seed: number; count: number; days: number },
) {
  const to = new Date(Date.now() - DAY)
  const records = generateReferrals({
    seed: options.seed,
    count: options.count,
    from: new Date(to.getTime() - options.days * DAY),
    to,
  })
  return services.intake.receive(records, { kind: 'police_feed', organisationId: null }, SYSTEM_ACTOR)
}
