import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { normaliseEmail, normalisePhone, normalisePostcode } from '../../domain/referral-feed/contacts.ts'
import { createRng } from '../random.ts'
import { emailFor, formatPhone, randomLandline, randomMobile } from './contact.ts'
import { FEMALE_FORENAMES, knownAs, MALE_FORENAMES, NICKNAMES, SURNAMES } from './names.ts'
import { dateOfBirthForAge, generatePerson } from './person.ts'
import { randomPostcode } from './places.ts'

describe('people', () => {
  const rng = createRng(123)
  test('name lists are exported and varied', () => {
    assert.ok(FEMALE_FORENAMES.length >= 40 && MALE_FORENAMES.length >= 40 && SURNAMES.length >= 60)
    assert.ok(
      SURNAMES.includes("O'Brien") && SURNAMES.includes('Wiśniewska') && SURNAMES.includes('Smith-Jones'),
    )
    for (const formal of Object.keys(NICKNAMES)) {
      assert.ok(FEMALE_FORENAMES.includes(formal) || MALE_FORENAMES.includes(formal), formal)
    }
    assert.ok(['Will', 'Bill', 'Billy', 'Liam'].includes(knownAs(rng, 'William')))
    assert.equal(knownAs(rng, 'Zoë'), 'Zoë')
  })
  test('postcodes are valid UK postcodes in Warwickshire-area districts', () => {
    for (let i = 0; i < 300; i++) {
      const pc = randomPostcode(rng)
      assert.equal(normalisePostcode(pc), pc)
      assert.match(pc, /^(CV|B|LE)\d/)
    }
  })
  test('phones are in Ofcom drama ranges and read as UK numbers in every format', () => {
    for (let i = 0; i < 200; i++) {
      const m = randomMobile(rng)
      assert.match(m, /^07700900\d{3}$/)
      assert.equal(normalisePhone(formatPhone(rng, m))?.mobile, true)
      const l = randomLandline(rng)
      assert.equal(normalisePhone(formatPhone(rng, l))?.mobile, false, l)
    }
  })
  test('emails are valid and at example domains', () => {
    for (let i = 0; i < 200; i++) {
      const e = emailFor(rng, rng.pick(FEMALE_FORENAMES), rng.pick(SURNAMES))
      assert.equal(normaliseEmail(e), e)
      assert.match(e, /@(mail\.)?example\.(org|com)$/)
    }
  })
  test('date of birth gives exactly the age asked for', () => {
    for (let age = 0; age < 100; age += 7) {
      const dob = dateOfBirthForAge(rng, age, '2025-03-01')
      const years = 2025 - Number(dob.slice(0, 4)) - (dob.slice(5) > '03-01' ? 1 : 0)
      assert.equal(years, age, dob)
    }
  })
  test('children have no title', () => {
    assert.equal(generatePerson(rng, { age: 9, onDate: '2025-01-01' }).title, '')
  })
})
