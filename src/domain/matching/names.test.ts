import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { doubleMetaphone } from 'double-metaphone'
import fc from 'fast-check'
import {
  areNicknames,
  canonicalGivenNames,
  editDistance,
  isOneEditApart,
  jaroWinkler,
  NICKNAME_GROUPS,
  nameForm,
  nameTokens,
  normaliseName,
  phoneticCodes,
} from './names.ts'

/** Names as they arrive: plain, styled, accented, with titles, hyphens and junk. */
const rawNameArb = fc.oneof(
  fc.constantFrom(
    'Robert',
    'ROBERT',
    'Mr Robert',
    "O'Brien",
    'Smith-Jones',
    'Zoë',
    'John Paul Jnr',
    '',
    ' - ',
  ),
  fc.string({ maxLength: 14 }),
  fc.stringMatching(/^[A-Za-z' -]{0,14}$/),
)

/** The textbook versions the allocation-free ones must agree with exactly. */
function referenceJaroWinkler(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1
  if (a === '' || b === '') return 0
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
  const aMatched = new Array<boolean>(a.length).fill(false)
  const bMatched = new Array<boolean>(b.length).fill(false)
  let matches = 0
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true
        bMatched[j] = true
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let k = 0
  let halfTranspositions = 0
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue
    while (!bMatched[k]) k++
    if (a[i] !== b[k]) halfTranspositions++
    k++
  }
  const m = matches
  const jaro = (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3
  let prefix = 0
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

function referenceEditDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[]
      const above = d[i - 1] as number[]
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1)
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number
}

/** Short strings over a small alphabet, so that near-misses (one edit, a swap) come up often. */
const wordArb = fc.stringMatching(/^[a-e]{0,9}$/)

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

describe('nameForm (memoised)', () => {
  it('gives what a fresh normalisation and Double Metaphone give, first time and when remembered', () => {
    const codesOf = (word: string): string[] => {
      if (word === '') return []
      const [primary, alternate] = doubleMetaphone(word)
      return [primary, alternate].filter((c, i, all) => c !== '' && all.indexOf(c) === i)
    }
    fc.assert(
      fc.property(rawNameArb, (raw) => {
        const normalised = normaliseName(raw)
        const tokens = normalised === '' ? [] : normalised.split(' ')
        const fresh = {
          tokens,
          joined: tokens.join(''),
          tokenCodes: tokens.map(codesOf),
          joinedCodes: codesOf(tokens.join('')),
        }
        assert.deepStrictEqual({ ...nameForm(raw) }, fresh)
        assert.deepStrictEqual({ ...nameForm(raw) }, fresh)
        assert.deepStrictEqual(nameTokens(raw), tokens)
      }),
      { numRuns: 1000 },
    )
  })
  it('hands out copies from the public functions, so a caller cannot spoil the memo', () => {
    nameTokens('Bonham-Carter').push('spoilt')
    phoneticCodes('smith').push('spoilt')
    assert.deepEqual(nameTokens('Bonham-Carter'), ['bonham', 'carter'])
    assert.ok(!phoneticCodes('smith').includes('spoilt'))
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
  it('equals the textbook version exactly, however long the strings (its scratch space grows)', () => {
    fc.assert(
      fc.property(
        fc.oneof(wordArb, fc.string({ maxLength: 150 })),
        fc.oneof(wordArb, fc.string()),
        (a, b) => {
          assert.equal(jaroWinkler(a, b), referenceJaroWinkler(a, b))
        },
      ),
      { numRuns: 2000 },
    )
    const long = 'x'.repeat(300)
    assert.equal(jaroWinkler(long, `${long}y`), referenceJaroWinkler(long, `${long}y`))
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
  it('equals the full-table version exactly', () => {
    fc.assert(
      fc.property(fc.oneof(wordArb, fc.string({ maxLength: 80 })), wordArb, (a, b) => {
        assert.equal(editDistance(a, b), referenceEditDistance(a, b))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('isOneEditApart', () => {
  it('is editDistance === 1 without the table', () => {
    assert.ok(isOneEditApart('steven', 'stlven'))
    assert.ok(isOneEditApart('robert', 'robret'))
    assert.ok(isOneEditApart('ann', 'anne'))
    assert.ok(!isOneEditApart('ann', 'ann'))
    assert.ok(!isOneEditApart('abcd', 'badc'))
    fc.assert(
      fc.property(wordArb, wordArb, (a, b) => {
        assert.equal(isOneEditApart(a, b), editDistance(a, b) === 1)
      }),
      { numRuns: 5000 },
    )
  })
})
