import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

describe('refer yourself, finished', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  async function answer(client: BrowserLikeClient, page: string, form: Record<string, string>) {
    await client.get(`/refer-yourself/${page}`)
    return client.post(`/refer-yourself/${page}`, form)
  }

  it('gives the hub’s phone, email and opening hours on every public page, as an administrator sets them', async () => {
    const client = new BrowserLikeClient(t.app)
    for (const url of ['/', '/find-support', '/refer-yourself', '/privacy']) {
      const page = await client.get(url)
      assert.match(page.body, /Contact the victim hub: <strong>0300 555 0100<\/strong>/, url)
    }
    await assert.rejects(
      t.services.directory.setHubContact(
        { phone: '', email: 'a@b.example', openingHours: '9 to 5' },
        SYSTEM_ACTOR,
      ),
      (e: Error & { field?: string }) => e.field === 'phone',
    )
    await t.services.directory.setHubContact(
      { phone: '01926 000 111', email: 'help@hub.example', openingHours: 'every day 8am to 8pm' },
      SYSTEM_ACTOR,
    )
    const page = await client.get('/')
    assert.match(page.body, /01926 000 111/)
    assert.match(page.body, /Open every day 8am to 8pm/)
    const [event] = await t.services.audit.recent({ action: 'directory.hub_contact_changed', limit: 1 })
    assert.ok(event)
  })

  it('asks about an interpreter, BSL and other needs, and names the missing language', async () => {
    const client = new BrowserLikeClient(t.app)
    const page = await client.get('/refer-yourself/about-you')
    assert.match(page.body, /Do you need any help to talk to us\?/)
    const missing = await client.post('/refer-yourself/about-you', {
      firstName: 'Ana',
      lastName: 'Silva',
      needs: 'interpreter',
      language: '',
    })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Enter the language you would like to speak/)
    assert.match(missing.body, /value="Silva"/)
  })

  it('sends the access needs with the referral, and the confirmation gives the helplines for what happened', async () => {
    const client = new BrowserLikeClient(t.app)
    const about = await answer(client, 'about-you', {
      firstName: 'Ana',
      lastName: 'Silva',
      needs: 'interpreter',
      language: 'Portuguese',
    })
    assert.equal(about.statusCode, 302)
    assert.equal(
      (await answer(client, 'what-happened', { crimeType: 'domestic', description: '' })).statusCode,
      302,
    )
    await answer(client, 'police', { toldPolice: 'no', crimeReference: '' })
    await answer(client, 'contact', {
      phone: '',
      email: 'ana@example.org',
      addressLine1: '',
      town: '',
      postcode: '',
    })
    await answer(client, 'safe-contact', { email: 'yes', preferred: '', safeTimes: '', safeWords: '' })
    await answer(client, 'consent', { consent: 'yes' })
    const check = await client.get('/refer-yourself/check-answers')
    assert.match(check.body, /An interpreter: Portuguese/)
    await client.post('/refer-yourself/check-answers', {})
    const confirmation = await client.get('/refer-yourself/confirmation')
    assert.match(confirmation.body, /Talk to someone now/)
    assert.match(confirmation.body, /National Domestic Abuse Helpline<\/strong>: 0808 2000 247/)
    assert.match(confirmation.body, /Call us on <strong>0300 555 0100|Call us on <strong>01926 000 111/)
    const { rows } = await t.db.pool.query<{ raw: Record<string, string> }>(
      "SELECT raw FROM referral_receipts WHERE source = 'self_referral' AND raw->>'email' = 'ana@example.org'",
    )
    assert.equal(rows[0]?.raw.interpreter_required, 'Y')
    assert.match(rows[0]?.raw.notes ?? '', /Help to talk to us: An interpreter: Portuguese\./)
  })

  it('the quick exit leaves nothing behind: Back shows the form empty', async () => {
    const client = new BrowserLikeClient(t.app)
    await answer(client, 'about-you', { firstName: 'Kamal', lastName: 'Rahman' })
    assert.match((await client.get('/refer-yourself/about-you')).body, /value="Kamal"/)
    const home = await client.get('/')
    assert.match(home.body, /data-module="govuk-exit-this-page"[\s\S]*href="\/exit"/)
    const exit = await client.get('/exit')
    assert.equal(exit.statusCode, 200)
    assert.match(exit.body, /<meta http-equiv="refresh" content="0;url=https:\/\/www.bbc.co.uk\/weather">/)
    assert.match(String(exit.headers['clear-site-data']), /"cookies"/)
    const back = await client.get('/refer-yourself/about-you')
    assert.equal(back.headers['cache-control'], 'no-store')
    assert.doesNotMatch(back.body, /Kamal/)
  })
})
