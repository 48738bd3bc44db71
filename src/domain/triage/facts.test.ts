import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fastLondonDate, priorityOf, routingAge, routingFacts, type TriageInput } from './facts.ts'

const base: TriageInput = {
  crimeCategory: 'violence_with_injury',
  domesticAbuse: 'N',
  hateCrime: 'U',
  cse: 'U',
  cyber: 'U',
  rural: 'U',
  enhanced: false,
  repeatCount: 1,
  dateOfBirth: null,
  under18: false,
  reportedAt: '2026-03-10T12:00:00.000Z',
  town: 'Warwick',
  policeThrive: {},
}

describe('triage facts', () => {
  it('London date of an instant in the last UTC hour in summer is the next day', () => {
    assert.equal(fastLondonDate('2026-06-30T23:30:00.000Z'), '2026-07-01')
    assert.equal(fastLondonDate('2026-12-31T23:30:00.000Z'), '2026-12-31')
    assert.equal(fastLondonDate('2026-06-30T12:00:00.000Z'), '2026-06-30')
  })

  it('age from the date of birth, or 17 for a child of unknown age', () => {
    assert.equal(routingAge({ ...base, dateOfBirth: '2010-03-11' }), 15)
    assert.equal(routingAge({ ...base, under18: true }), 17)
    assert.equal(routingAge(base), null)
  })

  it('repeat victim means this and one more referral in 12 months', () => {
    assert.equal(routingFacts(base).flags?.repeatVictim, false)
    assert.equal(routingFacts({ ...base, repeatCount: 2 }).flags?.repeatVictim, true)
    assert.equal(routingFacts(base).district, 'Warwick')
  })

  it('risk rank is the highest of THRIVE (hub over police), checklist and needs level', () => {
    assert.deepEqual(priorityOf(base), { thrive: null, rank: 0 })
    assert.deepEqual(priorityOf({ ...base, policeThrive: { harm: 'medium' } }), { thrive: 'medium', rank: 2 })
    assert.deepEqual(priorityOf({ ...base, policeThrive: { harm: 'high' }, hubThrive: { harm: 'low' } }), {
      thrive: 'low',
      rank: 1,
    })
    assert.equal(priorityOf({ ...base, riskLevel: 'high' }).rank, 3)
    assert.equal(priorityOf({ ...base, needsLevel: 'medium' }).rank, 2)
  })
})
