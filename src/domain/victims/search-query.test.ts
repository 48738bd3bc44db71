import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseVictimSearch } from './search-query.ts'

const read = (text: string) => {
  const parsed = parseVictimSearch(text)
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`)
  return parsed.query
}
const refused = (text: string) => {
  const parsed = parseVictimSearch(text)
  assert.ok(!parsed.ok, `${text} should be refused`)
  return parsed.message
}

describe('reading a victim search', () => {
  it('refuses an empty, too short or too long search with a message naming what to enter', () => {
    assert.match(refused(''), /^Enter a name, date of birth, phone number, email address/)
    assert.match(refused('   '), /^Enter a name/)
    assert.equal(refused(' a '), 'Search must be 2 characters or more')
    assert.equal(refused('x'.repeat(101)), 'Search must be 100 characters or fewer')
  })

  it('reads dates of birth as d/m/yyyy or yyyy-mm-dd, and refuses dates that do not exist', () => {
    assert.deepEqual(read('21/7/1984'), { kind: 'date_of_birth', isoDate: '1984-07-21', shown: '1984-07-21' })
    assert.equal(read('01/02/2001').kind, 'date_of_birth')
    assert.deepEqual(read('1984-07-21'), {
      kind: 'date_of_birth',
      isoDate: '1984-07-21',
      shown: '1984-07-21',
    })
    assert.match(refused('31/2/1984'), /real date/)
    assert.match(refused('1984-13-01'), /real date/)
  })

  it('reads UK phone numbers however they are written, as E.164', () => {
    for (const text of [
      '07700 900123',
      '07700900123',
      '+44 7700 900123',
      '+44 (0)7700 900123',
      '(07700) 900-123',
    ])
      assert.deepEqual(read(text), { kind: 'phone', e164: '+447700900123', shown: text }, text)
    assert.equal(read('0121 496 0123').kind, 'phone')
  })

  it('reads emails with the domain in lower case, and refuses a malformed one', () => {
    assert.deepEqual(read('Bethan.P@Example.ORG'), {
      kind: 'email',
      email: 'Bethan.P@example.org',
      shown: 'Bethan.P@example.org',
    })
    assert.match(refused('bethan@'), /correct format/)
  })

  it('reads anything else with a digit as a crime reference or referral ID, as typed and in capitals', () => {
    assert.deepEqual(read('wk/012345/26'), {
      kind: 'reference',
      references: ['wk/012345/26', 'WK/012345/26'],
      shown: 'wk/012345/26',
    })
    assert.deepEqual(read('V-1').kind, 'reference')
    // Phone-shaped but no UK number: a force's all-digit reference, not a refusal.
    assert.equal(read('0123456789012').kind, 'reference')
    assert.equal(read('1234567890').kind, 'reference', 'no leading 0 or +: not read as a phone')
  })

  it('reads an id as a record id', () => {
    assert.deepEqual(read('2165CC77-6C30-4BBE-95ED-E3D23E9AEE8E'), {
      kind: 'record_id',
      id: '2165cc77-6c30-4bbe-95ed-e3d23e9aee8e',
      shown: '2165CC77-6C30-4BBE-95ED-E3D23E9AEE8E',
    })
  })

  it('reads names every way they may be meant, in lower case', () => {
    const readingsOf = (text: string) => {
      const query = read(text)
      assert.equal(query.kind, 'name')
      return query.kind === 'name' ? query.readings : []
    }
    assert.deepEqual(readingsOf('Pritch'), [{ surnamePrefix: 'pritch' }, { forenamePrefix: 'pritch' }])
    assert.deepEqual(readingsOf('  Bethan   Pritchard '), [
      { forenamePrefix: 'bethan', surnamePrefix: 'pritchard' },
      { surnamePrefix: 'bethan pritchard' },
    ])
    assert.deepEqual(readingsOf('Maria de la Cruz'), [
      { forenamePrefix: 'maria de la', surnamePrefix: 'cruz' },
      { forenamePrefix: 'maria', surnamePrefix: 'de la cruz' },
      { surnamePrefix: 'maria de la cruz' },
    ])
    assert.deepEqual(readingsOf('Pritchard, Bethan'), [
      { surnamePrefix: 'pritchard', forenamePrefix: 'bethan' },
    ])
    assert.deepEqual(readingsOf('Pritchard,'), [{ surnamePrefix: 'pritchard' }])
    assert.deepEqual(readingsOf("O'Brien"), [{ surnamePrefix: "o'brien" }, { forenamePrefix: "o'brien" }])
  })
})
