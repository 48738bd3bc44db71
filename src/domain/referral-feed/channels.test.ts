import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { all, none, unasked } from '../../../test/support/contact-details.ts'
import { assessChannels, channelsInPreferenceOrder } from './channels.ts'

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
