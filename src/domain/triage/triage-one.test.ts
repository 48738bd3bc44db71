import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CapacityLedger } from './capacity.ts'
import { defaultRoutingRuleSet } from './default-routing-rules.ts'
import type { TriageInput } from './facts.ts'
import { triageOne } from './triage-one.ts'

const sexualOffence: TriageInput = {
  crimeCategory: 'rape',
  domesticAbuse: 'N',
  hateCrime: 'N',
  cse: 'N',
  cyber: 'N',
  rural: 'N',
  enhanced: true,
  repeatCount: 1,
  dateOfBirth: '1990-01-01',
  under18: false,
  reportedAt: '2026-03-10T12:00:00.000Z',
  town: 'Warwick',
  policeThrive: { harm: 'high' },
}

// Two ISVA services, room for one referral a month each, and the out-of-area one.
const ledger = () =>
  new CapacityLedger(
    ['rosa-isva', 'safeline-isva', 'out-of-area-sv'].map((id) => ({
      id,
      monthlyReferralCapacity: 1,
      activeCaseCapacity: 10,
      expectedWaitDays: id === 'rosa-isva' ? 7 : null,
      timeLimited: false,
    })),
  )

describe("one referral's triage", () => {
  it('routes with the capacity at the moment received, and counts the referral for the next one', () => {
    const l = ledger()
    const at = Date.parse('2026-03-10T12:00:00Z')
    const first = triageOne(sexualOffence, defaultRoutingRuleSet, l, at)
    assert.equal(first.route.pathway, 'sexual_violence')
    assert.equal(first.route.providerId, 'rosa-isva')
    assert.equal(first.expectedWaitDays, 7, "the chosen provider's wait")
    assert.equal(l.loadAt('rosa-isva', at).referralsThisMonth, 1)

    const second = triageOne(sexualOffence, defaultRoutingRuleSet, l, at + 1000)
    assert.equal(second.route.providerId, 'safeline-isva', 'the first choice is full now')
    assert.ok(second.route.warnings.includes('provider_full:rosa-isva'))
    assert.equal(second.expectedWaitDays, null, 'no wait reported by that provider')
  })

  it("grades priority from THRIVE and ranks the queue's risk", () => {
    const outcome = triageOne(
      sexualOffence,
      defaultRoutingRuleSet,
      ledger(),
      Date.parse('2026-03-10T12:00:00Z'),
    )
    assert.equal(outcome.thrivePriority, 'high')
    assert.equal(outcome.priorityRank, 3)
  })
})
