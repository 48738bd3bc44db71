import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type ContactRecord, differences, readContactForm, retiredBy, retiredIn } from './contact-change.ts'

const form = {
  phoneMobile: '07700 900123',
  phoneOther: '',
  email: 'Sam@Example.org',
  addressLine1: '1 High Street',
  addressLine2: '',
  town: 'Warwick',
  postcode: 'cv34 4ab',
  safeToCall: 'Y',
  safeToText: 'N',
  safeToEmail: 'U',
  safeToLeaveVoicemail: 'N',
  safeToWrite: 'Y',
  safeDays: ['1', '3'],
  safeFrom: '10:00',
  safeTo: '14:00',
  someoneElseAnswers: 'Say you are from the surgery',
  safeContactNotes: '',
}
const read = (over: Record<string, unknown> = {}) => {
  const result = readContactForm({ ...form, ...over })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record
}

describe('changing contact details', () => {
  test('the form is read into normalised details and rules', () => {
    const r = read()
    assert.equal(r.phoneMobile, '+447700900123')
    assert.equal(r.email, 'Sam@example.org')
    assert.equal(r.postcode, 'CV34 4AB')
    assert.deepEqual(r.safeDays, [1, 3])
    assert.equal(r.safeContactNotes, null)
  })

  test('bad input is refused by field', () => {
    const result = readContactForm({
      ...form,
      phoneMobile: '12',
      email: 'nope',
      safeFrom: '25:00',
      safeToCall: '',
    })
    assert.equal(result.ok, false)
    if (!result.ok)
      assert.deepEqual(
        result.errors.map((e) => e.field),
        ['phoneMobile', 'email', 'safeToCall', 'safeFrom'],
      )
    const backwards = readContactForm({ ...form, safeFrom: '15:00', safeTo: '09:00' })
    assert.ok(!backwards.ok && backwards.errors[0]?.field === 'safeTo')
  })

  test('a new number or address retires the old one; keeping them retires nothing', () => {
    const before = read()
    assert.deepEqual(retiredBy(before, read({ safeToText: 'Y' })), [])
    const moved = read({ phoneMobile: '07700 900999', addressLine1: '9 New Road', postcode: 'CV1 1AA' })
    assert.deepEqual(retiredBy(before, moved), [
      { kind: 'phone', value: '+447700900123' },
      { kind: 'address', value: '1 high street|CV344AB' },
    ])
    const swapped = read({ phoneMobile: '', phoneOther: '07700 900123' })
    assert.deepEqual(retiredBy(before, swapped), [], 'the same number in another field is kept')
    assert.deepEqual(
      retiredIn(before, retiredBy(before, moved)).length,
      2,
      'the old details, entered again, are found',
    )
  })

  test('differences name exactly the fields that changed', () => {
    const before = read()
    assert.deepEqual(differences(before, read({ safeToText: 'Y', safeDays: ['2'] })), [
      'safeToText',
      'safeDays',
    ])
  })

  test('for any change, no value the new record holds is retired, and every dropped number is', () => {
    const phone = fc.constantFrom('', '07700 900123', '07700 900124', '01632 960123')
    fc.assert(
      fc.property(phone, phone, phone, phone, (a, b, c, d) => {
        const before: ContactRecord = read({ phoneMobile: a, phoneOther: b })
        const after: ContactRecord = read({ phoneMobile: c, phoneOther: d })
        const retired = retiredBy(before, after)
        assert.deepEqual(retiredIn(after, retired), [], 'nothing in use is retired')
        for (const p of [before.phoneMobile, before.phoneOther])
          if (p && p !== after.phoneMobile && p !== after.phoneOther)
            assert.ok(
              retired.some((r) => r.value === p),
              `${p} is retired`,
            )
      }),
    )
  })
})
