import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { RawFeedRecord } from '../../../src/domain/referral-feed/sample.ts'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createApp } from '../../../src/web/app.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { restrictedReferral } from '../../support/referrals.ts'

const SEARCH = '/staff/victims/search'
const CAPSTICK_FORENAMES = ['Ka', 'Lo', 'Mi', 'Ne', 'Ru', 'Si', 'Ta', 'Ve', 'Wy', 'Zo', 'Ha'].flatMap(
  (start) => ['ran', 'bel', 'dor', 'fin', 'gus'].map((end) => `${start}${end}`),
)
const search = (client: BrowserLikeClient, q: string) => client.get(`${SEARCH}?q=${encodeURIComponent(q)}`)

/** The victim page links in the results table, in order. */
const resultLinks = (body: string) =>
  [...body.matchAll(/<a class="govuk-link" href="\/staff\/victims\/([0-9a-f-]{36})">([^<]+)<\/a>/g)].map(
    (m) => ({ id: m[1] as string, name: m[2] as string }),
  )
const detailsOf = (row: { details: unknown } | undefined) => (row?.details ?? {}) as Record<string, unknown>
const resultRowCount = (body: string) =>
  (/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '').split('<tr').length - 1

describe('victim search', () => {
  let t: TestApp
  let manager: BrowserLikeClient
  let managerId: string
  let policeOrganisationId: string
  const ids: Record<string, string> = {}

  const receive = async (records: RawFeedRecord[], organisationId: string | null = null) => {
    const r = await t.services.intake.receive(
      records,
      { kind: 'police_feed', organisationId },
      SYSTEM_ACTOR,
      {
        includeRecords: true,
      },
    )
    for (const outcome of r.records ?? []) assert.equal(outcome.state, 'accepted', JSON.stringify(outcome))
    return r.records ?? []
  }

  before(async () => {
    t = await startTestApp()
    const { rows } = await t.db.pool.query<{ id: string }>(
      "SELECT id FROM organisations WHERE kind = 'police' ORDER BY name LIMIT 1",
    )
    policeOrganisationId = rows[0]?.id as string
    assert.ok(policeOrganisationId, 'the demo county has a police force')

    const [known] = await receive([sampleReferral({ referral_id: 'V-1', crime_reference: 'WK/10' })])
    ids.known = known?.victimId as string
    ids.knownReferral = known?.referralUuid as string
    // The same person without a date of birth or a police person id: a possible match, merged below.
    const [second] = await receive([
      sampleReferral({
        referral_id: 'V-2',
        crime_reference: 'WK/11',
        date_of_birth: '',
        victim_person_ref: '',
        email: '',
        phone_mobile: '07700 900999',
        phone_other: '',
      }),
    ])
    ids.second = second?.victimId as string
    assert.notEqual(ids.second, ids.known, 'the fixture is not linked automatically')
    await t.services.victims.mergeVictims(ids.known, ids.second, SYSTEM_ACTOR)

    // Domestic abuse makes the record restricted; it comes from a police organisation's feed.
    const [restricted] = await receive(
      [restrictedReferral({ referral_id: 'V-3', crime_reference: 'WK/12' })],
      policeOrganisationId,
    )
    ids.restricted = restricted?.victimId as string
    // Neighbours in a name search: a victim of rape (restricted to the sexual violence pathway) and one
    // whose record is not restricted.
    const [sexualViolence, unrestricted] = await receive([
      sampleReferral({
        referral_id: 'V-4',
        crime_reference: 'WK/13',
        crime_category: 'rape',
        forename: 'Gwen',
        surname: 'Marchant',
        date_of_birth: '1991-11-30',
        victim_person_ref: 'P444',
        email: 'gwen@example.org',
        phone_mobile: '07700 900444',
        phone_other: '',
        postcode: 'B90 1AA',
        address_line1: '8 Mill Lane',
      }),
      sampleReferral({
        referral_id: 'V-5',
        crime_reference: 'WK/14',
        forename: 'Tomos',
        surname: 'Marchbank',
        date_of_birth: '1966-04-09',
        victim_person_ref: 'P555',
        email: 'tomos@example.org',
        phone_mobile: '07700 900666',
        phone_other: '',
        postcode: 'CV8 1AB',
        address_line1: '1 Abbey End',
      }),
    ])
    ids.sexualViolence = sexualViolence?.victimId as string
    ids.unrestricted = unrestricted?.victimId as string

    // 55 different people with one surname, for the cap on results: every part of each birth date differs.
    const pad = (n: number) => String(n).padStart(2, '0')
    await receive(
      CAPSTICK_FORENAMES.map((forename, i) =>
        sampleReferral({
          referral_id: `CAP-${i}`,
          crime_reference: `WK/CAP/${i}`,
          forename,
          surname: 'Capstick',
          date_of_birth: `${1940 + i}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
          victim_person_ref: `PCAP${i}`,
          email: '',
          phone_mobile: `07700 900${String(200 + i)}`,
          phone_other: '',
          postcode: '',
          address_line1: `${i + 1} Long Street`,
        }),
      ),
    )
    const { rows: capsticks } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM victims WHERE surname = 'Capstick' AND merged_into IS NULL",
    )
    assert.equal(capsticks[0].n, 55, 'none of them was taken for another')

    const user = await createStaffUser(t.services, 'team_manager')
    managerId = user.id
    manager = new BrowserLikeClient(t.app)
    await manager.signIn(user)
  })
  after(async () => t.close())

  it('opens with an empty search box and no error', async () => {
    const page = await manager.get(SEARCH)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">Find a victim<\/h1>/)
    assert.match(page.body, /<form method="get" action="\/staff\/victims\/search"/)
    assert.doesNotMatch(page.body, /There is a problem|id="results"/)
  })

  it('finds a victim by name: surname prefix, any case, forename and surname in either order', async () => {
    for (const q of [
      'Pritchard',
      'pritch',
      'PRITCHARD',
      'Bethan',
      'Bethan Pritchard',
      'beth pritch',
      'Pritchard, Bethan',
    ]) {
      const page = await search(manager, q)
      assert.equal(page.statusCode, 200, q)
      assert.deepEqual(resultLinks(page.body), [{ id: ids.known, name: 'Bethan Pritchard' }], q)
    }
    assert.match((await search(manager, 'Bethan Pritchard')).body, /Searched by name “Bethan Pritchard”/)
    assert.deepEqual(resultLinks((await search(manager, 'Pritchardson')).body), [])
    assert.deepEqual(resultLinks((await search(manager, 'Delyth Pritchard')).body), [])
    // LIKE's wildcards are matched as the characters typed.
    assert.deepEqual(resultLinks((await search(manager, 'Pr_tchard')).body), [])
    assert.deepEqual(resultLinks((await search(manager, '%chard')).body), [])
  })

  it('shows date of birth, postcode district only, the number of referrals and the latest referral date', async () => {
    const page = await search(manager, 'Pritchard')
    const row = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(page.body)?.[1] ?? ''
    assert.match(row, /21 July 1984/)
    assert.match(row, />CV34</)
    assert.doesNotMatch(row, /4AB|Larkspur|07700|example\.org/, 'no address, phone or email')
    assert.match(row, /govuk-table__cell--numeric">2</, 'both referrals, the merged record’s included')
    assert.match(row, /\d{1,2} [A-Z][a-z]+ 20\d\d/)
  })

  it('finds a victim by date of birth written either way', async () => {
    for (const q of ['21/7/1984', '21/07/1984', '1984-07-21']) {
      const page = await search(manager, q)
      assert.deepEqual(resultLinks(page.body), [{ id: ids.known, name: 'Bethan Pritchard' }], q)
      assert.match(page.body, /Searched by date of birth 21 July 1984/, q)
    }
    const wrong = await search(manager, '31/2/1984')
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /Date of birth must be a real date/)
  })

  it('finds a victim by any phone number as people write it, normalised as intake does', async () => {
    for (const q of [
      '07700 900123',
      '07700900123',
      '+44 7700 900123',
      '+44 (0) 7700 900123',
      '0121 496 0123',
    ]) {
      const page = await search(manager, q)
      assert.deepEqual(resultLinks(page.body), [{ id: ids.known, name: 'Bethan Pritchard' }], q)
    }
    assert.match((await search(manager, '07700 900123')).body, /Searched by phone number 07700 900123/)
  })

  it('finds a victim by email address in any case', async () => {
    const page = await search(manager, 'Bethan.Pritchard@EXAMPLE.org')
    assert.deepEqual(resultLinks(page.body), [{ id: ids.known, name: 'Bethan Pritchard' }])
    const bad = await search(manager, 'bethan@')
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter an email address in the correct format/)
  })

  it('finds a victim by crime reference or referral ID, from any sender, in any case', async () => {
    for (const q of ['WK/10', 'wk/10', 'V-1', 'v-1']) {
      assert.deepEqual(
        resultLinks((await search(manager, q)).body),
        [{ id: ids.known, name: 'Bethan Pritchard' }],
        q,
      )
    }
    const fromOrganisation = await search(manager, 'V-3')
    assert.deepEqual(resultLinks(fromOrganisation.body), [{ id: ids.restricted, name: 'Delyth Marchetti' }])
    assert.deepEqual(resultLinks((await search(manager, 'WK/99')).body), [])
    assert.match((await search(manager, 'WK/99')).body, /No victims match/)
  })

  it('finds a victim by its own id or the id of one of its referrals', async () => {
    for (const q of [ids.known, ids.knownReferral]) {
      assert.deepEqual(resultLinks((await search(manager, q as string)).body), [
        { id: ids.known, name: 'Bethan Pritchard' },
      ])
    }
  })

  it('a merged record is found as the victim it was merged into, once', async () => {
    // Details only the merged record had: its mobile, its crime reference and referral ID, and its id.
    for (const q of ['07700 900999', 'WK/11', 'V-2', ids.second as string]) {
      const page = await search(manager, q)
      assert.deepEqual(resultLinks(page.body), [{ id: ids.known, name: 'Bethan Pritchard' }], q)
    }
    assert.equal(resultRowCount((await search(manager, 'Pritchard')).body), 1, 'both records match the name')
  })

  it('lists at most 50 and asks to narrow the search when there are more', async () => {
    const page = await search(manager, 'Capstick')
    assert.equal(resultRowCount(page.body), 50)
    assert.match(page.body, /50 victims shown/)
    assert.match(page.body, /More than 50 victims match/)
    const narrower = await search(manager, 'Karan Capstick')
    assert.equal(resultRowCount(narrower.body), 1)
    assert.doesNotMatch(narrower.body, /More than 50/)
    assert.match((await search(manager, 'Pritchard')).body, /1 victim</)
  })

  it('an empty or too short search shows an error summary naming the field', async () => {
    const empty = await search(manager, '   ')
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /<title>Error: Find a victim/)
    assert.match(empty.body, /There is a problem/)
    assert.match(
      empty.body,
      /<a href="#q">Enter a name, date of birth, phone number, email address, crime reference or referral ID<\/a>/,
    )
    assert.match(empty.body, /id="q-error"/)
    const short = await search(manager, 'P')
    assert.equal(short.statusCode, 400)
    assert.match(short.body, /<a href="#q">Search must be 2 characters or more<\/a>/)
    assert.match(short.body, /value="P"/, 'what was typed is kept')
  })

  it('a restricted victim is shown to the first contact team, marked, and the listing is audited', async () => {
    const page = await search(manager, 'Marchetti')
    assert.deepEqual(resultLinks(page.body), [{ id: ids.restricted, name: 'Delyth Marchetti' }])
    assert.match(page.body, /Restricted/)
    const listed = await t.services.audit.recent({ recordId: ids.restricted, action: 'record.listed' })
    const mine = listed.find((a) => a.actorUserId === managerId)
    assert.deepEqual(detailsOf(mine).shown, true)
  })

  for (const [label, role, team] of [
    ['a data quality officer', 'data_quality_officer', undefined],
    ['a specialist team on another pathway', 'team_manager', 'ISVA team'],
  ] as const) {
    it(`${label} sees only that a restricted record exists, and the listing is audited`, async () => {
      const user = await createStaffUser(t.services, role, team)
      const client = new BrowserLikeClient(t.app)
      await client.signIn(user)
      for (const q of [
        'Marchetti',
        'Delyth',
        '2/2/1979',
        '07700 900555',
        'delyth@example.org',
        'WK/12',
        ids.restricted as string,
      ]) {
        const page = await search(client, q)
        assert.equal(page.statusCode, 200, q)
        assert.match(page.body, /Restricted record — ask the team working it/, q)
        assert.deepEqual(resultLinks(page.body), [], q)
        const results = page.body.slice(page.body.indexOf('id="results"'))
        assert.doesNotMatch(results.replace(/Searched by [^<]*/, ''), /Delyth|Marchetti|1979|CV32/, q)
        if (q !== ids.restricted) assert.ok(!page.body.includes(ids.restricted as string), q)
      }
      const listed = await t.services.audit.recent({ recordId: ids.restricted, action: 'record.listed' })
      const theirs = listed.filter((a) => a.actorUserId === user.id)
      assert.equal(theirs.length, 7)
      assert.ok(theirs.every((a) => detailsOf(a).shown === false))
    })
  }

  it('beside others, a withheld record comes last and a specialist team sees its own pathway', async () => {
    const rowsOf = async (client: BrowserLikeClient) => {
      const page = await search(client, 'March')
      const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(page.body)?.[1] ?? ''
      return body
        .split('<tr')
        .slice(1)
        .map((row) => resultLinks(row)[0]?.name ?? (/Restricted record — ask/.test(row) ? 'withheld' : '?'))
    }
    assert.deepEqual(await rowsOf(manager), ['Gwen Marchant', 'Tomos Marchbank', 'Delyth Marchetti'])
    const isva = new BrowserLikeClient(t.app)
    await isva.signIn(await createStaffUser(t.services, 'team_manager', 'ISVA team'))
    assert.deepEqual(await rowsOf(isva), ['Gwen Marchant', 'Tomos Marchbank', 'withheld'])
    const officer = new BrowserLikeClient(t.app)
    await officer.signIn(await createStaffUser(t.services, 'data_quality_officer'))
    assert.deepEqual(await rowsOf(officer), ['Tomos Marchbank', 'withheld', 'withheld'])
  })

  it('every search is audited by kind, without the name, date, phone or email typed', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app)
    await client.signIn(user)
    await search(client, 'Bethan Pritchard')
    await search(client, '21/7/1984')
    await search(client, '07700 900123')
    await search(client, 'bethan.pritchard@example.org')
    await search(client, 'WK/10')
    await search(client, '')
    const rows = (await t.services.audit.recent({ action: 'victims.searched' }))
      .filter((a) => a.actorUserId === user.id)
      .reverse()
    assert.deepEqual(
      rows.map((a) => detailsOf(a).kind),
      ['name', 'date_of_birth', 'phone', 'email', 'reference'],
      'a search refused for its input searched nothing',
    )
    for (const row of rows.slice(0, 4)) {
      assert.doesNotMatch(JSON.stringify(row.details), /bethan|pritchard|1984|07700|7700900123/i)
      assert.deepEqual(detailsOf(row).victims, [ids.known])
      assert.equal(row.recordType, 'victim_search')
    }
    assert.equal(detailsOf(rows[4]).searched, 'WK/10')
  })

  it('a search read as a reference keeps a postcode, phone number or name it holds masked in the audit log', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app)
    await client.signIn(user)
    for (const q of ['CV37 6QW', 'Pritchard CV37 6QW', 'ring 07700 900123', 'WK/10 21/7/1984'])
      assert.equal((await search(client, q)).statusCode, 200)
    const rows = (await t.services.audit.recent({ action: 'victims.searched' }))
      .filter((a) => a.actorUserId === user.id)
      .reverse()
    assert.deepEqual(
      rows.map((a) => detailsOf(a).kind),
      ['reference', 'reference', 'reference', 'reference'],
    )
    assert.deepEqual(
      rows.map((a) => detailsOf(a).searched),
      ['[postcode CV37]', '[name] [postcode CV37]', '[name] [phone]', 'WK/10 [date]'],
    )
    for (const row of rows)
      assert.doesNotMatch(JSON.stringify(row.details), /6QW|pritchard|07700|900123|1984/i)
  })

  it('keeps what was typed out of request logs, denied-access audit rows and sign-in return addresses', async () => {
    const lines: string[] = []
    const logged = await createApp(t.services, {
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    })
    await logged.ready()
    try {
      const anonymous = await logged.inject({ method: 'GET', url: `${SEARCH}?q=Marchetti` })
      assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(SEARCH)}`)
      const police = await createStaffUser(t.services, 'police_referrer')
      const client = new BrowserLikeClient(logged)
      await client.signIn(police)
      assert.equal((await search(client, 'Marchetti')).statusCode, 403)
      const denied = await t.services.audit.recent({ action: 'access.denied', recordId: `GET ${SEARCH}` })
      const row = denied.find((a) => a.actorUserId === police.id)
      assert.equal(detailsOf(row).url, SEARCH)

      const manager = await createStaffUser(t.services, 'team_manager')
      const allowed = new BrowserLikeClient(logged)
      await allowed.signIn(manager)
      assert.equal((await search(allowed, 'Marchetti')).statusCode, 200)
      const searches = lines.filter((l) => l.includes(SEARCH))
      assert.ok(searches.length >= 3, 'the searches were logged')
      assert.ok(
        lines.every((l) => !/Marchetti/.test(l)),
        'no log line holds the search text',
      )
    } finally {
      await logged.close()
    }
  })
})
