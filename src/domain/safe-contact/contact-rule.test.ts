import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { all, landline, mobile, unasked } from '../../../test/support/contact-details.ts'
import {
  ANY_TIME,
  CONTACT_METHODS,
  type ContactMethod,
  checkContact,
  contactSafely,
  describeSafeTimes,
  type SafeContactRules,
  withinSafeTimes,
} from './contact-rule.ts'

const rules = (overrides: Partial<SafeContactRules> = {}): SafeContactRules => ({
  ...all,
  ...unasked,
  safeTimes: ANY_TIME,
  ...overrides,
})
// Wednesday 4 March 2026, 11:30 in London (GMT).
const wednesdayMorning = new Date('2026-03-04T11:30:00Z')
const contact = (method: ContactMethod, voicemail = false, at = wednesdayMorning) => ({
  method,
  voicemail,
  at,
})

describe('the safe-contact rule', () => {
  test('a channel marked unsafe is refused with a clear message', () => {
    const decision = checkContact(rules({ safe_to_text: 'N' }), contact('text'))
    assert.deepEqual(decision, {
      ok: false,
      refusal: 'unsafe_channel',
      message: 'The victim said text messages are not safe: choose another way to contact them',
    })
    assert.equal(checkContact(rules({ safe_to_write: 'N' }), contact('letter')).ok, false)
    assert.equal(checkContact(rules({ safe_to_call: 'N' }), contact('phone_call')).ok, false)
    assert.equal(checkContact(rules({ safe_to_email: 'N' }), contact('email')).ok, false)
  })

  test('a channel with no details is refused', () => {
    const decision = checkContact(rules({ phone_mobile: landline, phone_other: null }), contact('text'))
    assert.equal(decision.ok, false)
    if (!decision.ok) assert.equal(decision.refusal, 'no_details')
  })

  test('a voicemail where voicemail is not allowed is refused; a call without one is fine', () => {
    const r = rules({ safe_to_leave_voicemail: 'N' })
    const decision = checkContact(r, contact('phone_call', true))
    assert.equal(decision.ok, false)
    if (!decision.ok)
      assert.equal(decision.message, 'The victim said a voicemail is not safe: do not leave one')
    assert.deepEqual(checkContact(r, contact('phone_call', false)), { ok: true })
  })

  test('outside the safe times a call is refused; a letter is not, being read later', () => {
    const r = rules({ safeTimes: { days: [1, 2, 3, 4, 5], from: '10:00', to: '14:00' } })
    assert.deepEqual(checkContact(r, contact('phone_call')), { ok: true })
    const evening = new Date('2026-03-04T18:00:00Z')
    const late = checkContact(r, contact('phone_call', false, evening))
    assert.equal(late.ok, false)
    if (!late.ok)
      assert.equal(
        late.message,
        'This is outside the times the victim said are safe (Monday, Tuesday, Wednesday, Thursday, Friday, 10:00 to 14:00)',
      )
    const saturday = new Date('2026-03-07T11:00:00Z')
    assert.equal(checkContact(r, contact('in_person', false, saturday)).ok, false)
    assert.deepEqual(checkContact(r, contact('letter', false, evening)), { ok: true })
  })

  test('safe times are London times: 09:30 in summer is 08:30 UTC', () => {
    const times = { days: [], from: '09:00', to: '10:00' }
    assert.equal(withinSafeTimes(times, new Date('2026-07-01T08:30:00Z')), true)
    assert.equal(withinSafeTimes(times, new Date('2026-07-01T09:30:00Z')), false)
    assert.equal(describeSafeTimes(ANY_TIME), 'Any day, any time')
  })

  const flag = fc.constantFrom('Y' as const, 'N' as const, 'U' as const)
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
  const anyRules = fc.record({
    phone_mobile: fc.constantFrom(null, mobile, landline),
    phone_other: fc.constantFrom(null, mobile, landline),
    email: fc.constantFrom(null, 'a@example.org'),
    address_line1: fc.constantFrom(null, '1 High St'),
    postcode: fc.constantFrom(null, 'CV34 4AB'),
    safe_to_call: flag,
    safe_to_text: flag,
    safe_to_email: flag,
    safe_to_leave_voicemail: flag,
    safe_to_write: flag,
    safeTimes: fc.record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
      from: fc.option(hhmm, { nil: null }),
      to: fc.option(hhmm, { nil: null }),
    }),
  })
  const anyContact = fc.record({
    method: fc.constantFrom(...CONTACT_METHODS),
    voicemail: fc.boolean(),
    at: fc.date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2028-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
  })

  /** Written apart from the rule, from the victim's words: is this contact unsafe? */
  const unsafe = (
    r: SafeContactRules,
    c: { method: ContactMethod; voicemail: boolean; at: Date },
  ): boolean => {
    const flagFor = {
      phone_call: r.safe_to_call,
      text: r.safe_to_text,
      email: r.safe_to_email,
      letter: r.safe_to_write,
    }
    if (c.method in flagFor && flagFor[c.method as keyof typeof flagFor] === 'N') return true
    const phones = [r.phone_mobile, r.phone_other].filter((p) => p !== null)
    if (c.method === 'phone_call' && phones.length === 0) return true
    if (c.method === 'text' && !phones.some((p) => p.mobile)) return true
    if (c.method === 'email' && r.email === null) return true
    if (c.method === 'letter' && (r.address_line1 === null || r.postcode === null)) return true
    if (c.voicemail && (r.safe_to_leave_voicemail === 'N' || r.safe_to_call === 'N')) return true
    if (c.method !== 'letter' && c.method !== 'email') {
      const london = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(c.at)
      const part = (type: string) => london.find((p) => p.type === type)?.value ?? ''
      const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1
      const time = `${part('hour')}:${part('minute')}`
      if (r.safeTimes.days.length > 0 && !r.safeTimes.days.includes(day)) return true
      if (r.safeTimes.from !== null && time < r.safeTimes.from) return true
      if (r.safeTimes.to !== null && time >= r.safeTimes.to) return true
    }
    return false
  }

  test('for any victim’s rules and any attempted contact, an unsafe one is refused and nothing is sent', async () => {
    await fc.assert(
      fc.asyncProperty(anyRules, anyContact, async (r, c) => {
        let sent = 0
        const result = await contactSafely(r, c, async () => {
          sent += 1
          return 'sent'
        })
        if (unsafe(r, c)) {
          assert.equal(result.ok, false, 'an unsafe contact is refused')
          assert.equal(sent, 0, 'and nothing is sent')
          if (!result.ok) assert.ok(result.message.length > 0)
        } else {
          assert.equal(result.ok, true, 'a safe contact goes ahead')
          assert.equal(sent, 1, 'exactly once')
        }
      }),
      { numRuns: 2000 },
    )
  })
})
