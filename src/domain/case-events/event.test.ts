import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type CaseEventInput, crimeKey, decideCaseEvents } from './decide.ts'
import { CASE_EVENT_FIELDS, CASE_EVENT_TYPES, checkCaseEvent } from './event.ts'

const NOW = new Date('2026-03-12T12:00:00Z')
const sample = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  event_id: 'EV-1',
  force_code: 'warks',
  crime_reference: 'WK/012345/26',
  event_type: 'suspect_arrested',
  occurred_at: '2026-03-11 09:30',
  sent_at: '2026-03-11T10:00:00Z',
  details: 'A man was arrested.',
  ...overrides,
})

describe('checking one case event', () => {
  test('a good event comes out typed: force upper case, London wall-clock times in UTC', () => {
    const check = checkCaseEvent(
      sample({ hearing_at: '2026-04-01T10:00:00+01:00', court_name: 'Leamington' }),
      NOW,
    )
    assert.ok(check.ok)
    assert.deepEqual(check.event, {
      eventId: 'EV-1',
      forceCode: 'WARKS',
      crimeReference: 'WK/012345/26',
      eventType: 'suspect_arrested',
      occurredAt: '2026-03-11T09:30:00.000Z',
      sentAt: '2026-03-11T10:00:00.000Z',
      details: 'A man was arrested.',
      hearingAt: '2026-04-01T09:00:00.000Z',
      courtName: 'Leamington',
    })
  })

  test('every missing required field is named at once', () => {
    const check = checkCaseEvent({ details: 'x' }, NOW)
    assert.equal(check.ok, false)
    assert.deepEqual([...(check.ok ? [] : check.reasons)].sort(), [
      'missing_field:crime_reference',
      'missing_field:event_id',
      'missing_field:event_type',
      'missing_field:force_code',
      'missing_field:occurred_at',
      'missing_field:sent_at',
    ])
  })

  test('an unknown type, bad dates, a future event and a send before the event are each a reason', () => {
    const reasons = (o: Record<string, unknown>) => {
      const c = checkCaseEvent(sample(o), NOW)
      return c.ok ? [] : [...c.reasons]
    }
    assert.deepEqual(reasons({ event_type: 'suspect_escaped' }), ['unknown_event_type'])
    assert.deepEqual(reasons({ occurred_at: '31/02/2026' }), ['invalid_field:occurred_at'])
    assert.deepEqual(reasons({ hearing_at: 'next week' }), ['invalid_field:hearing_at'])
    assert.deepEqual(reasons({ occurred_at: '2026-03-13T12:00:00Z', sent_at: '2026-03-13T12:00:00Z' }), [
      'occurred_in_future',
    ])
    assert.deepEqual(reasons({ sent_at: '2026-03-11T08:00:00Z' }), ['sent_before_occurred'])
    assert.deepEqual(reasons({ force_code: 'W A' }), ['invalid_field:force_code'])
    assert.deepEqual(reasons({ details: { text: 'x' } }), ['invalid_field:details'])
  })

  test('a quarantined event still says which event and crime it is, when it can', () => {
    const c = checkCaseEvent(sample({ event_type: 'nope' }), NOW)
    assert.equal(c.ok, false)
    if (!c.ok) assert.deepEqual([c.eventId, c.forceCode, c.crimeReference], ['EV-1', 'WARKS', 'WK/012345/26'])
  })

  test('property: any object is either a typed event or quarantined with at least one reason, never a throw', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constantFrom(...CASE_EVENT_TYPES, '2026-03-11T09:00:00Z', 'WARKS', ' '),
      fc.object({ maxDepth: 1 }),
    )
    fc.assert(
      fc.property(fc.record(Object.fromEntries(CASE_EVENT_FIELDS.map((f) => [f, value]))), (raw) => {
        const c = checkCaseEvent(raw as Record<string, unknown>, NOW)
        if (c.ok) {
          assert.ok((CASE_EVENT_TYPES as readonly string[]).includes(c.event.eventType))
          assert.ok(Date.parse(c.event.sentAt) >= Date.parse(c.event.occurredAt))
        } else assert.ok(c.reasons.length > 0)
      }),
      { numRuns: 500 },
    )
  })
})

describe('deciding a chunk of case events', () => {
  const knowledge = {
    knownForces: new Set(['WARKS']),
    crimesWithReferral: new Set([crimeKey('WARKS', 'WK/1')]),
    storedEventIds: new Map([['EV-OLD', 'stored-uuid']]),
  }
  const item = (recordNumber: number, o: Record<string, unknown>): CaseEventInput => ({
    recordNumber,
    raw: sample(o),
  })

  test('accepted with a referral, held without, duplicate when stored or repeated, quarantined otherwise', () => {
    const decisions = decideCaseEvents(
      [
        item(1, { event_id: 'EV-A', crime_reference: 'WK/1' }),
        item(2, { event_id: 'EV-B', crime_reference: 'WK/2' }),
        item(3, { event_id: 'EV-OLD', crime_reference: 'WK/1' }),
        item(4, { event_id: 'EV-A', crime_reference: 'WK/1' }),
        item(5, { event_id: 'EV-C', force_code: 'NOPE' }),
        item(6, { event_id: 'EV-D', event_type: 'x' }),
        { recordNumber: 7, unreadable: 'not json', problem: 'is not valid JSON' },
      ],
      knowledge,
      NOW,
    )
    assert.deepEqual(
      decisions.map((d) => [d.recordNumber, d.state, d.reasons]),
      [
        [1, 'accepted', []],
        [2, 'held', []],
        [3, 'duplicate', []],
        [4, 'duplicate', []],
        [5, 'quarantined', ['unknown_force']],
        [6, 'quarantined', ['unknown_event_type']],
        [7, 'quarantined', ['unreadable_record']],
      ],
    )
    assert.deepEqual(decisions[2]?.duplicateOf, { storedEventId: 'stored-uuid' })
    assert.deepEqual(decisions[3]?.duplicateOf, { recordNumber: 1 })
    assert.equal(decisions[4]?.event, null)
  })

  test('a quarantined event does not make a later, corrected one with its id a duplicate', () => {
    const [bad, good] = decideCaseEvents(
      [
        item(1, { event_id: 'EV-X', event_type: 'x', crime_reference: 'WK/1' }),
        item(2, { event_id: 'EV-X', crime_reference: 'WK/1' }),
      ],
      knowledge,
      NOW,
    )
    assert.equal(bad?.state, 'quarantined')
    assert.equal(good?.state, 'accepted')
  })

  test('property: every event ends in exactly one state, in order, and each event id is stored at most once', () => {
    const event = fc.record({
      event_id: fc.constantFrom('E1', 'E2', 'E3', 'EV-OLD', ''),
      force_code: fc.constantFrom('WARKS', 'WMP', ''),
      crime_reference: fc.constantFrom('WK/1', 'WK/2'),
      event_type: fc.constantFrom('charged', 'verdict', 'bogus'),
    })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const items = events.map((e, i) => item(i + 1, e))
        const decisions = decideCaseEvents(items, knowledge, NOW)
        assert.deepEqual(
          decisions.map((d) => d.recordNumber),
          items.map((i) => i.recordNumber),
        )
        const stored = decisions.filter((d) => d.event !== null).map((d) => d.event?.eventId)
        assert.equal(new Set(stored).size, stored.length)
        assert.ok(!stored.includes('EV-OLD'))
        for (const d of decisions) {
          assert.equal(d.event !== null, d.state === 'accepted' || d.state === 'held')
          assert.equal(d.reasons.length > 0, d.state === 'quarantined')
        }
      }),
      { numRuns: 300 },
    )
  })
})
