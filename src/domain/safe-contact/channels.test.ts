import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { all, landline, mobile, none, unasked } from '../../../test/support/contact-details.ts'
import {
  CHANNELS,
  callNumbers,
  channelPermitted,
  mayUseChannel,
  safeChannels,
  safeChannelsPreferring,
  textNumbers,
  usableChannels,
} from './channels.ts'

describe('usable channels', () => {
  test('call = any phone, text = a mobile, email, letter = line 1 + postcode', () => {
    assert.deepEqual(usableChannels(all), ['call', 'text', 'email', 'letter'])
    assert.deepEqual(usableChannels(none), [])
    assert.deepEqual(usableChannels({ ...none, phone_other: landline }), ['call'])
    assert.deepEqual(usableChannels({ ...none, phone_other: mobile }), ['call', 'text'])
    assert.deepEqual(usableChannels({ ...none, address_line1: '1 High St' }), [])
  })
  test('numbers: mobile first for calls, only mobiles for texts', () => {
    assert.deepEqual(callNumbers({ ...none, phone_mobile: landline, phone_other: mobile }), [
      mobile,
      landline,
    ])
    assert.deepEqual(textNumbers({ ...none, phone_mobile: landline }), [])
  })
})

describe('permission', () => {
  test('only N forbids', () => {
    for (const flag of ['Y', 'U'] as const)
      assert.equal(channelPermitted('email', { ...unasked, safe_to_email: flag }), true)
    assert.equal(channelPermitted('email', { ...unasked, safe_to_email: 'N' }), false)
    assert.equal(channelPermitted('letter', { ...unasked, safe_to_write: 'N' }), false)
    assert.equal(channelPermitted('text', { ...unasked, safe_to_text: 'N' }), false)
    assert.equal(channelPermitted('call', { ...unasked, safe_to_call: 'N' }), false)
  })
  test('voicemail is a permission on calls', () => {
    assert.equal(channelPermitted('voicemail', unasked), true)
    assert.equal(channelPermitted('voicemail', { ...unasked, safe_to_leave_voicemail: 'N' }), false)
    assert.equal(
      channelPermitted('voicemail', { ...unasked, safe_to_call: 'N', safe_to_leave_voicemail: 'Y' }),
      false,
    )
  })
  test('mayUseChannel needs both the details and permission', () => {
    assert.equal(mayUseChannel('text', { ...all, ...unasked }), true)
    assert.equal(mayUseChannel('text', { ...all, ...unasked, safe_to_text: 'N' }), false)
    assert.equal(
      mayUseChannel('text', { ...none, phone_other: landline, ...unasked, safe_to_text: 'Y' }),
      false,
    )
    assert.equal(mayUseChannel('voicemail', { ...none, ...unasked, safe_to_leave_voicemail: 'Y' }), false)
    assert.equal(mayUseChannel('voicemail', { ...none, phone_other: landline, ...unasked }), true)
  })
})

describe('safe channels', () => {
  test('safe channels drop the N ones', () => {
    assert.deepEqual(safeChannels({ ...all, ...unasked, safe_to_call: 'N', safe_to_write: 'N' }), [
      'text',
      'email',
    ])
  })

  test('a preferred channel comes first only when it is safe', () => {
    assert.deepEqual(safeChannelsPreferring({ ...all, ...unasked }, 'email'), [
      'email',
      'call',
      'text',
      'letter',
    ])
    assert.deepEqual(safeChannelsPreferring({ ...all, ...unasked, safe_to_email: 'N' }, 'email'), [
      'call',
      'text',
      'letter',
    ])
    assert.deepEqual(safeChannelsPreferring({ ...none, email: 'a@example.org', ...unasked }, 'call'), [
      'email',
    ])
  })

  const flag = fc.constantFrom('Y' as const, 'N' as const, 'U' as const)
  const record = fc.record({
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
  })

  test('whatever the record and preference, every channel offered may be used, and none is left out', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(null, ...CHANNELS), (r, preferred) => {
        const offered = safeChannelsPreferring(r, preferred)
        for (const c of offered) assert.ok(mayUseChannel(c, r), `${c} offered but not allowed`)
        assert.deepEqual(
          [...offered].sort(),
          CHANNELS.filter((c) => mayUseChannel(c, r)).sort(),
          'exactly the channels that may be used',
        )
      }),
    )
  })
})
