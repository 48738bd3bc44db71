import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ROLES } from '../staff/roles.ts'
import {
  type AccessViewer,
  maySee,
  PERSONAL_RECORD_KINDS,
  type PersonalRecord,
  RESTRICTED_PATHWAYS,
  receivedRecordSensitivity,
  type Sensitivity,
  scopeOf,
  sight,
  UNRESTRICTED,
  WITHHELD_FIELDS,
  withholdFields,
} from './access-policy.ts'

const TEAM_PATHWAYS = [null, 'general_support', 'hate_crime', 'road_trauma', ...RESTRICTED_PATHWAYS]

const viewerArb: fc.Arbitrary<AccessViewer> = fc.record({
  role: fc.constantFrom(...ROLES),
  teamPathway: fc.constantFrom(...TEAM_PATHWAYS),
})
const sensitivityArb: fc.Arbitrary<Sensitivity> = fc.record({
  pathways: fc.subarray([...RESTRICTED_PATHWAYS]),
  restrictedByHand: fc.boolean(),
})
const recordArb: fc.Arbitrary<PersonalRecord> = fc.record({
  kind: fc.constantFrom(...PERSONAL_RECORD_KINDS),
  sensitivity: sensitivityArb,
  routedPathway: fc.constantFrom(...TEAM_PATHWAYS),
})

const da: Sensitivity = { pathways: ['domestic_abuse'], restrictedByHand: false }
const victim = (sensitivity: Sensitivity): PersonalRecord => ({ kind: 'victim', sensitivity })
const referral = (sensitivity: Sensitivity, routedPathway: string | null): PersonalRecord => ({
  kind: 'referral',
  sensitivity,
  routedPathway,
})

describe('the access policy', () => {
  it('anyone allowed on a page sees an unrestricted victim', () => {
    for (const role of ROLES) assert.equal(maySee({ role, teamPathway: null }, victim(UNRESTRICTED)), true)
  })

  it('the first-contact team sees every restricted record, one restricted by hand included', () => {
    for (const role of ['team_manager', 'hub_caseworker'] as const) {
      const viewer = { role, teamPathway: 'general_support' }
      assert.equal(sight(viewer, referral(da, 'domestic_abuse')), 'full')
      assert.equal(sight(viewer, victim({ pathways: [], restrictedByHand: true })), 'full')
    }
  })

  it('a specialist team sees only restricted records on its own pathway, never one restricted by hand', () => {
    const isvaManager = { role: 'team_manager' as const, teamPathway: 'sexual_violence' }
    assert.equal(
      maySee(isvaManager, victim({ pathways: ['sexual_violence'], restrictedByHand: false })),
      true,
    )
    assert.equal(maySee(isvaManager, victim(da)), false)
    assert.equal(maySee(isvaManager, referral(da, 'domestic_abuse')), false, 'the allocation finding')
    assert.equal(
      maySee(
        isvaManager,
        victim({ pathways: ['domestic_abuse', 'sexual_violence'], restrictedByHand: false }),
      ),
      true,
    )
    assert.equal(
      maySee(isvaManager, victim({ pathways: ['sexual_violence'], restrictedByHand: true })),
      false,
    )
  })

  it('a caseworker in a team of an unrestricted pathway, or in no team, sees no restricted record', () => {
    for (const teamPathway of ['hate_crime', null]) {
      const viewer = { role: 'hub_caseworker' as const, teamPathway }
      assert.equal(maySee(viewer, referral(da, 'domestic_abuse')), false, 'the triage finding')
      assert.equal(maySee(viewer, referral(UNRESTRICTED, 'burglary')), true)
    }
  })

  it('specialist workers see only referrals routed to their pathway', () => {
    const idva = { role: 'specialist_worker' as const, teamPathway: 'domestic_abuse' }
    assert.equal(maySee(idva, referral(da, 'domestic_abuse')), true)
    assert.equal(maySee(idva, referral(UNRESTRICTED, 'burglary')), false)
    assert.equal(maySee(idva, referral(UNRESTRICTED, null)), false)
  })

  it('roles that do not work cases never see restricted details, whatever their team', () => {
    for (const role of ['data_quality_officer', 'police_referrer', 'commissioner', 'administrator'] as const)
      assert.equal(maySee({ role, teamPathway: 'general_support' }, victim(da)), false)
  })

  it('a data quality officer sees a restricted quarantined record withheld, an unrestricted one in full', () => {
    const dq = { role: 'data_quality_officer' as const, teamPathway: null }
    assert.equal(sight(dq, { kind: 'quarantined_record', sensitivity: da }), 'withheld')
    assert.equal(sight(dq, { kind: 'quarantined_record', sensitivity: UNRESTRICTED }), 'full')
    assert.equal(
      sight(
        { role: 'hub_caseworker', teamPathway: 'general_support' },
        { kind: 'quarantined_record', sensitivity: UNRESTRICTED },
      ),
      'none',
      'quarantined records are the data quality queue’s',
    )
  })

  it('property: whoever sees a referral, its triage, assessment or task sees its victim', () => {
    fc.assert(
      fc.property(viewerArb, recordArb, (viewer, record) => {
        if (record.kind !== 'quarantined_record' && maySee(viewer, record))
          assert.equal(sight(viewer, victim(record.sensitivity)), 'full')
      }),
    )
  })

  it('property: a restriction set by hand never shows more, and shows in full only to first contact', () => {
    fc.assert(
      fc.property(viewerArb, recordArb, (viewer, record) => {
        const rank = { none: 0, withheld: 1, full: 2 }
        const byHand = { ...record, sensitivity: { ...record.sensitivity, restrictedByHand: true } }
        assert.ok(rank[sight(viewer, byHand)] <= rank[sight(viewer, record)])
        if (sight(viewer, byHand) === 'full') assert.equal(scopeOf(viewer).restricted.kind, 'every')
      }),
    )
  })

  it('property: a restricted record is seen in full only by a caseworking role in a team', () => {
    fc.assert(
      fc.property(viewerArb, recordArb, (viewer, record) => {
        const restricted = record.sensitivity.pathways.length > 0 || record.sensitivity.restrictedByHand
        if (restricted && sight(viewer, record) === 'full') {
          assert.ok(['team_manager', 'hub_caseworker', 'specialist_worker'].includes(viewer.role))
          assert.notEqual(viewer.teamPathway, null)
        }
      }),
    )
  })
})

describe('the sensitivity of a received record', () => {
  it('reads the category and flags as sent; an unreadable flag restricts', () => {
    assert.deepEqual(
      receivedRecordSensitivity({ crime_category: 'rape', cse: 'N', domestic_abuse: 'N' }).pathways,
      ['sexual_violence'],
    )
    assert.deepEqual(
      receivedRecordSensitivity({ crime_category: 'burglary_residential', domestic_abuse: 'N' }),
      UNRESTRICTED,
    )
    assert.deepEqual(receivedRecordSensitivity({ domestic_abuse: 'X' }).pathways, ['domestic_abuse'])
    assert.deepEqual(receivedRecordSensitivity({ cse: true }).pathways, ['child_sexual_exploitation'])
    assert.deepEqual(receivedRecordSensitivity({}), UNRESTRICTED)
  })

  it('withholding keeps no name or contact detail, and nothing sent outside the known fields', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...WITHHELD_FIELDS, 'crime_category', 'extra_notes'), fc.string()),
        (raw) => {
          const kept = withholdFields(raw, [...WITHHELD_FIELDS, 'crime_category'])
          for (const f of WITHHELD_FIELDS) assert.equal(f in kept, false)
          assert.equal('extra_notes' in kept, false)
          if ('crime_category' in raw) assert.equal(kept.crime_category, raw.crime_category)
        },
      ),
    )
  })
})
