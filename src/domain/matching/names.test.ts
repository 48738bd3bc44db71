import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  areNicknames,
  canonicalGivenNames,
  editDistance,
  jaroWinkler,
  NICKNAME_GROUPS,
  nameTokens,
  normaliseName,
  phoneticCodes,
} from './names.ts'

describe('normaliseName', () => {
  it('folds case, accents, apostrophes, hyphens and titles', () => {
    assert.equal(normaliseName("  Mrs  Zoë O'Brien-Smith "), 'zoe obrien smith')
    assert.equal(normaliseName('DR. JOSÉ'), 'jose')
    assert.equal(normaliseName('John Smith Jnr'), 'john smith')
    assert.equal(normaliseName('Mary–Jane'), 'mary jane')
  })
  it('keeps a title that is the only word', () => {
    assert.equal(normaliseName('Lord'), 'lord')
    assert.equal(normaliseName(''), '')
    assert.equal(normaliseName(' - '), '')
  })
  it('splits double-barrelled names into tokens', () => {
    assert.deepEqual(nameTokens('Bonham-Carter'), ['bonham', 'carter'])
    assert.deepEqual(nameTokens('   '), [])
  })
})

describe('nicknames', () => {
  it('knows common English nicknames both ways', () => {
    assert.ok(areNicknames('bob', 'robert'))
    assert.ok(areNicknames('robert', 'bob'))
    assert.ok(areNicknames('liz', 'elizabeth'))
    assert.ok(areNicknames('betty', 'beth'))
    assert.ok(areNicknames('liam', 'william'))
    assert.ok(areNicknames('peggy', 'margaret'))
  })
  it('does not call unrelated or identical names nicknames', () => {
    assert.equal(areNicknames('bob', 'william'), false)
    assert.equal(areNicknames('bob', 'bob'), false)
    assert.equal(areNicknames('zebedee', 'robert'), false)
  })
  it('has about 150 or more groups of lower-case words', () => {
    assert.ok(NICKNAME_GROUPS.length >= 150)
    for (const group of NICKNAME_GROUPS) {
      for (const name of group) assert.match(name, /^[a-z]+$/)
    }
  })
  it('returns every canonical name of an ambiguous nickname', () => {
    const chris = canonicalGivenNames('chris')
    assert.ok(chris.includes('christopher'))
    assert.ok(chris.includes('christine'))
    assert.deepEqual(canonicalGivenNames('zebedee'), [])
  })
})

describe('phoneticCodes', () => {
  it('gives the same primary code to sound-alike spellings', () => {
    assert.equal(phoneticCodes('smith')[0], phoneticCodes('smyth')[0])
    assert.equal(phoneticCodes('katherine')[0], phoneticCodes('catherine')[0])
    assert.deepEqual(phoneticCodes(''), [])
  })
})

describe('jaroWinkler', () => {
  it('matches known values', () => {
    assert.equal(jaroWinkler('martha', 'martha'), 1)
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-4)
    assert.ok(Math.abs(jaroWinkler('dwayne', 'duane') - 0.84) < 1e-4)
    assert.ok(Math.abs(jaroWinkler('dixon', 'dicksonx') - 0.8133) < 1e-4)
    assert.equal(jaroWinkler('abc', 'xyz'), 0)
    assert.equal(jaroWinkler('', 'abc'), 0)
  })
  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const x = jaroWinkler(a, b)
        assert.ok(x >= 0 && x <= 1)
        assert.ok(Math.abs(x - jaroWinkler(b, a)) < 1e-12)
      }),
    )
  })
})

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    assert.equal(editDistance('steven', 'stlven'), 1)
    assert.equal(editDistance('robert', 'robret'), 1)
    assert.equal(editDistance('ann', 'anne'), 1)
    assert.equal(editDistance('kitten', 'sitting'), 3)
    assert.equal(editDistance('', 'abc'), 3)
  })
  it('is a symmetric distance', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
        assert.equal(editDistance(a, b), editDistance(b, a))
        assert.equal(editDistance(a, b) === 0, a === b)
        assert.ok(editDistance(a, b) <= Math.max(a.length, b.length))
      }),
    )
  })
})
