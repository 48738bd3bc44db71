import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { PROVIDERS } from '../triage/pathways.ts'
import { DIRECTORY_SEED, type PublicDirectoryService, publicService, SUPPORT_TOPICS } from './entries.ts'
import { type FindSupportAnswers, findSupport, RATHER_NOT_SAY, WAYS } from './find-support.ts'
import { DISTRICTS } from './places.ts'

// The seeded demo directory as the database gives it back.
const SERVICES: PublicDirectoryService[] = DIRECTORY_SEED.map((seed) => {
  const provider = PROVIDERS.find((p) => p.id === seed.id)
  return publicService({
    id: seed.id,
    name: provider?.name ?? seed.helpline?.name ?? seed.id,
    pathway: provider?.pathway ?? seed.helpline?.pathway ?? 'general_support',
    expectedWaitDays: null,
    routable: provider !== undefined,
    updatedAt: new Date(0),
    locations: seed.locations,
    ...seed.details,
  })
})

const answers = (a: Partial<FindSupportAnswers>): FindSupportAnswers => ({
  topic: RATHER_NOT_SAY,
  age: null,
  district: null,
  ways: [],
  inDanger: false,
  ...a,
})
const names = (a: Partial<FindSupportAnswers>) => findSupport(SERVICES, answers(a)).map((m) => m.service.name)

describe('find support', () => {
  it('puts the 24-hour national helplines first for someone in danger from domestic abuse', () => {
    const matches = findSupport(
      SERVICES,
      answers({ topic: 'domestic_abuse', age: 34, district: 'CV11', inDanger: true }),
    )
    assert.deepEqual(
      matches.map((m) => m.service.name),
      ['National Domestic Abuse Helpline', 'Victim Support Supportline', 'Refuge', 'Men’s Advice Line'],
    )
    const [helpline] = matches
    assert.deepEqual(helpline?.reasons, [
      { kind: 'topic', topic: 'domestic_abuse' },
      { kind: 'national' },
      { kind: 'open_24_hours' },
    ])
    assert.equal(helpline?.canReferYourself, false)
    const refuge = matches.find((m) => m.service.name === 'Refuge')
    assert.deepEqual(refuge?.reasons, [
      { kind: 'topic', topic: 'domestic_abuse' },
      { kind: 'age', minimumAge: 16, maximumAge: null },
      { kind: 'area', district: 'CV11' },
    ])
    assert.equal(refuge?.canReferYourself, true)
  })

  it('without danger puts local services first, the specialist before the general', () => {
    assert.deepEqual(names({ topic: 'burglary', age: 40, district: 'CV34' }), [
      'Victim Support burglary support',
      'Victim Support',
      'Victim Support Supportline',
    ])
  })

  it('sends an adult in Warwick to Safeline and one in Nuneaton to ROSA, for sexual violence', () => {
    const warwick = names({ topic: 'sexual_violence', age: 30, district: 'CV34' })
    assert.ok(warwick.includes('Safeline') && !warwick.includes('ROSA'))
    const nuneaton = names({ topic: 'sexual_violence', age: 30, district: 'CV11' })
    assert.ok(nuneaton.includes('ROSA') && !nuneaton.includes('Safeline'))
  })

  it('offers a child the young people’s service and Childline, never a service for older people', () => {
    const child = names({ topic: 'violence', age: 12, district: 'CV21' })
    assert.ok(child.includes('Victim Support young people’s service'))
    assert.ok(child.includes('Childline'))
    assert.ok(!child.includes('Victim Support older people’s support'))
    const older = names({ topic: 'fraud', age: 80 })
    assert.ok(older.includes('Victim Support older people’s support'))
    assert.ok(!older.includes('Childline'))
  })

  it('for ‘I’d rather not say’ offers the services that help after any crime, and says so', () => {
    const matches = findSupport(SERVICES, answers({}))
    assert.ok(matches.length > 0)
    for (const m of matches)
      assert.ok(
        m.reasons.some((r) => r.kind === 'any_crime'),
        m.service.name,
      )
    assert.ok(!matches.some((m) => m.service.name === 'Refuge'))
  })

  it('says which of the ways they asked for a service offers, and ranks those first', () => {
    const matches = findSupport(
      SERVICES,
      answers({ topic: 'domestic_abuse', district: 'CV21', ways: ['in_person'] }),
    )
    assert.equal(matches[0]?.service.name, 'Refuge')
    assert.ok(matches[0]?.reasons.some((r) => r.kind === 'way' && r.way === 'in_person'))
  })

  it('never offers a service whose age limits, area or topic the answers fall outside', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUPPORT_TOPICS, RATHER_NOT_SAY),
        fc.option(fc.integer({ min: 0, max: 110 })),
        fc.option(fc.constantFrom(...DISTRICTS.map((d) => d.code))),
        fc.subarray([...WAYS]),
        fc.boolean(),
        (topic, age, district, ways, inDanger) => {
          const matches = findSupport(SERVICES, { topic, age, district, ways, inDanger })
          for (const { service: s, reasons } of matches) {
            if (age !== null) assert.ok((s.minimumAge ?? 0) <= age && age <= (s.maximumAge ?? 200), s.name)
            if (district !== null && !s.national) assert.ok(s.areasServed.includes(district), s.name)
            if (topic !== RATHER_NOT_SAY) assert.ok(s.topics.includes(topic), s.name)
            assert.ok(reasons.length > 0)
          }
          if (inDanger && matches.some((m) => m.service.national && m.service.open24Hours)) {
            assert.ok(matches[0]?.service.national && matches[0].service.open24Hours)
          }
          // There is always someone to talk to: the Supportline takes every topic, age and place.
          if (age === null || age >= 0)
            assert.ok(matches.some((m) => m.service.name === 'Victim Support Supportline'))
        },
      ),
    )
  })
})
