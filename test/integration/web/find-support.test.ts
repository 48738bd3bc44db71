import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

/** The service names on a results page, in order. */
const serviceNames = (html: string) =>
  [...html.matchAll(/<h2 class="govuk-summary-card__title">([^<]+)<\/h2>/g)].map((m) =>
    m[1]?.replace('&rsquo;', '’'),
  )

describe('find support', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('asks in plain words, in English and Welsh, with the quick exit, nothing cached', async () => {
    const client = new BrowserLikeClient(t.app)
    const en = await client.get('/find-support')
    assert.equal(en.statusCode, 200)
    assert.match(en.body, /<html lang="en-GB"/)
    assert.match(en.body, /What happened\?/)
    assert.match(en.body, /I’d rather not say/)
    assert.match(en.body, /Exit this page/)
    assert.equal(en.headers['cache-control'], 'no-store')
    const cy = await client.get('/find-support?lang=cy')
    assert.match(cy.body, /<html lang="cy"/)
    assert.match(cy.body, /Beth ddigwyddodd\?/)
    assert.match(cy.body, /Gadael y dudalen hon/)
    assert.doesNotMatch(cy.body, /What happened\?/)
  })

  it('names each field to correct, and keeps what was typed', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/find-support')
    const response = await client.post('/find-support', { age: 'forty', place: 'Atlantis', lang: 'en' })
    assert.equal(response.statusCode, 400)
    for (const message of [
      'Select what happened, or ‘I’d rather not say’',
      'Enter your age as a number, like 34',
      'Enter a town or the first part of a postcode in Warwickshire, like CV34, or leave it blank',
      'Select whether you are safe now',
    ]) {
      assert.ok(
        response.body.includes(message.replaceAll('’', '&rsquo;')) || response.body.includes(message),
        message,
      )
    }
    assert.match(response.body, /value="Atlantis"/)
  })

  it('shows 24-hour helplines first to someone not safe, then the services that fit, with reasons', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/find-support')
    const response = await client.post('/find-support', {
      topic: 'domestic_abuse',
      age: '34',
      place: 'Nuneaton',
      safe: 'no',
      lang: 'en',
    })
    assert.equal(response.statusCode, 200)
    const names = serviceNames(response.body)
    assert.deepEqual(names.slice(0, 2), ['National Domestic Abuse Helpline', 'Victim Support Supportline'])
    assert.ok(names.includes('Refuge'))
    assert.match(response.body, /Covers where you live \(CV11\)/)
    assert.match(response.body, /Open 24 hours a day, every day/)
    assert.match(response.body, /Call 0808 2000 247/)
    assert.match(response.body, /href="\/refer-yourself\?service=refuge-da"/)
    // The refuge's address is never on the page.
    assert.doesNotMatch(response.body, /Hawthorn Close|CV11 6ZZ/)
  })

  it('answers in Welsh when asked in Welsh', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/find-support?lang=cy')
    const response = await client.post('/find-support', {
      topic: 'burglary',
      place: 'CV34',
      safe: 'yes',
      lang: 'cy',
    })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Gwasanaethau a all eich helpu/)
    assert.match(response.body, /Yn helpu ar ôl byrgleriaeth/)
    assert.equal(serviceNames(response.body)[0], 'Victim Support burglary support')
  })

  it('hands the chosen service to refer yourself, and the referral carries it into the hub', async () => {
    const client = new BrowserLikeClient(t.app)
    const start = await client.get('/refer-yourself?service=victim-support-burglary')
    assert.match(start.body, /You asked for: Victim Support burglary support/)
    const step = async (page: string, form: Record<string, string>) => {
      await client.get(`/refer-yourself/${page}`)
      const response = await client.post(`/refer-yourself/${page}`, form)
      assert.equal(response.statusCode, 302, `${page}: ${response.body.slice(0, 300)}`)
    }
    await step('about-you', {
      firstName: 'Dewi',
      lastName: 'Prys',
      'dob-day': '',
      'dob-month': '',
      'dob-year': '',
    })
    await step('what-happened', { crimeType: 'burglary', description: '' })
    await step('police', { toldPolice: 'no', crimeReference: '' })
    await step('contact', { phone: '07700 900456', email: '', addressLine1: '', town: '', postcode: '' })
    await step('safe-contact', {
      call: 'yes',
      text: 'yes',
      voicemail: 'no',
      preferred: '',
      safeTimes: '',
      safeWords: '',
    })
    await step('consent', { consent: 'yes' })
    const check = await client.get('/refer-yourself/check-answers')
    assert.match(check.body, /Service you asked for/)
    const sent = await client.post('/refer-yourself/check-answers', {})
    assert.equal(sent.headers.location, '/refer-yourself/confirmation')
    const { rows } = await t.db.pool.query<{ raw: Record<string, string>; state: string }>(
      "SELECT raw, state FROM referral_receipts WHERE source = 'self_referral'",
    )
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.state, 'accepted')
    assert.match(rows[0]?.raw.notes ?? '', /Asked for the service Victim Support burglary support/)
  })

  it('ignores a service that is not one a person can ask for through the hub', async () => {
    const client = new BrowserLikeClient(t.app)
    const start = await client.get('/refer-yourself?service=childline')
    assert.doesNotMatch(start.body, /You asked for/)
  })
})
