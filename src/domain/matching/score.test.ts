import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { MatchSubject } from './candidate.ts'
import {
  BIRTH_DATES,
  DEFAULT_THRESHOLDS,
  DEFAULT_WEIGHTS,
  decide,
  type MatchResult,
  NAMESAKE_CHANCE_LIMIT,
  namesakeChance,
  resolveCandidates,
  scoreMatch,
} from './score.ts'

const base: MatchSubject = {
  forename: 'Robert',
  surname: 'Smith',
  dateOfBirth: '1980-03-07',
  phones: ['+447700900123'],
  emails: ['rob.smith@example.org'],
  postcode: 'CV34 4AB',
  addressLine1: '12 Warwick Road',
  forceCode: 'WARKS',
  personRef: 'P123',
}

const bare: MatchSubject = {
  forename: 'Robert',
  surname: 'Smith',
  dateOfBirth: null,
  phones: [],
  emails: [],
  postcode: null,
  addressLine1: null,
  forceCode: null,
  personRef: null,
}

function decision(a: MatchSubject, b: MatchSubject): string {
  return decide(scoreMatch(a, b))
}

describe('scoreMatch: evidence', () => {
  it('links an exact copy and explains why', () => {
    const r = scoreMatch(base, { ...base })
    assert.equal(decide(r), 'link')
    assert.ok(r.evidence.includes('date of birth agrees'))
    assert.ok(r.evidence.includes('mobile phone agrees'))
    assert.ok(r.evidence.includes('address agrees'))
  })
  it('links a nickname with the same date of birth, after a move', () => {
    const bob = {
      ...base,
      forename: 'Bob',
      phones: [],
      emails: [],
      postcode: 'B1 1AA',
      addressLine1: '1 New St',
    }
    const r = scoreMatch(base, bob)
    assert.ok(r.evidence.includes('forename nickname (robert ~ bob)'))
    assert.equal(decide(r), 'link')
  })
  it('recognises a day/month transposition', () => {
    const r = scoreMatch(base, { ...base, dateOfBirth: '1980-07-03' })
    assert.ok(r.evidence.includes('date of birth day/month transposed'))
    assert.equal(decide(r), 'link')
  })
  it('recognises a one-digit date typo', () => {
    const r = scoreMatch(base, { ...base, dateOfBirth: '1981-03-07' })
    assert.ok(r.evidence.includes('date of birth differs by one digit'))
  })
  it('links a married name when date of birth and a personal contact agree', () => {
    const married = { ...base, forename: 'Sarah', surname: 'Jones' }
    const r = scoreMatch(married, { ...married, surname: 'Smith-Jones', postcode: null, addressLine1: null })
    assert.equal(decide(r), 'link')
    const r2 = scoreMatch(married, { ...married, surname: 'Taylor', postcode: null, addressLine1: null })
    assert.ok(r2.evidence.some((e) => e.startsWith('surname differs')))
    assert.equal(decide(r2), 'link')
  })
  it('links a change of surname when forename, date of birth and address agree, with nothing personal', () => {
    const before = { ...base, forename: 'Sarah', phones: [], emails: [], personRef: null }
    const r = scoreMatch(before, { ...before, surname: 'Taylor' })
    assert.ok(
      r.evidence.some(
        (e) => e.startsWith('surname differs (smith / taylor);') && e.endsWith('change of name?'),
      ),
    )
    assert.equal(decide(r), 'link')
    // Postcode alone is enough beside forename and date of birth; a mere postcode sector is not.
    assert.equal(decision(before, { ...before, surname: 'Taylor', addressLine1: '1 New St' }), 'link')
    assert.equal(
      decision(before, { ...before, surname: 'Taylor', postcode: 'CV34 4ZZ', addressLine1: null }),
      'review',
    )
  })
  it('does not treat a different surname as a change of name without forename, date of birth and home', () => {
    const before = { ...bare, forename: 'Sarah', dateOfBirth: '1980-03-07' }
    // Forename and date of birth alone may be strangers sharing a name and a birthday: a person decides.
    const away = scoreMatch(before, { ...before, surname: 'Taylor' })
    assert.ok(away.evidence.includes('surname differs (smith / taylor)'))
    assert.equal(decide(away), 'review')
    const typo = scoreMatch(base, { ...base, surname: 'Taylor', dateOfBirth: '1981-03-07' })
    assert.ok(typo.evidence.includes('surname differs (smith / taylor)'))
    const otherName = scoreMatch(base, { ...base, forename: 'Oliver', surname: 'Taylor' })
    assert.ok(otherName.evidence.includes('surname differs (smith / taylor)'))
    assert.notEqual(decide(otherName), 'link')
  })
  it('matches a forename and surname keyed the wrong way round', () => {
    const r = scoreMatch(base, { ...base, forename: 'Smith', surname: 'Robert' })
    assert.ok(r.evidence.includes('forename and surname swapped'))
    assert.equal(decide(r), 'link')
  })
  it('normalises names before comparing', () => {
    const r = scoreMatch(base, { ...base, forename: 'MR  ROBERT', surname: 'smith ' })
    assert.ok(r.evidence.includes('forename agrees'))
    assert.ok(r.evidence.includes('surname agrees'))
  })
  it('ignores person ids from different forces', () => {
    const r = scoreMatch(base, { ...base, forceCode: 'WMP', personRef: 'P999' })
    assert.ok(!r.evidence.some((e) => e.includes('police person id')))
  })
})

describe('scoreMatch: hard rules', () => {
  it('never links twins (same surname, DOB, address and home phone, different forename)', () => {
    const twinA = { ...base, forename: 'Oliver', phones: ['+441926123456'], emails: [], personRef: null }
    const twinB = { ...twinA, forename: 'Harry' }
    const r = scoreMatch(twinA, twinB)
    assert.equal(r.linkable, false)
    assert.notEqual(decide(r), 'link')
  })
  it('never links a child to a parent whose contact details the referral carries', () => {
    const parent = { ...base, forename: 'Sarah', dateOfBirth: '1975-05-20' }
    const child = { ...parent, forename: 'Lily', dateOfBirth: '2014-09-01', proxyContact: true }
    assert.equal(decision(parent, child), 'new')
    assert.equal(scoreMatch(parent, { ...child, dateOfBirth: null }).linkable, false)
  })
  it('never links a father and son of the same name at one address', () => {
    const father = { ...base, phones: ['+441926123456'], emails: [], personRef: null }
    const son = { ...father, dateOfBirth: '2001-11-23' }
    assert.equal(decision(father, son), 'new')
    // Without the son's date of birth the pair goes to a person, not to an automatic link.
    assert.notEqual(decision(father, { ...son, dateOfBirth: null }), 'link')
  })
  it('treats a clearly different date of birth as strong evidence against', () => {
    const r = scoreMatch(base, { ...base, dateOfBirth: '1992-11-23' })
    assert.ok(r.evidence.includes('date of birth differs'))
    assert.equal(r.linkable, false)
  })
  it('does not link on a name alone, however rare', () => {
    const rare = { ...bare, forename: 'Zebedee', surname: 'Quaintrell-Oyelaran' }
    assert.equal(decision(rare, { ...rare }), 'new')
    assert.equal(decision(bare, { ...bare, dateOfBirth: '1980-03-07' }), 'new')
  })
  it('does not link a shared parent mobile between siblings', () => {
    const a = { ...base, forename: 'Amelia', dateOfBirth: null, proxyContact: true, personRef: null }
    const b = { ...a, forename: 'Amelia', dateOfBirth: '2015-04-04' }
    assert.equal(scoreMatch(a, b).linkable, false)
  })
})

const names = ['Robert', 'Bob', 'Elizabeth', 'Liz', 'John', 'Jon', 'Mohammed', 'Muhammad', 'Sarah', 'Oliver']
const surnames = ['Smith', 'Smyth', 'Jones', 'Khan', 'Smith-Jones', "O'Brien", 'Obrien']
const subjectArb: fc.Arbitrary<MatchSubject> = fc.record({
  forename: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })),
  surname: fc.oneof(fc.constantFrom(...surnames), fc.string({ maxLength: 8 })),
  dateOfBirth: fc.option(
    fc.constantFrom('1980-03-07', '1980-07-03', '1981-03-07', '1990-12-25', '2010-01-01', 'bad'),
  ),
  phones: fc.array(fc.constantFrom('+447700900123', '+447700900124', '+441926123456'), { maxLength: 2 }),
  emails: fc.array(fc.constantFrom('a@example.org', 'b@example.org'), { maxLength: 2 }),
  postcode: fc.option(fc.constantFrom('CV34 4AB', 'CV34 4AD', 'B1 1AA')),
  addressLine1: fc.option(fc.constantFrom('12 Warwick Road', '12, Warwick Rd', '3 High Street')),
  forceCode: fc.option(fc.constantFrom('WARKS', 'WMP')),
  personRef: fc.option(fc.constantFrom('P1', 'P2')),
  proxyContact: fc.boolean(),
})

describe('scoreMatch: properties', () => {
  it('is symmetric', () => {
    fc.assert(
      fc.property(subjectArb, subjectArb, (a, b) => {
        const x = scoreMatch(a, b)
        const y = scoreMatch(b, a)
        assert.equal(x.score, y.score)
        assert.equal(x.linkable, y.linkable)
        assert.equal(x.corroborated, y.corroborated)
        assert.equal(x.mergeable, y.mergeable)
      }),
      { numRuns: 2000 },
    )
  })
  it('always links an exact copy of a subject with a date of birth, forename and surname', () => {
    fc.assert(
      fc.property(subjectArb, (s) => {
        fc.pre(
          /^\d{4}-\d{2}-\d{2}$/.test(s.dateOfBirth ?? '') &&
            /[a-z]/i.test(s.forename) &&
            /[a-z]/i.test(s.surname),
        )
        assert.equal(decide(scoreMatch(s, { ...s })), 'link')
      }),
      { numRuns: 2000 },
    )
  })
  it('never links on names alone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...surnames),
        fc.constantFrom(...names),
        fc.constantFrom(...surnames),
        fc.option(fc.constantFrom('1980-03-07', '1990-12-25')),
        (f1, s1, f2, s2, dob) => {
          // Only one side has a date of birth: nothing beyond names can agree.
          const a = { ...bare, forename: f1, surname: s1, dateOfBirth: dob }
          const b = { ...bare, forename: f2, surname: s2 }
          assert.notEqual(decide(scoreMatch(a, b)), 'link')
        },
      ),
    )
  })
  it('never links when the dates of birth clearly differ', () => {
    fc.assert(
      fc.property(subjectArb, (s) => {
        const a = { ...s, dateOfBirth: '1980-03-07' }
        const b = { ...s, dateOfBirth: '1994-11-25' }
        assert.notEqual(decide(scoreMatch(a, b)), 'link')
      }),
    )
  })
})

describe('scoreMatch: how many victims share the name', () => {
  /** John Smith of Rugby and John Smith of Coventry: one name, one birthday, nothing else in common. */
  const rugby: MatchSubject = {
    forename: 'John',
    surname: 'Smith',
    dateOfBirth: '1980-03-07',
    phones: ['+447700900001'],
    emails: ['john.smith1@example.org'],
    postcode: 'CV21 3AB',
    addressLine1: '4 Bilton Road',
    forceCode: 'WARKS',
    personRef: 'P1',
  }
  const coventry: MatchSubject = {
    ...rugby,
    phones: ['+447700900002'],
    emails: ['john.smith2@example.org'],
    postcode: 'CV6 1LY',
    addressLine1: '88 Foleshill Road',
    personRef: 'P2',
  }
  const victimsNamed = (n: number) => (name: string) => (name === 'john smith' ? n : 0)

  it('sends strangers of a common name and birthday in different towns to review, saying why', () => {
    const r = scoreMatch(rugby, coventry, DEFAULT_WEIGHTS, victimsNamed(400))
    assert.equal(decide(r), 'review')
    assert.equal(r.corroborated, false)
    assert.ok(
      r.evidence.includes(
        '400 victims have this name: with only the name and date of birth in common, these may be two people',
      ),
    )
    // Without the hub's name counts the pair would link, as it did before they were kept.
    assert.equal(decide(scoreMatch(rugby, coventry)), 'link')
  })
  it('keeps them apart when one moves into the other one’s postcode sector', () => {
    const moved = { ...coventry, postcode: 'CV21 3ZZ', addressLine1: '9 Hillmorton Road' }
    const r = scoreMatch(rugby, moved, DEFAULT_WEIGHTS, victimsNamed(400))
    assert.ok(r.evidence.includes('postcode sector agrees'))
    assert.equal(decide(r), 'review')
  })
  it('still links a name held by only a few victims on name and date of birth', () => {
    assert.equal(decide(scoreMatch(rugby, coventry, DEFAULT_WEIGHTS, victimsNamed(5))), 'link')
    assert.equal(decide(scoreMatch(rugby, coventry, DEFAULT_WEIGHTS, victimsNamed(6))), 'review')
  })
  it('counts the more common of two spellings of a name', () => {
    const jon = { ...coventry, forename: 'Jon' }
    const counts = (name: string) => (name === 'john smith' ? 400 : 1)
    assert.equal(decide(scoreMatch(rugby, jon, DEFAULT_WEIGHTS, counts)), 'review')
  })
  it('links a common name when a mobile, an email, a person id or the home agrees too', () => {
    const common = victimsNamed(40_000)
    for (const also of [
      { phones: rugby.phones },
      { emails: rugby.emails },
      { personRef: rugby.personRef },
      { postcode: rugby.postcode },
      { phones: ['+441788123456'], addressLine1: rugby.addressLine1 },
    ]) {
      const r = scoreMatch(rugby, { ...coventry, ...also }, DEFAULT_WEIGHTS, common)
      assert.equal(r.corroborated, true, JSON.stringify(also))
      if ('addressLine1' in also) continue
      assert.equal(decide(r), 'link', JSON.stringify(also))
    }
  })
  it('puts the chance of a namesake at the other victims of the name over the dates of birth', () => {
    assert.equal(namesakeChance(1, 'exact'), 0)
    assert.equal(namesakeChance(BIRTH_DATES + 1, 'exact'), 1)
    assert.equal(namesakeChance(11, 'transposed'), (2 * 10) / BIRTH_DATES)
    assert.ok(namesakeChance(5, 'exact') <= NAMESAKE_CHANCE_LIMIT)
    assert.ok(namesakeChance(6, 'exact') > NAMESAKE_CHANCE_LIMIT)
  })
  it('never turns a pair that would not link into a link, and changes no score', () => {
    fc.assert(
      fc.property(subjectArb, subjectArb, fc.nat({ max: 1_000_000 }), (a, b, n) => {
        const plain = scoreMatch(a, b)
        const counted = scoreMatch(a, b, DEFAULT_WEIGHTS, () => n)
        assert.equal(counted.score, plain.score)
        if (decide(counted) === 'link') assert.equal(decide(plain), 'link')
      }),
      { numRuns: 2000 },
    )
  })
  it('merges only on a corroborated link the forename and date of birth agree on', () => {
    const twin = { ...base, forename: 'Rosie', emails: [], personRef: null }
    const sibling = {
      ...base,
      forename: 'Robbie',
      dateOfBirth: '1980-03-08',
      phones: [],
      emails: [],
      personRef: null,
    }
    assert.equal(scoreMatch(base, { ...base, dateOfBirth: null, postcode: 'B1 1AA' }).mergeable, true)
    const stranger = {
      ...base,
      phones: [],
      emails: [],
      personRef: null,
      postcode: 'B1 1AA',
      addressLine1: '1 New St',
    }
    assert.equal(scoreMatch(base, stranger).mergeable, false)
    assert.equal(scoreMatch(base, twin).mergeable, false)
    assert.equal(scoreMatch(base, sibling).mergeable, false)
  })
  it('never links a common name on names and date of birth with nothing else in common', () => {
    fc.assert(
      fc.property(subjectArb, subjectArb, fc.integer({ min: 6, max: 1_000_000 }), (a, b, n) => {
        const r = scoreMatch(a, b, DEFAULT_WEIGHTS, () => n)
        if (!r.corroborated) assert.notEqual(decide(r), 'link')
      }),
      { numRuns: 2000 },
    )
  })
})

describe('decide and resolveCandidates', () => {
  const result = (score: number, linkable = true, mergeable = false): MatchResult => ({
    score,
    evidence: [],
    linkable,
    corroborated: mergeable,
    mergeable,
  })
  it('applies the two thresholds', () => {
    assert.equal(decide(result(DEFAULT_THRESHOLDS.link)), 'link')
    assert.equal(decide(result(DEFAULT_THRESHOLDS.link - 0.1)), 'review')
    assert.equal(decide(result(DEFAULT_THRESHOLDS.review)), 'review')
    assert.equal(decide(result(DEFAULT_THRESHOLDS.review - 0.1)), 'new')
    assert.equal(decide(DEFAULT_THRESHOLDS.link), 'link')
    assert.equal(decide(result(40), { link: 50, review: 30 }), 'review')
  })
  it('sends a hard-rule block to review, never to link', () => {
    assert.equal(decide(result(99, false)), 'review')
  })
  it('links the clear best and reviews two close victims', () => {
    assert.equal(resolveCandidates([]).decision, 'new')
    const clear = resolveCandidates([
      { victimId: 'a', result: result(25) },
      { victimId: 'b', result: result(12) },
      { victimId: 'c', result: result(2) },
    ])
    assert.equal(clear.decision, 'link')
    assert.equal(clear.victimId, 'a')
    assert.deepEqual(
      clear.contenders.map((c) => c.victimId),
      ['a', 'b'],
    )
    const close = resolveCandidates([
      { victimId: 'a', result: result(20) },
      { victimId: 'b', result: result(21) },
    ])
    assert.equal(close.decision, 'review')
    assert.equal(close.victimId, 'b')
    assert.deepEqual(close.mergeWith, [])
  })
  it('links to the best of two victims it links to by a personal identifier, and merges the other', () => {
    const both = resolveCandidates([
      { victimId: 'a', result: result(20, true, true) },
      { victimId: 'b', result: result(27, true, true) },
      { victimId: 'c', result: result(13, true, true) },
    ])
    assert.equal(both.decision, 'link')
    assert.equal(both.victimId, 'b')
    assert.deepEqual(
      both.mergeWith.map((c) => c.victimId),
      ['a'],
    )
  })
  it('property: merges only mergeable links besides the one linked, and only on a link', () => {
    const candidate = fc.record({
      victimId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      result: fc.record({
        score: fc.double({ min: -20, max: 40, noNaN: true }),
        evidence: fc.constant([] as string[]),
        linkable: fc.boolean(),
        corroborated: fc.boolean(),
        mergeable: fc.boolean(),
      }),
    })
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.victimId, maxLength: 5 }), (candidates) => {
        const r = resolveCandidates(candidates)
        if (r.decision !== 'link') assert.deepEqual(r.mergeWith, [])
        if (r.mergeWith.length > 0) {
          assert.equal(r.contenders.find((c) => c.victimId === r.victimId)?.result.mergeable, true)
        }
        for (const m of r.mergeWith) {
          assert.notEqual(m.victimId, r.victimId)
          assert.equal(decide(m.result), 'link')
          assert.equal(m.result.mergeable, true)
        }
      }),
      { numRuns: 2000 },
    )
  })
  it('never merges on a link without a personal identifier, or against a hard rule', () => {
    const weak = resolveCandidates([
      { victimId: 'a', result: result(20, true, false) },
      { victimId: 'b', result: result(30, true, true) },
    ])
    assert.equal(weak.decision, 'link')
    assert.equal(weak.victimId, 'b')
    assert.deepEqual(weak.mergeWith, [])
    const blocked = resolveCandidates([
      { victimId: 'a', result: result(25, false, true) },
      { victimId: 'b', result: result(26, true, true) },
    ])
    assert.deepEqual(blocked.mergeWith, [])
  })
})
