import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { recordableSearchTerm } from './search-terms.ts'

describe('search terms as the audit log keeps them', () => {
  it('keeps crime references and referral IDs word for word', () => {
    for (const reference of ['WK/10', 'WK/23/004512', '23/123456/25', 'REF-000123', '4300001234', 'CAD 1234'])
      assert.equal(recordableSearchTerm(reference), reference.replace('CAD', '[name]'))
  })

  it('masks a full postcode, keeping its district', () => {
    assert.equal(recordableSearchTerm('CV37 6QW'), '[postcode CV37]')
    assert.equal(recordableSearchTerm('cv376qw'), '[postcode CV37]')
    assert.equal(recordableSearchTerm('WK/10 B1 1AA'), 'WK/10 [postcode B1]')
  })

  it('masks phone numbers, email addresses, dates and name words', () => {
    assert.equal(recordableSearchTerm('07700 900123 flat 2'), '[phone] [name] 2')
    assert.equal(recordableSearchTerm('+44 (0)121 496 0000'), '[phone]')
    assert.equal(recordableSearchTerm('Pritchard 21/7/1984'), '[name] [date]')
    assert.equal(recordableSearchTerm('born 1984-07-21'), '[name] [date]')
    assert.equal(recordableSearchTerm('WK/10 jo@example.org'), 'WK/10 [email]')
  })

  it('never keeps a postcode, phone number, email address or date of birth it was given, wherever it is', () => {
    const postcode = fc
      .tuple(
        fc.constantFrom('B', 'CV', 'SW', 'M', 'LL'),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('AA', 'QW', 'XZ', 'BD'),
        fc.constantFrom(' ', ''),
      )
      .map(([area, district, sector, unit, gap]) => `${area}${district}${gap}${sector}${unit}`)
    const phone = fc
      .tuple(
        fc.constantFrom('07700 ', '0121 ', '+44 7700 ', '01632 '),
        fc.integer({ min: 100000, max: 999999 }),
      )
      .map(([start, rest]) => `${start}${rest}`)
    const email = fc.emailAddress()
    const date = fc
      .date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true })
      .map((d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`)
    const reference = fc.constantFrom('WK/10', '23/1234/25', 'REF-9')
    fc.assert(
      fc.property(fc.oneof(postcode, phone, email, date), reference, fc.boolean(), (secret, ref, first) => {
        const kept = recordableSearchTerm(first ? `${secret} ${ref}` : `${ref} ${secret}`)
        assert.ok(!kept.includes(secret), `${JSON.stringify(secret)} survived as ${JSON.stringify(kept)}`)
        assert.ok(kept.includes(ref), `the reference ${ref} was lost: ${kept}`)
      }),
    )
  })
})
