import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { loadDefaultCalendar } from '../calendar/bank-holidays.ts'
import { DEFAULT_DEADLINE_POLICY } from '../entitlements/deadlines.ts'
import { victimsCode2020 } from '../entitlements/rules/victims-code-2020.ts'
import { type RawFeedRecord, SAMPLE_NOW, sampleReferral } from '../referral-feed/sample.ts'
import { type ChunkKnowledge, type KnownIdentity, lookupsFor } from './chunk-knowledge.ts'
import { type ChunkRules, decideChunk } from './decide-chunk.ts'
import { type Prepared, prepareChunk } from './prepare.ts'
import { countStates, type IntakeItem, UNREADABLE_RECORD, UnreadableRecord } from './records.ts'

const nothingKnown: ChunkKnowledge = {
  priors: [],
  identities: [],
  acceptedForCrimes: [],
  openQuarantine: [],
  reportedReferrals: [],
  nameCounts: new Map(),
}

/** Ids that say what they are, in the order they were asked for. */
const counter = (prefix: string) => {
  let n = 0
  return () => `${prefix}-${++n}`
}

const rulesFor = (overrides: Partial<ChunkRules> = {}): ChunkRules => ({
  batchId: 'batch-1',
  source: 'police_feed',
  organisationId: null,
  receivedAt: new Date(SAMPLE_NOW),
  calendar: loadDefaultCalendar(),
  deadlinePolicy: DEFAULT_DEADLINE_POLICY,
  ruleSet: victimsCode2020,
  newId: counter('id'),
  ...overrides,
})

const prepare = (inputs: (RawFeedRecord | UnreadableRecord)[]): Prepared[] =>
  prepareChunk(
    inputs.map((input, i): IntakeItem => ({ recordNumber: i + 1, input })),
    new Date(SAMPLE_NOW),
    counter('receipt'),
  )

/** A second referral of the sample victim, for another crime. */
const anotherCrime = (n: number) =>
  sampleReferral({ referral_id: `WARKS-REF-1${n}`, crime_reference: `WK/9999${n}/26` })

/** What the hub would hold after accepting `prepared[0]`: its identity snapshot as a known one. */
const knownFrom = (p: Prepared, victimId: string): KnownIdentity => ({
  identityId: 7,
  victimId,
  subject: p.subject as NonNullable<Prepared['subject']>,
  keys: p.keys,
})

describe('deciding a chunk of received records', () => {
  it('accepts a valid record: a new victim, a referral with its rights and deadlines, one snapshot', () => {
    const prepared = prepare([sampleReferral({ crime_category: 'rape' })])
    const d = decideChunk(prepared, nothingKnown, rulesFor())
    assert.equal(d.outcomes.length, 1)
    const [outcome] = d.outcomes
    assert.equal(outcome?.state, 'accepted')
    assert.equal(outcome?.match, 'new')
    assert.equal(d.newVictims.length, 1)
    assert.equal(d.newVictims[0]?.id, outcome?.victimId)
    const referral = d.referrals[0]
    assert.equal(referral?.id, outcome?.referralUuid)
    assert.equal(referral?.entitlements.enhanced, true)
    // Rape is one of the most serious crimes, and its victims count as intimidated.
    assert.deepEqual(referral?.entitlements.reasons, ['most_serious_crime', 'intimidated'])
    // Reported Monday 9 March 2026, received Tuesday 10th; enhanced: one working day.
    assert.equal(referral?.deadlines.first_contact_due, '2026-03-11')
    assert.equal(referral?.repeatCount, 1)
    assert.deepEqual(referral?.safeChannels, ['call', 'text', 'email', 'letter'])
    assert.equal(d.identities.length, 1)
    // The accepted record's normalised form is kept once, on the referral.
    assert.equal(d.receipts[0]?.normalised, null)
  })

  it('a resend of a record seen before is a duplicate of it; a changed one with the same id is held', () => {
    const [first] = prepare([sampleReferral()])
    const known: ChunkKnowledge = {
      ...nothingKnown,
      priors: [
        {
          id: 'earlier',
          referralId: 'WARKS-REF-0001',
          fingerprint: first?.fingerprint ?? null,
          state: 'accepted',
          victimId: 'victim-earlier',
          referralUuid: 'referral-earlier',
        },
      ],
    }
    const d = decideChunk(
      prepare([sampleReferral(), sampleReferral({ surname: 'Jones' })]),
      known,
      rulesFor(),
    )
    assert.deepEqual(
      d.receipts.map((r) => [r.state, r.duplicateKind, r.duplicateOf, r.victimId, r.reasons]),
      [
        ['duplicate', 'resend', 'earlier', 'victim-earlier', []],
        ['quarantined', null, null, null, ['referral_id_conflict']],
      ],
    )
    assert.equal(d.referrals.length, 0)
  })

  it('sees a record earlier in the same chunk: the same message twice is one referral and a resend', () => {
    const d = decideChunk(prepare([sampleReferral(), sampleReferral()]), nothingKnown, rulesFor())
    assert.deepEqual(
      d.outcomes.map((o) => o.state),
      ['accepted', 'duplicate'],
    )
    assert.equal(d.receipts[1]?.duplicateOf, d.receipts[0]?.id)
    assert.equal(d.outcomes[1]?.referralUuid, d.outcomes[0]?.referralUuid)
    assert.equal(d.referrals.length, 1)
  })

  it('stores a refusal of consent without any contact details, whatever else is wrong', () => {
    const d = decideChunk(
      prepare([sampleReferral({ consent_to_refer: 'N', crime_category: 'nonsense' })]),
      nothingKnown,
      rulesFor(),
    )
    const receipt = d.receipts[0]
    assert.equal(receipt?.state, 'consent_refused')
    assert.equal(receipt?.raw.phone_mobile, undefined)
    assert.equal(receipt?.raw.email, undefined)
    assert.equal(receipt?.normalised?.phone_mobile, null)
    assert.equal(receipt?.normalised?.address_line1, null)
    assert.equal(d.newVictims.length + d.referrals.length + d.identities.length, 0)
  })

  it('holds a record that fails its checks with every reason, and an unreadable line as unreadable', () => {
    const d = decideChunk(
      prepare([
        sampleReferral({ forename: '', crime_category: 'nonsense' }),
        new UnreadableRecord('{oops', 'bad'),
      ]),
      nothingKnown,
      rulesFor(),
    )
    assert.deepEqual(
      d.outcomes.map((o) => [o.state, o.reasons]),
      [
        ['quarantined', ['unknown_category', 'missing_field:forename']],
        ['quarantined', [UNREADABLE_RECORD]],
      ],
    )
    assert.deepEqual(d.receipts[1]?.raw, { _unreadable: '{oops', _problem: 'bad', _line: null })
  })

  it('links a known victim, refreshes their details, and keeps no second copy of an identical snapshot', () => {
    const [seen] = prepare([sampleReferral()])
    const known: ChunkKnowledge = {
      ...nothingKnown,
      identities: [knownFrom(seen as Prepared, 'victim-known')],
      reportedReferrals: [{ victimId: 'victim-known', reportedAt: new Date('2025-06-01T10:00:00Z') }],
    }
    const d = decideChunk(prepare([anotherCrime(1)]), known, rulesFor())
    assert.equal(d.outcomes[0]?.match, 'linked')
    assert.equal(d.outcomes[0]?.victimId, 'victim-known')
    assert.deepEqual(
      d.refreshedVictims.map((v) => v.id),
      ['victim-known'],
    )
    assert.equal(d.newVictims.length, 0)
    assert.equal(d.identities.length, 0)
    // The referral reported in June 2025 is within the 12 months to this one: the second.
    assert.equal(d.referrals[0]?.repeatCount, 2)
  })

  it('a second referral for a crime the linked victim already has is a same-crime duplicate', () => {
    const [seen] = prepare([sampleReferral()])
    const known: ChunkKnowledge = {
      ...nothingKnown,
      identities: [knownFrom(seen as Prepared, 'victim-known')],
      acceptedForCrimes: [
        {
          forceCode: 'WARKS',
          crimeReference: 'WK/012345/26',
          referralUuid: 'referral-known',
          receiptId: 'receipt-known',
          victimId: 'victim-known',
        },
      ],
    }
    const d = decideChunk(prepare([sampleReferral({ referral_id: 'WARKS-REF-0002' })]), known, rulesFor())
    assert.deepEqual(
      [d.receipts[0]?.state, d.receipts[0]?.duplicateKind, d.receipts[0]?.duplicateOf],
      ['duplicate', 'same_crime', 'receipt-known'],
    )
    assert.equal(d.outcomes[0]?.referralUuid, 'referral-known')
    assert.equal(d.referrals.length, 0)
  })

  it('an accepted record overtakes a quarantined one for the same victim and crime', () => {
    const held = prepare([sampleReferral({ referral_id: 'WARKS-REF-0009', crime_category: 'nonsense' })])[0]
    const known: ChunkKnowledge = {
      ...nothingKnown,
      openQuarantine: [
        {
          receiptId: 'held-1',
          forceCode: 'WARKS',
          crimeReference: 'WK/012345/26',
          record: held?.assessment?.record ?? null,
        },
        { receiptId: 'held-2', forceCode: 'WARKS', crimeReference: 'WK/012345/26', record: null },
      ],
    }
    const d = decideChunk(prepare([sampleReferral()]), known, rulesFor())
    assert.equal(d.outcomes[0]?.state, 'accepted')
    assert.deepEqual(d.supersede, [{ receiptId: 'held-1', by: d.receipts[0]?.id }])
  })

  it('a close but uncertain match is a new victim with a possible-match task', () => {
    const [seen] = prepare([sampleReferral()])
    const known = { ...nothingKnown, identities: [knownFrom(seen as Prepared, 'victim-known')] }
    const d = decideChunk(
      prepare([
        sampleReferral({
          referral_id: 'WARKS-REF-7',
          crime_reference: 'WK/7/26',
          forename: 'Beth',
          date_of_birth: '',
          phone_mobile: '',
          phone_other: '',
          email: '',
          victim_person_ref: '',
        }),
      ]),
      known,
      rulesFor(),
    )
    const outcome = d.outcomes[0]
    // Same name and address but nothing personal agrees: not enough to link, enough to ask a person.
    assert.equal(outcome?.state, 'accepted')
    assert.equal(outcome?.match, 'new_with_review')
    assert.deepEqual(
      d.newVictims.map((v) => v.id),
      [outcome?.victimId],
    )
    assert.deepEqual(
      d.matchReviews.map((r) => [r.incomingVictimId, r.candidateVictimId, r.receiptId]),
      [[outcome?.victimId, 'victim-known', outcome?.receiptId]],
    )
  })

  it('sends a common name and date of birth with nothing else in common to review, a rare one links', () => {
    const [seen] = prepare([sampleReferral()])
    // Bethan Pritchard again, born the same day, in another town with her own phone, email and person id.
    const namesake = sampleReferral({
      referral_id: 'WARKS-REF-8',
      crime_reference: 'WK/8/26',
      phone_mobile: '07700 900888',
      phone_other: '',
      email: 'b.pritchard@example.net',
      victim_person_ref: 'P888',
      address_line1: '40 Hill Street',
      town: 'Nuneaton',
      postcode: 'CV11 4AA',
    })
    const known = (victims: number): ChunkKnowledge => ({
      ...nothingKnown,
      identities: [knownFrom(seen as Prepared, 'victim-known')],
      nameCounts: new Map([['bethan pritchard', victims]]),
    })
    const common = decideChunk(prepare([namesake]), known(300), rulesFor())
    assert.equal(common.outcomes[0]?.match, 'new_with_review')
    assert.ok(common.matchReviews[0]?.evidence.some((e) => e.startsWith('300 victims have this name')))
    // One more victim of that name; the hub's count is added to.
    assert.deepEqual([...common.nameCountsAdded], [['bethan pritchard', 1]])
    const rare = decideChunk(prepare([namesake]), known(1), rulesFor())
    assert.equal(rare.outcomes[0]?.match, 'linked')
    assert.equal(rare.outcomes[0]?.victimId, 'victim-known')
    // A victim already known by the name is not counted again.
    assert.deepEqual([...rare.nameCountsAdded], [])
  })

  it('merges two victims a record links to both of, and later records of the chunk see one victim', () => {
    const person = { forename: 'Morwenna', surname: 'Trelawny', phone_other: '' }
    const byMobile = { date_of_birth: '1988-08-18', phone_mobile: '07700 900801' }
    const byEmail = { date_of_birth: '', email: 'morwenna@example.org', victim_person_ref: 'P2' }
    const elsewhere = { postcode: 'B50 4QQ', address_line1: '1 Mill Lane', phone_mobile: '07700 900802' }
    const d = decideChunk(
      prepare([
        sampleReferral({ ...person, ...byMobile, referral_id: 'R1', crime_reference: 'C1', email: '' }),
        // Her email and person id, no date of birth, another address: not enough, a second victim.
        sampleReferral({ ...person, ...byEmail, ...elsewhere, referral_id: 'R2', crime_reference: 'C2' }),
        // Her mobile and date of birth, her email and person id: both victims are her.
        sampleReferral({ ...person, ...byEmail, ...byMobile, referral_id: 'R3', crime_reference: 'C3' }),
        // The crime of the second victim's referral again: a same-crime duplicate of her one victim.
        sampleReferral({ ...person, ...byEmail, ...elsewhere, referral_id: 'R4', crime_reference: 'C2' }),
      ]),
      nothingKnown,
      rulesFor(),
    )
    const [first, second, third, fourth] = d.outcomes
    assert.notEqual(second?.victimId, first?.victimId)
    assert.equal(third?.match, 'linked')
    assert.equal(third?.victimId, first?.victimId)
    assert.deepEqual(
      d.merges.map((m) => [m.keepId, m.mergeId, m.receiptId]),
      [[first?.victimId, second?.victimId, third?.receiptId]],
    )
    assert.ok(d.merges[0]?.evidence.includes('email agrees'))
    assert.equal(fourth?.state, 'duplicate')
    assert.equal(fourth?.victimId, first?.victimId)
    assert.deepEqual([...d.nameCountsAdded], [['morwenna trelawny', 2]])
  })

  it('asks storage about the chunk: referral ids (not for a release), blocking keys and crimes, once each', () => {
    const prepared = prepare([sampleReferral(), sampleReferral(), anotherCrime(1)])
    const asked = lookupsFor(prepared, { release: false })
    assert.deepEqual(asked.referralIds, ['WARKS-REF-0001', 'WARKS-REF-11'])
    assert.equal(new Set(asked.keys).size, asked.keys.length)
    assert.deepEqual(asked.crimes, [
      { forceCode: 'WARKS', crimeReference: 'WK/012345/26' },
      { forceCode: 'WARKS', crimeReference: 'WK/99991/26' },
    ])
    assert.deepEqual(lookupsFor(prepared, { release: true }).referralIds, [])
  })

  // Records a feed might send: good ones for a few victims and crimes, resends, broken ones, refusals.
  const feedRecord = fc.oneof(
    fc
      .record({
        victim: fc.integer({ min: 0, max: 3 }),
        crime: fc.integer({ min: 0, max: 3 }),
        sender: fc.integer({ min: 0, max: 5 }),
      })
      .map(({ victim, crime, sender }) =>
        sampleReferral({
          referral_id: `REF-${sender}`,
          crime_reference: `WK/${crime}/26`,
          surname: ['Pritchard', 'Okafor', 'Nowak', 'Hughes'][victim],
          victim_person_ref: `P${victim}`,
          email: `person${victim}@example.org`,
          phone_mobile: `07700 90012${victim}`,
          phone_other: '',
        }),
      ),
    fc.constant(sampleReferral({ referral_id: 'REF-BROKEN', surname: '' })),
    fc.constant(sampleReferral({ referral_id: 'REF-NO', consent_to_refer: 'N' })),
    fc.constant(new UnreadableRecord('not,a,record', 'has the wrong number of values')),
  )

  it('property: every record gets exactly one state, in order, and the counts add up', () => {
    fc.assert(
      fc.property(fc.array(feedRecord, { minLength: 1, maxLength: 25 }), (inputs) => {
        const prepared = prepare(inputs)
        const d = decideChunk(prepared, nothingKnown, rulesFor())
        assert.deepEqual(
          d.outcomes.map((o) => o.recordNumber),
          prepared.map((p) => p.item.recordNumber),
        )
        assert.deepEqual(
          d.receipts.map((r) => r.id),
          prepared.map((p) => p.receiptId),
        )
        const counts = countStates(d.outcomes.map((o) => o.state))
        assert.equal(counts.received, inputs.length)
        assert.equal(
          counts.accepted + counts.duplicate + counts.quarantined + counts.consent_refused,
          counts.received,
        )
        assert.equal(d.referrals.length, counts.accepted)
        assert.equal(d.newVictims.length, d.outcomes.filter((o) => o.match && o.match !== 'linked').length)
        const accepted = new Set(d.outcomes.filter((o) => o.state === 'accepted').map((o) => o.receiptId))
        for (const identity of d.identities) assert.ok(accepted.has(identity.receiptId))
        for (const r of d.receipts) {
          assert.equal(
            r.reasons.length > 0,
            r.state === 'quarantined',
            'held records, and only they, say why',
          )
          if (r.state === 'duplicate') assert.ok(r.duplicateOf, 'a duplicate names what it repeats')
        }
      }),
    )
  })

  it('property: the same chunk decided twice with the same ids decides the same', () => {
    fc.assert(
      fc.property(fc.array(feedRecord, { minLength: 1, maxLength: 15 }), (inputs) => {
        const once = decideChunk(prepare(inputs), nothingKnown, rulesFor())
        const again = decideChunk(prepare(inputs), nothingKnown, rulesFor())
        assert.deepEqual(again.outcomes, once.outcomes)
        assert.deepEqual(again.receipts, once.receipts)
      }),
      { numRuns: 30 },
    )
  })
})
