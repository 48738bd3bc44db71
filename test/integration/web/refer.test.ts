import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

describe('partner referral journey', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  const step = async (client: BrowserLikeClient, page: string, form: Record<string, string>) => {
    await client.get(`/staff/refer/${page}`)
    return client.post(`/staff/refer/${page}`, form)
  }

  it('a partner refers a victim; it enters intake as a partner referral from their organisation', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'hub_caseworker', 'Safeguarding'))
    assert.equal((await client.get('/staff/refer')).statusCode, 200)
    const answers: [string, Record<string, string>][] = [
      [
        'person',
        {
          victimType: 'direct',
          forename: 'Tomasz',
          surname: 'Wójcik',
          'dob-day': '',
          'dob-month': '',
          'dob-year': '',
        },
      ],
      [
        'contact',
        {
          phoneMobile: '07700 900321',
          safeToCall: 'Y',
          safeToText: 'N',
          safeToLeaveVoicemail: 'N',
          preferredContact: 'phone',
        },
      ],
      [
        'crime',
        {
          crimeCategory: 'robbery',
          toldPolice: 'yes',
          crimeReference: 'CP/555/26',
          'reported-day': '2',
          'reported-month': '11',
          'reported-year': '2026',
        },
      ],
      ['consent', { consent: 'yes', notes: 'Prefers afternoons' }],
    ]
    for (const [page, form] of answers) {
      const response = await step(client, page, form)
      assert.equal(response.statusCode, 302, `${page}: ${response.body.slice(0, 400)}`)
    }
    const check = await client.get('/staff/refer/check-answers')
    assert.match(check.body, /Tomasz Wójcik/)
    assert.match(check.body, /Crime reference: CP\/555\/26/)
    await client.post('/staff/refer/check-answers', {})
    const done = await client.get('/staff/refer/confirmation')
    const reference = /id="reference">(PR-[A-Z0-9]+)</.exec(done.body)?.[1]
    assert.ok(reference)
    const { rows } = await t.db.pool.query(
      `SELECT q.state, q.source, q.raw, o.name AS organisation FROM referral_receipts q
       LEFT JOIN organisations o ON o.id = q.organisation_id WHERE q.referral_id = $1`,
      [reference],
    )
    assert.equal(rows.length, 1)
    assert.equal(rows[0].source, 'partner')
    assert.equal(rows[0].organisation, 'County NHS Trust')
    assert.equal(rows[0].state, 'accepted')
    assert.equal(rows[0].raw.safe_to_text, 'N')
    assert.match(done.body, /will contact the victim/)
  })

  it('errors name the field and nothing is kept', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'police_referrer'))
    const person = await step(client, 'person', {
      forename: 'A',
      'dob-day': '1',
      'dob-month': '1',
      'dob-year': '2999',
    })
    assert.equal(person.statusCode, 400)
    assert.match(person.body, /href="#victimType">Select who the referral is for/)
    assert.match(person.body, /href="#surname">Enter the victim’s last name/)
    assert.match(person.body, /href="#dob-day">Date of birth must be in the past/)
    const contact = await step(client, 'contact', {
      phoneMobile: '07700 900321',
      safeToCall: 'N',
      safeToText: 'N',
    })
    assert.equal(contact.statusCode, 400)
    assert.match(contact.body, /href="#safeToCall">Every contact detail given is marked not safe/)
    const consent = await step(client, 'consent', { consent: 'no' })
    assert.match(consent.body, /href="#consent">You can only refer someone who has agreed/)
    assert.equal((await client.get('/staff/refer/check-answers')).headers.location, '/staff/refer/person')
  })

  it('refuses a form without its CSRF token, and roles that do not refer', async () => {
    const client = new BrowserLikeClient(t.app)
    await client.signIn(await createStaffUser(t.services, 'team_manager'))
    await client.get('/staff/refer/person')
    assert.equal(
      (await client.post('/staff/refer/person', { forename: 'A' }, { csrf: false })).statusCode,
      403,
    )
    const commissioner = new BrowserLikeClient(t.app)
    await commissioner.signIn(await createStaffUser(t.services, 'commissioner'))
    assert.equal((await commissioner.get('/staff/refer')).statusCode, 403)
  })
})
