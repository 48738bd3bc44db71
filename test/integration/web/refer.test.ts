import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
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

  it('before sending, lists the victims the hub already holds who share details, most in common first', async () => {
    await t.services.intake.receive(
      [
        sampleReferral({ referral_id: 'KNOWN-1' }),
        // A namesake born on another day, with other contact details: not a likely match.
        sampleReferral({
          referral_id: 'KNOWN-2',
          crime_reference: 'WK/777/26',
          date_of_birth: '1999-01-01',
          victim_person_ref: 'P-OTHER',
          phone_mobile: '07700 900999',
          phone_other: '',
          email: 'other@example.org',
          postcode: 'B1 1AA',
          address_line1: '1 Other Street',
        }),
      ],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
    )
    const refer = async (client: BrowserLikeClient) => {
      const pages: [string, Record<string, string>][] = [
        [
          'person',
          {
            victimType: 'direct',
            forename: 'Bethan',
            surname: 'Pritchard',
            'dob-day': '21',
            'dob-month': '7',
            'dob-year': '1984',
          },
        ],
        ['contact', { phoneMobile: '07700 900123', safeToCall: 'Y', preferredContact: 'phone' }],
        ['crime', { crimeCategory: 'robbery', toldPolice: 'no' }],
        ['consent', { consent: 'yes' }],
      ]
      for (const [page, form] of pages) assert.equal((await step(client, page, form)).statusCode, 302, page)
      return client.get('/staff/refer/check-answers')
    }
    const caseworker = new BrowserLikeClient(t.app)
    await caseworker.signIn(await createStaffUser(t.services, 'hub_caseworker'))
    const check = await refer(caseworker)
    const section = check.body.slice(
      check.body.indexOf('id="likely-matches"'),
      check.body.indexOf('</table>'),
    )
    assert.match(section, /The hub may already know this person/)
    assert.equal(
      section.match(/<tbody[\s\S]*?<\/tbody>/)?.[0].match(/govuk-table__row/g)?.length,
      1,
      'one likely match',
    )
    assert.match(section, /href="\/staff\/victims\/[0-9a-f-]{36}">Bethan Pritchard<\/a>/)
    assert.match(section, /Name, date of birth, phone number/)
    assert.doesNotMatch(section, /1 January 1999/, 'the namesake born on another day is not listed')
    const searched = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'victims.searched'",
    )
    assert.ok(searched.rows[0].n >= 2, 'each search is audited as any victim search is')

    const police = new BrowserLikeClient(t.app)
    await police.signIn(await createStaffUser(t.services, 'police_referrer'))
    const theirs = await refer(police)
    assert.doesNotMatch(
      theirs.body,
      /likely-matches|may already know/,
      'a police referrer is shown no victim records',
    )
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
