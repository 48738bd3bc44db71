import { generateReferrals } from '../../src/demo/referrals.ts'
import { type RawFeedRecord, sampleReferral } from '../../src/domain/referral-feed/sample.ts'
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

/**
 * A domestic abuse referral (so a restricted record) for one victim, Delyth Marchetti, whose details
 * differ from the sample's in every field matching looks at: tests of who may see restricted records.
 */
export function restrictedReferral(overrides: RawFeedRecord = {}): RawFeedRecord {
  return sampleReferral({
    forename: 'Delyth',
    surname: 'Marchetti',
    date_of_birth: '1979-02-02',
    victim_person_ref: 'P999',
    email: 'delyth@example.org',
    phone_mobile: '07700 900555',
    phone_other: '',
    postcode: 'CV32 5AA',
    address_line1: '3 Elm Row',
    domestic_abuse: 'Y',
    ...overrides,
  })
}
