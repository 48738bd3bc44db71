import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

const receipts = async (t: TestApp) =>
  (
    await t.db.pool.query<{
      referral_id: string
      state: string
      source: string
      raw: Record<string, string>
    }>(
      "SELECT referral_id, state, source, raw FROM referral_receipts WHERE source = 'self_referral' ORDER BY received_at",
    )
  ).rows

/** Answers every page as a person would; `extra` adds fields (the honeypot) to every post. */
async function completeJourney(client: BrowserLikeClient, extra: Record<string, string> = {}) {
  const step = async (page: string, form: Record<string, string>) => {
    await client.get(`/refer-yourself/${page}`)
    const response = await client.post(`/refer-yourself/${page}`, { ...form, ...extra })
    assert.equal(response.statusCode, 302, `${page}: ${response.body.slice(0, 300)}`)
    return response
  }
  await step('about-you', {
    firstName: 'Rhiannon',
    lastName: 'Okafor',
    'dob-day': '4',
    'dob-month': '11',
    'dob-year': '1990',
  })
  await step('what-happened', { crimeType: 'burglary', description: 'They took my laptop' })
  await step('police', { toldPolice: 'yes', crimeReference: 'WK/123/26' })
  await step('contact', { phone: '07700 900123', email: '', addressLine1: '', town: '', postcode: '' })
  await step('safe-contact', {
    call: 'yes',
    text: 'no',
    voicemail: 'no',
    preferred: 'call',
    safeTimes: 'after 6pm',
    safeWords: '',
  })
  const last = await step('consent', { consent: 'yes' })
  assert.equal(last.headers.location, '/refer-yourself/check-answers')
  const check = await client.get('/refer-yourself/check-answers')
  assert.equal(check.statusCode, 200)
  return check
}

describe('public self-referral', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('every page is public, carries the quick exit and works without an account', async () => {
    const client = new BrowserLikeClient(t.app)
    for (const url of ['/refer-yourself', '/refer-yourself/about-you', '/privacy', '/accessibility']) {
      const page = await client.get(url)
      assert.equal(page.statusCode, 200, url)
      assert.match(page.body, /govuk-exit-this-page/, `${url} has the quick exit`)
      assert.doesNotMatch(page.body, /<script[^>]+src="https?:/, `${url} loads no third-party script`)
    }
  })

  it('a person refers themselves; the record enters intake as a self-referral and is accepted', async () => {
    const client = new BrowserLikeClient(t.app)
    const check = await completeJourney(client)
    assert.match(check.body, /Rhiannon Okafor/)
    assert.match(check.body, /Someone broke into my home/)
    assert.match(check.body, /Phone call: Yes/)
    const sent = await client.post('/refer-yourself/check-answers', {})
    assert.equal(sent.headers.location, '/refer-yourself/confirmation')
    const confirmation = await client.get('/refer-yourself/confirmation')
    const reference = /id="reference">(SR-[A-Z0-9]+)</.exec(confirmation.body)?.[1]
    assert.ok(reference, 'the confirmation shows a reference')
    assert.match(confirmation.body, /What happens next/)
    const rows = (await receipts(t)).filter((r) => r.referral_id === reference)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.state, 'accepted')
    assert.equal(rows[0]?.raw.force_code, 'SELF')
    assert.equal(rows[0]?.raw.safe_to_text, 'N')
    assert.equal(rows[0]?.raw.crime_category, 'burglary_residential')
    const again = await client.get('/refer-yourself/check-answers')
    assert.equal(
      again.headers.location,
      '/refer-yourself/about-you',
      'the answers were cleared after sending',
    )
  })

  it('errors name the field, keep what was typed and store nothing', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/refer-yourself/about-you')
    const response = await client.post('/refer-yourself/about-you', {
      firstName: '',
      lastName: 'Okafor',
      'dob-day': '31',
      'dob-month': '2',
      'dob-year': '1990',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: About you/)
    assert.match(response.body, /href="#firstName">Enter your first name/)
    assert.match(response.body, /href="#dob-day">Date of birth must be a real date/)
    assert.match(response.body, /value="Okafor"/)

    await client.get('/refer-yourself/contact')
    const contact = await client.post('/refer-yourself/contact', { phone: '12345', email: 'not-an-email' })
    assert.equal(contact.statusCode, 400)
    assert.match(contact.body, /href="#phone">Enter a UK phone number/)
    assert.match(contact.body, /href="#email">Enter an email address in the correct format/)
  })

  it('will not go on when every way of contact is marked unsafe', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/refer-yourself/contact')
    await client.post('/refer-yourself/contact', { email: 'someone@example.org' })
    await client.get('/refer-yourself/safe-contact')
    const response = await client.post('/refer-yourself/safe-contact', { email: 'no' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#email">We need at least one safe way to reach you/)
  })

  it('skipping ahead sends a person back to the first question not yet answered', async () => {
    const client = new BrowserLikeClient(t.app)
    const response = await client.get('/refer-yourself/check-answers')
    assert.equal(response.headers.location, '/refer-yourself/about-you')
  })

  it('refuses a form without its CSRF token and stores nothing', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/refer-yourself/about-you')
    const response = await client.post(
      '/refer-yourself/about-you',
      { firstName: 'A', lastName: 'B' },
      { csrf: false },
    )
    assert.equal(response.statusCode, 403)
  })

  it('a bot that fills the hidden field sees a normal confirmation, and no record is created', async () => {
    const before = (await receipts(t)).length
    const client = new BrowserLikeClient(t.app)
    await completeJourney(client, { website: 'http://spam.example' })
    await client.post('/refer-yourself/check-answers', { website: 'http://spam.example' })
    const confirmation = await client.get('/refer-yourself/confirmation')
    assert.equal(confirmation.statusCode, 200)
    assert.match(confirmation.body, /id="reference">SR-[A-Z0-9]+</)
    assert.equal((await receipts(t)).length, before, 'nothing entered intake')
  })
})

describe('public self-referral rate limit', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('refuses a flood of sends from one address with 429', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.get('/refer-yourself/about-you')
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await client.post('/refer-yourself/check-answers', {})).statusCode)
    assert.ok(
      statuses.slice(0, 10).every((s) => s === 302),
      statuses.join(','),
    )
    assert.equal(statuses[10], 429)
  })
})
