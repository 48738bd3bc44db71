import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { REQUIRED_FIELD_NAMES } from './fields.ts'
import { type RawFeedRecord, SAMPLE_NOW, sampleReferral } from './sample.ts'
import { assessRecord, isImplausibleDateOfBirth, isUnder18On, redactContactDetails } from './validate.ts'

const now = SAMPLE_NOW
const assess = (overrides: RawFeedRecord = {}) => assessRecord(sampleReferral(overrides), { now })
const reasons = (overrides: RawFeedRecord) => assess(overrides).reasons
const noContact = { phone_mobile: '', phone_other: '', email: '', address_line1: '', postcode: '' }

describe('states', () => {
  test('a good record passes with no reasons or warnings', () => {
    const a = assess()
    assert.equal(a.outcome, 'passed')
    assert.deepEqual(a.reasons, [])
    assert.deepEqual(a.warnings, [])
  })
  test('consent_to_refer=N is consent_refused', () => {
    assert.equal(assess({ consent_to_refer: 'N' }).outcome, 'consent_refused')
    assert.equal(assess({ consent_to_refer: ' n ' }).outcome, 'consent_refused')
    assert.equal(assess({ consent_to_refer: false }).outcome, 'consent_refused')
  })
  test('any reason quarantines', () => {
    const a = assess({ forename: '' })
    assert.equal(a.outcome, 'quarantined')
    assert.deepEqual(a.reasons, ['missing_field:forename'])
  })
})

describe('edge rule order: consent N wins over everything', () => {
  test('even an empty record with consent N is consent_refused', () => {
    const a = assessRecord({ consent_to_refer: 'N' }, { now })
    assert.equal(a.outcome, 'consent_refused')
    assert.deepEqual(a.reasons, [])
  })
  test('consent N on a rape referral with no contact route and bad dates', () => {
    const a = assess({
      ...noContact,
      consent_to_refer: 'N',
      crime_category: 'rape',
      reported_at: 'soon',
      date_of_birth: '1800-01-01',
    })
    assert.equal(a.outcome, 'consent_refused')
  })
  test('consent N still carries warnings for the data quality report', () => {
    assert.deepEqual(assess({ consent_to_refer: 'N', email: 'nope' }).warnings, ['invalid_value:email'])
  })
})

describe('missing_field', () => {
  for (const name of REQUIRED_FIELD_NAMES) {
    test(`blank ${name}`, () => {
      for (const blank of ['', '   ', null, undefined]) {
        assert.ok(reasons({ [name]: blank }).includes(`missing_field:${name}`), `${name}=${String(blank)}`)
      }
    })
  }
  test('an absent key is blank', () => {
    const raw = sampleReferral()
    delete raw.surname
    assert.deepEqual(assessRecord(raw, { now }).reasons, ['missing_field:surname'])
  })
})

describe('invalid_value', () => {
  test('force_code', () =>
    assert.deepEqual(reasons({ force_code: 'WARKS POLICE' }), ['invalid_value:force_code']))
  test('victim_type', () =>
    assert.deepEqual(reasons({ victim_type: 'witness' }), ['invalid_value:victim_type']))
  test('consent_to_refer', () =>
    assert.deepEqual(reasons({ consent_to_refer: 'yes' }), ['invalid_value:consent_to_refer']))
  test('sent_at earlier than reported_at', () => {
    assert.deepEqual(reasons({ sent_at: '2026-03-09T10:14:59Z' }), ['invalid_value:sent_at'])
    assert.deepEqual(reasons({ sent_at: '2026-03-09T10:15:00Z' }), [])
  })
  test('sent_at compared as instants across offsets', () => {
    assert.deepEqual(
      reasons({ reported_at: '2025-07-09T10:00:00+01:00', sent_at: '2025-07-09T09:30:00Z' }),
      [],
    )
  })
  test('referral_id and free-text values are never "invalid" for their content', () => {
    assert.deepEqual(reasons({ referral_id: 12345, crime_reference: 'anything / at all' }), [])
  })
  test('a JSON object where text is required', () => {
    assert.deepEqual(reasons({ forename: { first: 'Ann' } }), ['invalid_value:forename'])
  })
})

describe('invalid_date', () => {
  test('reported_at', () =>
    assert.deepEqual(reasons({ reported_at: '09/03/2026 10:15' }), ['invalid_date:reported_at']))
  test('sent_at', () => assert.deepEqual(reasons({ sent_at: '2026-02-30T09:00' }), ['invalid_date:sent_at']))
  test('date_of_birth is optional but quarantines when unparseable', () => {
    assert.deepEqual(reasons({ date_of_birth: '21/07/1984' }), ['invalid_date:date_of_birth'])
  })
  test('blank date_of_birth is fine', () => assert.deepEqual(reasons({ date_of_birth: '' }), []))
})

describe('date_in_future', () => {
  test('more than 5 minutes after the hub clock', () => {
    assert.deepEqual(reasons({ sent_at: '2026-03-10T12:05:01Z' }), ['date_in_future:sent_at'])
    assert.deepEqual(reasons({ sent_at: '2026-03-10T12:05:00Z' }), [])
  })
  test('reported_at in the future (sent_at then also precedes it)', () => {
    assert.deepEqual(reasons({ reported_at: '2026-03-11T09:00:00Z', sent_at: '2026-03-10T09:00:00Z' }), [
      'date_in_future:reported_at',
      'invalid_value:sent_at',
    ])
  })
  test('optional date-times in the future are warnings and not used', () => {
    const a = assess({ crime_recorded_at: '2027-01-01T00:00Z' })
    assert.equal(a.outcome, 'passed')
    assert.deepEqual(a.warnings, ['date_in_future:crime_recorded_at'])
    assert.equal(a.record.crime_recorded_at, null)
  })
  test('now may be a Date, epoch millis or ISO text', () => {
    for (const n of [new Date(now), Date.parse(now), now]) {
      assert.deepEqual(
        assessRecord(sampleReferral({ sent_at: '2026-03-10T12:06:00Z' }), { now: n }).reasons,
        ['date_in_future:sent_at'],
      )
    }
  })
})

describe('unknown_category', () => {
  test('a value outside the table', () =>
    assert.deepEqual(reasons({ crime_category: 'assault' }), ['unknown_category']))
  test('codes are case-insensitive', () =>
    assert.deepEqual(reasons({ crime_category: ' VIOLENCE_WITH_INJURY ' }), []))
  test('blank is missing, not unknown', () =>
    assert.deepEqual(reasons({ crime_category: '' }), ['missing_field:crime_category']))
})

describe('implausible_date_of_birth', () => {
  test('after the date of reported_at', () => {
    assert.deepEqual(reasons({ date_of_birth: '2026-03-10' }), ['implausible_date_of_birth'])
    assert.deepEqual(reasons({ date_of_birth: '2026-03-09' }), [])
  })
  test('more than 120 years before reported_at', () => {
    assert.deepEqual(reasons({ date_of_birth: '1906-03-08' }), ['implausible_date_of_birth'])
    assert.deepEqual(reasons({ date_of_birth: '1906-03-09' }), [])
  })
  test('uses the Europe/London date of reported_at', () => {
    // 23:30Z on 14 July is 15 July in London: born on 15 July is plausible.
    const a = assess({
      reported_at: '2025-07-14T23:30:00Z',
      sent_at: '2025-07-15T09:00Z',
      date_of_birth: '2025-07-15',
    })
    assert.ok(!a.reasons.includes('implausible_date_of_birth'))
  })
  test('helpers', () => {
    assert.equal(isImplausibleDateOfBirth('2000-01-02', '2000-01-01'), true)
    assert.equal(isImplausibleDateOfBirth('1880-01-01', '2000-01-01'), false)
    assert.equal(isImplausibleDateOfBirth('1879-12-31', '2000-01-01'), true)
  })
})

describe('no_contact_route', () => {
  test('no phone, email or postal address', () => assert.deepEqual(reasons(noContact), ['no_contact_route']))
  test('invalid contact details do not count', () => {
    const a = assess({
      ...noContact,
      phone_mobile: '+33 6 12 34 56 78',
      email: 'nope',
      address_line1: '1 High St',
      postcode: 'XX1',
    })
    assert.deepEqual(a.reasons, ['no_contact_route'])
    assert.deepEqual(a.warnings, [
      'invalid_value:postcode',
      'invalid_value:phone_mobile',
      'invalid_value:email',
    ])
  })
  test('an address needs both line 1 and a valid postcode', () => {
    assert.deepEqual(reasons({ ...noContact, address_line1: '1 High St' }), ['no_contact_route'])
    assert.deepEqual(reasons({ ...noContact, postcode: 'CV34 4AB' }), ['no_contact_route'])
    assert.deepEqual(reasons({ ...noContact, address_line1: '1 High St', postcode: 'cv344ab' }), [])
  })
  test('any single channel is enough', () => {
    assert.deepEqual(reasons({ ...noContact, phone_other: '01926 123456' }), [])
    assert.deepEqual(reasons({ ...noContact, email: 'a@example.org' }), [])
  })
})

describe('no_safe_channel', () => {
  const allN = { safe_to_call: 'N', safe_to_text: 'N', safe_to_email: 'N', safe_to_write: 'N' }
  test('every usable channel marked N', () => assert.deepEqual(reasons(allN), ['no_safe_channel']))
  test('one usable channel left at U is safe enough', () =>
    assert.deepEqual(reasons({ ...allN, safe_to_write: 'U' }), []))
  test('N on a channel without details does not matter', () => {
    assert.deepEqual(
      reasons({ ...noContact, email: 'a@example.org', safe_to_call: 'N', safe_to_write: 'N' }),
      [],
    )
  })
  test('only the channels with details count', () => {
    assert.deepEqual(reasons({ ...noContact, email: 'a@example.org', safe_to_email: 'N' }), [
      'no_safe_channel',
    ])
  })
  test('a landline with calls N and texts Y has no safe channel (texts need a mobile)', () => {
    assert.deepEqual(
      reasons({ ...noContact, phone_other: '01926 123456', safe_to_call: 'N', safe_to_text: 'Y' }),
      ['no_safe_channel'],
    )
  })
  test('voicemail is not a channel', () => {
    assert.deepEqual(reasons({ ...allN, safe_to_leave_voicemail: 'Y' }), ['no_safe_channel'])
  })
  test('no contact route and no safe channel never both apply', () => {
    assert.deepEqual(reasons({ ...noContact, ...allN }), ['no_contact_route'])
  })
  test('an unreadable safety flag counts as unsafe', () => {
    const a = assess({ ...noContact, email: 'a@example.org', safe_to_email: 'no' })
    assert.deepEqual(a.reasons, ['no_safe_channel'])
    assert.deepEqual(a.warnings, ['invalid_value:safe_to_email'])
  })
})

describe('explicit_consent_required', () => {
  const cases: [string, RawFeedRecord][] = [
    ['rape', { crime_category: 'rape' }],
    ['other sexual offence', { crime_category: 'sexual_offence_other' }],
    ['domestic abuse', { domestic_abuse: 'Y' }],
    ['bereaved relative', { victim_type: 'bereaved_relative', crime_category: 'homicide' }],
    ['under 18 by date of birth', { date_of_birth: '2010-01-01' }],
    ['under 18 by vulnerability reason', { vulnerability_reasons: 'under_18' }],
    ['parent_guardian', { victim_type: 'parent_guardian' }],
  ]
  for (const [label, overrides] of cases) {
    test(`${label}: U quarantines, Y passes, N is refused`, () => {
      assert.deepEqual(reasons({ ...overrides, consent_to_refer: 'U' }), ['explicit_consent_required'])
      assert.deepEqual(reasons({ ...overrides, consent_to_refer: 'Y' }), [])
      assert.equal(assess({ ...overrides, consent_to_refer: 'N' }).outcome, 'consent_refused')
    })
  }
  test('on any other record U means no objection', () => {
    assert.equal(assess({ consent_to_refer: 'U' }).outcome, 'passed')
    assert.equal(
      assess({ consent_to_refer: 'u', crime_category: 'homicide', victim_type: 'family_spokesperson' })
        .outcome,
      'passed',
    )
  })
  test('blank consent where explicit consent is needed gives both reasons', () => {
    assert.deepEqual(reasons({ crime_category: 'rape', consent_to_refer: '' }), [
      'missing_field:consent_to_refer',
      'explicit_consent_required',
    ])
  })
  test('facts explain why', () => {
    const a = assess({ crime_category: 'rape', domestic_abuse: true, consent_to_refer: 'Y' })
    assert.deepEqual(a.facts.explicitConsentBecause, ['sexual_offence', 'domestic_abuse'])
  })
})

describe('under 18', () => {
  test('on the Europe/London date of reported_at', () => {
    // Turns 18 on 15 July 2025; 23:30Z on 14 July is already 15 July in London.
    const base = { date_of_birth: '2007-07-15', sent_at: '2025-07-15T09:00Z', consent_to_refer: 'U' }
    assert.deepEqual(reasons({ ...base, reported_at: '2025-07-14T23:30:00Z' }), [])
    assert.deepEqual(reasons({ ...base, reported_at: '2025-07-14T22:30:00Z' }), ['explicit_consent_required'])
  })
  test('a 29 February birthday turns 18 on 1 March in a common year', () => {
    assert.equal(isUnder18On('2008-02-29', '2026-02-28'), true)
    assert.equal(isUnder18On('2008-02-29', '2026-03-01'), false)
    assert.equal(isUnder18On('2008-03-01', '2026-03-01'), false)
    assert.equal(isUnder18On('2008-03-02', '2026-03-01'), true)
  })
  test('facts list every basis', () => {
    const a = assess({
      victim_type: 'parent_guardian',
      date_of_birth: '2015-05-05',
      vulnerability_reasons: 'under_18',
    })
    assert.deepEqual(a.facts.under18Because, ['date_of_birth', 'vulnerability_reasons', 'parent_guardian'])
  })
  test('an implausible date of birth is not used to decide age', () => {
    const a = assess({ date_of_birth: '2030-01-01', consent_to_refer: 'U' })
    assert.deepEqual(a.reasons, ['implausible_date_of_birth'])
    assert.equal(a.facts.under18, false)
  })
})

describe('parent_guardian', () => {
  test("name and date of birth are the child's: an adult-age DOB does not stop the under-18 rule", () => {
    const a = assess({ victim_type: 'parent_guardian', date_of_birth: '1984-07-21', consent_to_refer: 'U' })
    assert.deepEqual(a.reasons, ['explicit_consent_required'])
  })
  test("contact details are the parent's: they make the contact route", () => {
    const a = assess({ victim_type: 'parent_guardian', date_of_birth: '2015-05-05' })
    assert.equal(a.outcome, 'passed')
    assert.deepEqual(a.facts.channels.safe, ['call', 'text', 'email', 'letter'])
  })
})

describe('warnings for invalid optional values', () => {
  const cases: [string, RawFeedRecord][] = [
    ['phone_mobile', { phone_mobile: '+33 6 12 34 56 78' }],
    ['phone_other', { phone_other: '12345' }],
    ['email', { email: 'bethan at example' }],
    ['postcode', { postcode: 'CV99' }],
    ['gender', { gender: 'f' }],
    ['crime_recorded_at', { crime_recorded_at: 'Tuesday' }],
    ['consent_recorded_at', { consent_recorded_at: '2026-13-01' }],
    ['preferred_contact', { preferred_contact: 'carrier pigeon' }],
    ['language', { language: 'Polish' }],
    ['thrive_risk', { thrive_risk: 'severe' }],
    ['hate_strands', { hate_strands: 'race;football' }],
    ['vulnerability_reasons', { vulnerability_reasons: 'elderly' }],
    ['domestic_abuse', { domestic_abuse: 'maybe' }],
    ['oic_email', { oic_email: 'sarah' }],
    ['oic_phone', { oic_phone: '999' }],
  ]
  for (const [name, overrides] of cases) {
    test(name, () => {
      const a = assess(overrides)
      assert.equal(a.outcome, 'passed')
      assert.deepEqual(a.warnings, [`invalid_value:${name}`])
    })
  }
  test('a phone_mobile field holding a landline is usable for calls, not texts, and not a warning', () => {
    const a = assess({ phone_mobile: '01926 123456', phone_other: '' })
    assert.deepEqual(a.warnings, [])
    assert.deepEqual(a.facts.channels.usable, ['call', 'email', 'letter'])
  })
})

describe('every reason that applies', () => {
  test('several reasons at once, in field order then record rules', () => {
    const a = assess({
      ...noContact,
      forename: '',
      crime_category: 'assault',
      victim_type: 'witness',
      reported_at: 'x',
      date_of_birth: '1800-01-01',
    })
    assert.deepEqual(a.reasons, [
      'invalid_date:reported_at',
      'unknown_category',
      'invalid_value:victim_type',
      'missing_field:forename',
      'implausible_date_of_birth',
      'no_contact_route',
    ])
  })
})

describe('redactContactDetails', () => {
  test('removes every contact detail but keeps the person', () => {
    const r = redactContactDetails(assess({ consent_to_refer: 'N' }).record)
    assert.equal(r.email, null)
    assert.equal(r.phone_mobile, null)
    assert.equal(r.address_line1, null)
    assert.equal(r.postcode, null)
    assert.equal(r.surname, 'Pritchard')
  })
})
