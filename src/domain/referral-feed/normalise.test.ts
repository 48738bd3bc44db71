import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { normaliseEmail, normalisePhone, normalisePostcode } from './contacts.ts'
import { londonDate, parseDate, parseDateTime } from './dates.ts'
import { normaliseRecord, parseFlag, readText } from './normalise.ts'
import { sampleReferral } from './sample.ts'

describe('readText', () => {
  test('trims and turns blank into null', () => {
    assert.deepEqual(readText('  a b  '), { text: 'a b', ok: true })
    assert.deepEqual(readText('   '), { text: null, ok: true })
    assert.deepEqual(readText(''), { text: null, ok: true })
    assert.deepEqual(readText(null), { text: null, ok: true })
    assert.deepEqual(readText(undefined), { text: null, ok: true })
  })
  test('reads JSON numbers as text and refuses objects', () => {
    assert.deepEqual(readText(42), { text: '42', ok: true })
    assert.deepEqual(readText(Number.NaN), { text: null, ok: false })
    assert.deepEqual(readText({ a: 1 }), { text: null, ok: false })
    assert.deepEqual(readText(['x']), { text: null, ok: false })
  })
})

describe('parseFlag', () => {
  test('Y/N/U in any case, trimmed', () => {
    assert.equal(parseFlag(' y '), 'Y')
    assert.equal(parseFlag('n'), 'N')
    assert.equal(parseFlag('U'), 'U')
  })
  test('blank is U', () => {
    assert.equal(parseFlag(''), 'U')
    assert.equal(parseFlag('  '), 'U')
    assert.equal(parseFlag(null), 'U')
    assert.equal(parseFlag(undefined), 'U')
  })
  test('JSON booleans', () => {
    assert.equal(parseFlag(true), 'Y')
    assert.equal(parseFlag(false), 'N')
  })
  test('anything else is not a flag', () => {
    for (const v of ['yes', 'no', 'true', '1', 'X', 0, 1, {}]) assert.equal(parseFlag(v), null, String(v))
  })
})

describe('parseDate', () => {
  test('strict YYYY-MM-DD calendar dates', () => {
    assert.equal(parseDate('2024-02-29'), '2024-02-29')
    assert.equal(parseDate('2023-02-29'), null)
    assert.equal(parseDate('2024-13-01'), null)
    assert.equal(parseDate('21/07/1984'), null)
    assert.equal(parseDate('1984-7-21'), null)
    assert.equal(parseDate('1984-07-21T00:00:00Z'), null)
  })
})

describe('parseDateTime', () => {
  test('Z and offsets', () => {
    assert.equal(parseDateTime('2026-03-09T10:15:00Z'), '2026-03-09T10:15:00.000Z')
    assert.equal(parseDateTime('2026-07-09T10:15:00+01:00'), '2026-07-09T09:15:00.000Z')
    assert.equal(parseDateTime('2026-07-09T10:15:00+0100'), '2026-07-09T09:15:00.000Z')
    assert.equal(parseDateTime('2026-07-09T10:15-05'), '2026-07-09T15:15:00.000Z')
    assert.equal(parseDateTime('2026-07-09T10:15:00.123456z'), '2026-07-09T10:15:00.123Z')
  })
  test('no offset is Europe/London, in winter and in summer', () => {
    assert.equal(parseDateTime('2026-01-15T10:00:00'), '2026-01-15T10:00:00.000Z')
    assert.equal(parseDateTime('2026-07-15T10:00:00'), '2026-07-15T09:00:00.000Z')
    assert.equal(parseDateTime('2026-07-15 10:00'), '2026-07-15T09:00:00.000Z')
  })
  test('date-only is 00:00 Europe/London', () => {
    assert.equal(parseDateTime('2026-01-15'), '2026-01-15T00:00:00.000Z')
    assert.equal(parseDateTime('2026-07-15'), '2026-07-14T23:00:00.000Z')
  })
  test('spring gap: a local time that does not exist moves forward an hour', () => {
    // 29 March 2026: clocks go from 01:00 GMT to 02:00 BST.
    assert.equal(parseDateTime('2026-03-29T01:30:00'), '2026-03-29T01:30:00.000Z') // = 02:30 BST
    assert.equal(parseDateTime('2026-03-29T01:00'), '2026-03-29T01:00:00.000Z') // = 02:00 BST
    assert.equal(parseDateTime('2026-03-29T00:59'), '2026-03-29T00:59:00.000Z')
    assert.equal(parseDateTime('2026-03-29T02:00'), '2026-03-29T01:00:00.000Z')
  })
  test('autumn repeat: a local time that happens twice is the first (BST) occurrence', () => {
    // 25 October 2026: clocks go from 02:00 BST back to 01:00 GMT.
    assert.equal(parseDateTime('2026-10-25T01:30:00'), '2026-10-25T00:30:00.000Z')
    assert.equal(parseDateTime('2026-10-25T01:00'), '2026-10-25T00:00:00.000Z')
    assert.equal(parseDateTime('2026-10-25T00:59'), '2026-10-24T23:59:00.000Z')
    assert.equal(parseDateTime('2026-10-25T02:00'), '2026-10-25T02:00:00.000Z')
  })
  test('explicit offsets are never adjusted for clock changes', () => {
    assert.equal(parseDateTime('2026-10-25T01:30:00+00:00'), '2026-10-25T01:30:00.000Z')
    assert.equal(parseDateTime('2026-03-29T01:30:00Z'), '2026-03-29T01:30:00.000Z')
  })
  test('unparseable values', () => {
    for (const v of [
      'yesterday',
      '2026-02-30T10:00',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
      '2026-W10-3',
      '2026-060',
      '10/03/2026 10:00',
      '2026-01-01T10:00+15:00',
      '2026-01-01T10:00+01:75',
      '2026-01-01T',
    ]) {
      assert.equal(parseDateTime(v), null, v)
    }
  })
  test('londonDate is the calendar date in Europe/London', () => {
    assert.equal(londonDate('2026-07-14T23:30:00.000Z'), '2026-07-15')
    assert.equal(londonDate('2026-01-14T23:30:00.000Z'), '2026-01-14')
  })
})

describe('normalisePhone', () => {
  test('UK mobiles in common formats become the same E.164 number', () => {
    for (const v of [
      '07700 900123',
      '+44 7700 900123',
      '07700900123',
      '+44 (0) 7700 900123',
      '0044 7700 900123',
    ]) {
      assert.deepEqual(normalisePhone(v), { e164: '+447700900123', mobile: true }, v)
    }
  })
  test('real-format mobiles are mobiles, landlines are not', () => {
    assert.deepEqual(normalisePhone('07911 123456'), { e164: '+447911123456', mobile: true })
    assert.deepEqual(normalisePhone('01926 123456'), { e164: '+441926123456', mobile: false })
    assert.deepEqual(normalisePhone('0121 496 0123'), { e164: '+441214960123', mobile: false })
    assert.deepEqual(normalisePhone('01632 960123'), { e164: '+441632960123', mobile: false })
  })
  test('07 numbers that cannot take a text are not mobiles', () => {
    assert.deepEqual(normalisePhone('07000 123456'), { e164: '+447000123456', mobile: false })
    assert.deepEqual(normalisePhone('07600 123456'), { e164: '+447600123456', mobile: false })
  })
  test('Crown Dependency numbers share +44 and count as UK', () => {
    assert.deepEqual(normalisePhone('07624 123456'), { e164: '+447624123456', mobile: true })
  })
  test('non-UK and nonsense numbers are rejected', () => {
    for (const v of [
      '+33 6 12 34 56 78',
      '123',
      'call me',
      '07700 9001',
      '0770090012345',
      '+1 202 555 0100',
    ]) {
      assert.equal(normalisePhone(v), null, v)
    }
  })
})

describe('normalisePostcode', () => {
  test('any spacing or case becomes "CV34 4AB"', () => {
    for (const v of ['CV34 4AB', 'cv344ab', ' Cv34  4aB ', 'CV3 44AB'])
      assert.equal(normalisePostcode(v), 'CV34 4AB', v)
  })
  test('every outward code shape', () => {
    assert.equal(normalisePostcode('M11AE'), 'M1 1AE')
    assert.equal(normalisePostcode('B338TH'), 'B33 8TH')
    assert.equal(normalisePostcode('CR26XH'), 'CR2 6XH')
    assert.equal(normalisePostcode('DN551PT'), 'DN55 1PT')
    assert.equal(normalisePostcode('W1A1HQ'), 'W1A 1HQ')
    assert.equal(normalisePostcode('EC1A1BB'), 'EC1A 1BB')
    assert.equal(normalisePostcode('gir0aa'), 'GIR 0AA')
  })
  test('impossible letters and shapes are rejected', () => {
    for (const v of [
      'QA1 1AA',
      'CV34 4AC',
      'CV34 4AI',
      'VV1 1AA',
      'AJ1 1AA',
      'CV34',
      '12345',
      'CV34 44B',
      'W1I 1AA',
      'EC1I 1BB',
      '',
    ]) {
      assert.equal(normalisePostcode(v), null, v)
    }
  })
})

describe('normaliseEmail', () => {
  test('valid addresses, domain lower-cased', () => {
    assert.equal(normaliseEmail('Bethan.Pritchard@Example.ORG'), 'Bethan.Pritchard@example.org')
    assert.equal(normaliseEmail("o'brien+hub@mail.example.co.uk"), "o'brien+hub@mail.example.co.uk")
  })
  test('malformed addresses', () => {
    for (const v of [
      'no-at-sign',
      '@example.org',
      'a@',
      'a@example',
      'a b@example.org',
      'a..b@example.org',
      '.a@example.org',
      'a@-x.org',
      'a@example.c0m',
      'a@@example.org',
    ]) {
      assert.equal(normaliseEmail(v), null, v)
    }
  })
})

describe('normaliseRecord', () => {
  test('a good record has no problems and typed values', () => {
    const { record, problems, extras } = normaliseRecord(sampleReferral())
    assert.deepEqual(problems, [])
    assert.deepEqual(extras, {})
    assert.equal(record.reported_at, '2026-03-09T10:15:00.000Z')
    assert.equal(record.crime_category, 'burglary_residential')
    assert.deepEqual(record.phone_mobile, { e164: '+447700900123', mobile: true })
    assert.equal(record.postcode, 'CV34 4AB')
    assert.equal(record.consent_to_refer, 'Y')
    assert.equal(record.address_line2, null)
    assert.deepEqual(record.hate_strands, [])
  })
  test('codes are case-folded: categories and types lower, force and offence codes upper', () => {
    const { record, problems } = normaliseRecord(
      sampleReferral({
        force_code: ' warks ',
        crime_category: 'Burglary_Residential',
        victim_type: 'DIRECT',
        offence_code: '8n',
        gender: 'Female',
        thrive_risk: 'HIGH',
        language: 'CY',
      }),
    )
    assert.deepEqual(problems, [])
    assert.equal(record.force_code, 'WARKS')
    assert.equal(record.crime_category, 'burglary_residential')
    assert.equal(record.victim_type, 'direct')
    assert.equal(record.offence_code, '8N')
    assert.equal(record.gender, 'female')
    assert.equal(record.thrive_risk, 'high')
    assert.equal(record.language, 'cy')
  })
  test('JSON: booleans for flags, null and absent keys are blank', () => {
    const raw = sampleReferral({ domestic_abuse: true, hate_crime: false, cse: null, consent_to_refer: true })
    delete raw.rural
    const { record, problems } = normaliseRecord(raw)
    assert.deepEqual(problems, [])
    assert.equal(record.domestic_abuse, 'Y')
    assert.equal(record.hate_crime, 'N')
    assert.equal(record.cse, 'U')
    assert.equal(record.rural, 'U')
    assert.equal(record.consent_to_refer, 'Y')
  })
  test('blank consent is null (missing), not U', () => {
    const { record, problems } = normaliseRecord(sampleReferral({ consent_to_refer: ' ' }))
    assert.equal(record.consent_to_refer, null)
    assert.deepEqual(problems, [{ field: 'consent_to_refer', kind: 'missing' }])
  })
  test('an unreadable safety flag is treated as N, other flags as U', () => {
    const { record, problems } = normaliseRecord(sampleReferral({ safe_to_call: 'No', vulnerable: 'maybe' }))
    assert.equal(record.safe_to_call, 'N')
    assert.equal(record.vulnerable, 'U')
    assert.deepEqual(problems, [
      { field: 'safe_to_call', kind: 'invalid_value' },
      { field: 'vulnerable', kind: 'invalid_value' },
    ])
  })
  test('lists: ;-separated, case-insensitive, de-duplicated, JSON arrays too, unknown items dropped', () => {
    const a = normaliseRecord(
      sampleReferral({ hate_strands: ' Race ; religion;race;', vulnerability_reasons: ['UNDER_18'] }),
    )
    assert.deepEqual(a.record.hate_strands, ['race', 'religion'])
    assert.deepEqual(a.record.vulnerability_reasons, ['under_18'])
    assert.deepEqual(a.problems, [])
    const b = normaliseRecord(sampleReferral({ hate_strands: 'race;ethnicity' }))
    assert.deepEqual(b.record.hate_strands, ['race'])
    assert.deepEqual(b.problems, [{ field: 'hate_strands', kind: 'invalid_value' }])
  })
  test('unknown extra columns are kept apart; field names are case-sensitive', () => {
    const raw = sampleReferral({ x_source: 'Niche', Forename: 'Ann' })
    const { record, extras } = normaliseRecord(raw)
    assert.deepEqual(extras, { x_source: 'Niche', Forename: 'Ann' })
    assert.equal(record.forename, 'Bethan')
  })
  test('a BOM left on the first header or value does not hide it', () => {
    const raw = sampleReferral()
    delete raw.referral_id
    const { record, problems, extras } = normaliseRecord({ '\uFEFFreferral_id': '\uFEFFR-1', ...raw })
    assert.equal(record.referral_id, 'R-1')
    assert.deepEqual(problems, [])
    assert.deepEqual(extras, {})
  })
  test('language defaults to en; an unknown code is a problem and falls back to en', () => {
    assert.equal(normaliseRecord(sampleReferral({ language: '' })).record.language, 'en')
    const r = normaliseRecord(sampleReferral({ language: 'xx' }))
    assert.equal(r.record.language, 'en')
    assert.deepEqual(r.problems, [{ field: 'language', kind: 'invalid_value' }])
  })
  test('force code shape', () => {
    for (const v of ['WARKS POLICE', 'W', 'ABCDEFGHIJKLM', 'WAR-KS']) {
      assert.deepEqual(
        normaliseRecord(sampleReferral({ force_code: v })).problems,
        [{ field: 'force_code', kind: 'invalid_value' }],
        v,
      )
    }
    assert.equal(
      normaliseRecord(sampleReferral({ force_code: 'west_merc1' })).record.force_code,
      'WEST_MERC1',
    )
  })
  test('never throws on junk', () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately not a record
    for (const raw of [{}, { referral_id: {} }, { forename: [1, 2] }, null as any, { hate_strands: [{}] }]) {
      assert.doesNotThrow(() => normaliseRecord(raw))
    }
  })
})
