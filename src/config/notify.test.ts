import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'
import { NOTIFY_PRODUCTION_URL } from './notify.ts'

const SERVICE = '26785a09-ab16-4eb0-8407-a37497a57506'
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0'
const KEY = `victim_hub_live-${SERVICE}-${SECRET}`
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a'

const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(env)
  } catch (error) {
    assert.ok(error instanceof ConfigError)
    return error.message
  }
  assert.fail('the configuration was accepted')
}

describe('Notify configuration', () => {
  it('without a key, nothing is sent: outbox only, with the production address by default', () => {
    const { notify } = loadConfig({})
    assert.equal(notify.apiKey, undefined)
    assert.equal(notify.baseUrl, NOTIFY_PRODUCTION_URL)
    assert.deepEqual(notify.templates, { general: {}, byMessage: {} })
  })

  it('reads a key, an address and the three general templates', () => {
    const { notify } = loadConfig({
      NOTIFY_API_KEY: KEY,
      NOTIFY_BASE_URL: 'https://notify.internal.example/',
      NOTIFY_TEXT_TEMPLATE: TEMPLATE,
      NOTIFY_EMAIL_TEMPLATE: TEMPLATE,
      NOTIFY_LETTER_TEMPLATE: TEMPLATE,
    })
    assert.equal(notify.apiKey, KEY)
    assert.equal(notify.baseUrl, 'https://notify.internal.example')
    assert.deepEqual(notify.templates.general, { text: TEMPLATE, email: TEMPLATE, letter: TEMPLATE })
  })

  it("refuses a key that is not in Notify's shape, and never prints the key", () => {
    for (const bad of [
      SECRET,
      `${SERVICE}-${SECRET}`,
      `name-${SERVICE}-not-a-uuid`,
      `my key-${SERVICE}-${SECRET}`,
    ]) {
      const message = problems({ NOTIFY_API_KEY: bad })
      assert.match(message, /NOTIFY_API_KEY: must be a GOV.UK Notify API key/)
      assert.doesNotMatch(message, new RegExp(SECRET), 'the secret is not in the message')
    }
  })

  it('wants https, or http only to this machine', () => {
    assert.match(
      problems({ NOTIFY_BASE_URL: 'http://notify.example' }),
      /NOTIFY_BASE_URL: must be an https:\/\//,
    )
    assert.match(problems({ NOTIFY_BASE_URL: 'not a url' }), /NOTIFY_BASE_URL: must be an absolute URL/)
    assert.equal(
      loadConfig({ NOTIFY_BASE_URL: 'http://127.0.0.1:4010' }).notify.baseUrl,
      'http://127.0.0.1:4010',
    )
  })

  it('wants template ids to be UUIDs', () => {
    assert.match(
      problems({ NOTIFY_TEXT_TEMPLATE: 'first contact' }),
      /NOTIFY_TEXT_TEMPLATE: must be a Notify template id/,
    )
  })

  it('reads templates for one message type, and names what is wrong with the map', () => {
    const map = { 'closing-no-contact.letter': TEMPLATE, 'closing-no-contact.letter.cy': TEMPLATE }
    assert.deepEqual(loadConfig({ NOTIFY_TEMPLATES: JSON.stringify(map) }).notify.templates.byMessage, map)
    assert.match(problems({ NOTIFY_TEMPLATES: '{not json' }), /NOTIFY_TEMPLATES: must be a JSON object/)
    assert.match(problems({ NOTIFY_TEMPLATES: '["x"]' }), /NOTIFY_TEMPLATES: must be a JSON object/)
    assert.match(
      problems({ NOTIFY_TEMPLATES: JSON.stringify({ 'welcome.text': TEMPLATE }) }),
      /"welcome.text": "welcome" is not a message type/,
    )
    assert.match(
      problems({ NOTIFY_TEMPLATES: JSON.stringify({ 'first-contact.fax': TEMPLATE }) }),
      /"fax" is not a channel/,
    )
    assert.match(
      problems({ NOTIFY_TEMPLATES: JSON.stringify({ 'first-contact.letter': TEMPLATE }) }),
      /the message "first-contact" is not sent by letter/,
    )
    assert.match(
      problems({ NOTIFY_TEMPLATES: JSON.stringify({ 'first-contact.text.fr': TEMPLATE }) }),
      /the language must be en or cy/,
    )
    assert.match(
      problems({ NOTIFY_TEMPLATES: JSON.stringify({ 'first-contact.text': 'abc' }) }),
      /"first-contact.text": must be a Notify template id/,
    )
  })
})
