import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  assessChannels,
  type ContactDetails,
  callNumbers,
  channelPermitted,
  channelsInPreferenceOrder,
  mayUseChannel,
  type SafetyFlags,
  safeChannels,
  textNumbers,
  usableChannels,
} from './channels.ts'

const mobile = { e164: '+447700900123', mobile: true }
const landline = { e164: '+441926123456', mobile: false }
const none: ContactDetails = {
  phone_mobile: null,
  phone_other: null,
  email: null,
  address_line1: null,
  postcode: null,
}
const all: ContactDetails = {
  phone_mobile: mobile,
  phone_other: landline,
  email: 'a@example.org',
  address_line1: '1 High St',
  postcode: 'CV34 4AB',
}
const unasked: SafetyFlags = {
  safe_to_call: 'U',
  safe_to_text: 'U',
  safe_to_email: 'U',
  safe_to_leave_voicemail: 'U',
  safe_to_write: 'U',
}

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

describe('assessChannels', () => {
  test('no contact route', () => {
    const a = assessChannels({ ...none, ...unasked })
    assert.equal(a.noContactRoute, true)
    assert.equal(a.noSafeChannel, false)
  })
  test('no safe channel', () => {
    const a = assessChannels({
      ...none,
      email: 'a@example.org',
      ...unasked,
      safe_to_email: 'N',
      safe_to_call: 'Y',
    })
    assert.deepEqual(a, {
      usable: ['email'],
      safe: [],
      noContactRoute: false,
      noSafeChannel: true,
      voicemailPermitted: false,
    })
  })
  test('safe channels drop the N ones', () => {
    assert.deepEqual(safeChannels({ ...all, ...unasked, safe_to_call: 'N', safe_to_write: 'N' }), [
      'text',
      'email',
    ])
  })
})

describe('channelsInPreferenceOrder', () => {
  test('preferred channel first when safe', () => {
    assert.deepEqual(channelsInPreferenceOrder({ ...all, ...unasked, preferred_contact: 'letter' }), [
      'letter',
      'call',
      'text',
      'email',
    ])
    assert.deepEqual(channelsInPreferenceOrder({ ...all, ...unasked, preferred_contact: 'sms' }), [
      'text',
      'call',
      'email',
      'letter',
    ])
  })
  test('an unsafe or unusable preference is ignored, never honoured', () => {
    assert.deepEqual(
      channelsInPreferenceOrder({ ...all, ...unasked, safe_to_email: 'N', preferred_contact: 'email' }),
      ['call', 'text', 'letter'],
    )
    assert.deepEqual(
      channelsInPreferenceOrder({ ...none, email: 'a@example.org', ...unasked, preferred_contact: 'phone' }),
      ['email'],
    )
    assert.deepEqual(channelsInPreferenceOrder({ ...all, ...unasked, preferred_contact: null }), [
      'call',
      'text',
      'email',
      'letter',
    ])
  })
})
