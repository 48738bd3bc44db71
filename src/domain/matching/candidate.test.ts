import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  ADDRESS_ABBREVIATIONS,
  blockingKeys,
  type MatchSubject,
  normaliseAddressLine,
  normalisePostcode,
  prepare,
  prepareDate,
  prepareUncached,
  sameSubject,
} from './candidate.ts'

const robert: MatchSubject = {
  forename: 'Robert',
  surname: 'Smith',
  dateOfBirth: '1980-03-07',
  phones: ['+447700900123'],
  emails: ['rob@example.org'],
  postcode: 'CV34 4AB',
  addressLine1: '12 Warwick Road',
  forceCode: 'WARKS',
  personRef: 'P123',
}

function shared(a: MatchSubject, b: MatchSubject): string[] {
  const kb = new Set(blockingKeys(b))
  return blockingKeys(a).filter((k) => kb.has(k))
}

describe('blockingKeys', () => {
  it('produces the documented key formats', () => {
    const keys = blockingKeys(robert)
    assert.ok(keys.includes('dob:1980-03-07'))
    assert.ok(keys.includes('dobt:1980-03-07'))
    assert.ok(keys.includes('ph:+447700900123'))
    assert.ok(keys.includes('em:rob@example.org'))
    assert.ok(keys.includes('pr:WARKS:P123'))
    assert.ok(keys.some((k) => k.startsWith('pc:CV34 4AB:')))
    assert.ok(keys.some((k) => k.startsWith('pf:CV34 4AB:')))
    assert.ok(keys.some((k) => /^nm:[A-Z0-9]+:[A-Z0-9]+:1980$/.test(k)))
    assert.ok(keys.some((k) => /^nmd:[A-Z0-9]+:[A-Z0-9]+:03-07$/.test(k)))
    assert.ok(keys.length <= 16)
  })
  it('meets a day/month transposed date of birth', () => {
    const other = {
      ...robert,
      dateOfBirth: '1980-07-03',
      phones: [],
      emails: [],
      postcode: null,
      personRef: null,
    }
    assert.ok(shared(robert, other).includes('dobt:1980-03-07'))
  })
  it('omits the transposition key when the swap is not a different valid date', () => {
    assert.ok(!blockingKeys({ ...robert, dateOfBirth: '1980-03-25' }).some((k) => k.startsWith('dobt:')))
    assert.ok(!blockingKeys({ ...robert, dateOfBirth: '1980-04-04' }).some((k) => k.startsWith('dobt:')))
  })
  it('meets a nickname with a mistyped birthday through the name + year key', () => {
    const bob = {
      ...robert,
      forename: 'Bob',
      dateOfBirth: '1980-03-17',
      phones: [],
      emails: [],
      postcode: null,
    }
    const keys = shared(robert, { ...bob, personRef: null })
    assert.ok(keys.some((k) => k.startsWith('nm:')))
  })
  it('meets a mistyped birth year through the name + birthday key', () => {
    const other = {
      ...robert,
      dateOfBirth: '1981-03-07',
      phones: [],
      emails: [],
      postcode: null,
      personRef: null,
    }
    assert.ok(shared(robert, other).some((k) => k.startsWith('nmd:')))
  })
  it('scopes police person ids by force', () => {
    const other = { ...robert, forceCode: 'WMP' }
    assert.ok(!shared(robert, other).some((k) => k.startsWith('pr:')))
  })
  it('gives a name-only subject no keys, so it is never compared with anyone', () => {
    const bare: MatchSubject = {
      forename: 'John',
      surname: 'Smith',
      dateOfBirth: null,
      phones: [],
      emails: [],
      postcode: null,
      addressLine1: null,
      forceCode: null,
      personRef: null,
    }
    assert.deepEqual(blockingKeys(bare), [])
  })
})

describe('normalisation helpers', () => {
  it('normalises postcodes and rejects junk', () => {
    assert.equal(normalisePostcode('cv344ab'), 'CV34 4AB')
    assert.equal(normalisePostcode(' b1 1aa '), 'B1 1AA')
    assert.equal(normalisePostcode('x'), null)
  })
  it('normalises address lines', () => {
    assert.equal(normaliseAddressLine('12, Warwick Road'), normaliseAddressLine('12 WARWICK RD'))
    assert.equal(normaliseAddressLine(' , '), null)
  })
  it('treats placeholder and impossible dates as unknown', () => {
    assert.equal(prepareDate('1900-01-01'), null)
    assert.equal(prepareDate('1990-02-30'), null)
    assert.equal(prepareDate('1990-2-3'), null)
    assert.equal(prepareDate('2000-02-29')?.digits, '20000229')
  })
  it('prepares a subject once (memoised by identity)', () => {
    assert.equal(prepare(robert), prepare(robert))
    assert.equal(prepare(robert).sector, 'CV34 4')
    assert.equal(prepare(robert).houseNumber, '12')
  })
  it('normalises address lines as the replace/split/join version did', () => {
    const reference = (raw: string): string | null => {
      const out = raw
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()
        .split(' ')
        .filter((w) => w !== '')
        .map((w) => ADDRESS_ABBREVIATIONS.get(w) ?? w)
      return out.length === 0 ? null : out.join(' ')
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.stringMatching(/^[0-9A-Za-z ,.'-]{0,30}$/),
          fc.constantFrom(
            '12, Warwick Road',
            'Flat 3, 1 High Av.',
            'APT 2 Ünter Strasse',
            '4 The Close, Way Lane',
          ),
        ),
        (raw) => {
          assert.equal(normaliseAddressLine(raw), reference(raw))
        },
      ),
      { numRuns: 2000 },
    )
    // Words that name Object.prototype's members are ordinary words in an address.
    assert.equal(normaliseAddressLine('1 Constructor Street'), '1 constructor st')
  })
})

const subjectArb: fc.Arbitrary<MatchSubject> = fc.record({
  forename: fc.oneof(
    fc.constantFrom('Robert', 'BOB', 'Mr John Paul', 'Zoë', ''),
    fc.string({ maxLength: 10 }),
  ),
  surname: fc.oneof(fc.constantFrom('Smith', 'Smith-Jones', "O'Brien", ' '), fc.string({ maxLength: 10 })),
  dateOfBirth: fc.option(
    fc.constantFrom('1980-03-07', ' 1980-07-03 ', '2000-02-29', '1900-01-01', '1990-2-3'),
  ),
  phones: fc.array(fc.constantFrom('+447700900123', '+44 7700 900123', '+441926123456', '12'), {
    maxLength: 3,
  }),
  emails: fc.array(fc.constantFrom('A@example.org ', 'a@example.org', 'not-an-email'), { maxLength: 3 }),
  postcode: fc.option(fc.constantFrom('CV34 4AB', 'cv344ab', 'x')),
  addressLine1: fc.option(fc.constantFrom('12 Warwick Road', '12, Warwick Rd', ' , ', '3a High St')),
  forceCode: fc.option(fc.constantFrom('WARKS', ' wmp ', 'A:B')),
  personRef: fc.option(fc.constantFrom('P1', ' p1 ', '')),
  proxyContact: fc.option(fc.boolean(), { nil: undefined }),
})

describe('prepare: memoised path', () => {
  it('gives the same result as a fresh prepare of an equal, newly built subject', () => {
    fc.assert(
      fc.property(subjectArb, (subject) => {
        const first = prepare(subject)
        const fromDatabase = structuredClone(subject)
        assert.deepStrictEqual(prepare(fromDatabase), first)
        assert.deepStrictEqual(prepareUncached(structuredClone(subject)), first)
        assert.equal(prepare(subject), first)
      }),
      { numRuns: 2000 },
    )
  })
  it('blocking keys are distinct and do not depend on what was prepared before', () => {
    fc.assert(
      fc.property(subjectArb, (subject) => {
        const keys = blockingKeys(subject)
        assert.equal(new Set(keys).size, keys.length)
        assert.deepStrictEqual(blockingKeys(structuredClone(subject)), keys)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('sameSubject', () => {
  it('is true only when every identity detail is the same', () => {
    assert.equal(sameSubject(robert, { ...robert, phones: [...robert.phones] }), true)
    assert.equal(sameSubject(robert, JSON.parse(JSON.stringify(robert))), true)
    for (const change of [
      { forename: 'Rob' },
      { surname: 'Smyth' },
      { dateOfBirth: null },
      { phones: [] },
      { phones: ['+447700900124'] },
      { emails: ['robert@example.org'] },
      { postcode: 'CV34 4AC' },
      { addressLine1: '14 Warwick Road' },
      { forceCode: 'WMP' },
      { personRef: null },
      { proxyContact: true },
    ] satisfies Partial<MatchSubject>[]) {
      assert.equal(sameSubject(robert, { ...robert, ...change }), false, JSON.stringify(change))
    }
  })
})
