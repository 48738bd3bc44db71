// The crawler: signs in as each role over a hub holding representative records (police referrals of
// every kind, a restricted one, a quarantined one, a stand-in crime reference), follows every link on
// every page it reaches, one page per distinct address pattern, and holds each page to what a person
// is offered: no link answers 404, 403 or 500, nothing says "Not available yet", no form is in the
// error state before it is sent, and no internal id or code is shown.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { ROLES, type Role } from '../../../src/domain/staff/roles.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { allows } from '../../../src/web/access.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { INTERNAL_CODES, pageText } from '../../support/page-text.ts'
import { receiveGeneratedReferrals, restrictedReferral } from '../../support/referrals.ts'

/** Enough for every page of every role, and a bound for a small machine. */
const MAX_PAGES_PER_ROLE = 60

/**
 * The route an address is served by, with the names of its query parameters:
 * `/staff/assessment/3f…/needs?page=2` → `/staff/assessment/:referralId/needs?page`. One visit per pattern.
 */
export function addressPattern(url: string, routes: readonly string[]): string {
  const [path = '', query = ''] = url.split('?')
  const matches = (route: string) => new RegExp(`^${route.replaceAll(/:[A-Za-z]+/g, '[^/]+')}$`).test(path)
  // A fixed address (`/staff/victims/search`) wins over a pattern that also matches it (`/staff/victims/:id`).
  const route = routes.find((r) => r === path) ?? routes.find((r) => r.includes(':') && matches(r)) ?? path
  const keys = [...new Set(new URLSearchParams(query).keys())].sort().join('&')
  return keys ? `${route}?${keys}` : route
}

/**
 * Pages that show codes on purpose, because the code is what the person types or searches: the audit
 * log (action names such as `sign_in.failed` are its search terms) and a quarantined record's
 * correction form (the police feed's own field names and code lists, which the corrected value must use).
 */
const CODES_SHOWN_ON_PURPOSE = ['/staff/audit', '/staff/data-quality/records/:id']

/** Test accounts are named "Test <role>": their names are not codes the page shows. */
const withoutTestNames = (text: string) => text.replaceAll(/Test [a-z_]+/g, 'Test person')

const linksOn = (html: string): string[] =>
  [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)]
    .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'))
    .map((href) => href.split('#')[0] ?? '')
    .filter((href) => href !== '' && !href.startsWith('/assets/'))

type Visit = { url: string; from: string; status: number; problems: string[] }

/**
 * Pages reached by sending a search or filter form (the crawler follows links, not forms), visited by
 * the roles whose routes let them in.
 */
const FORM_RESULTS = [
  '/staff/victims/search?q=Pritchard',
  '/staff/victims/search?q=07700%20900777',
  '/staff/queue?pathway=general_support&unallocated=yes',
]

async function crawl(
  client: BrowserLikeClient,
  routes: readonly string[],
  starts: readonly string[],
): Promise<Visit[]> {
  const seen = new Set<string>()
  const queue: { url: string; from: string }[] = [
    { url: '/staff', from: 'sign-in' },
    ...starts.map((url) => ({ url, from: 'a form' })),
  ]
  const visits: Visit[] = []
  while (queue.length > 0 && visits.length < MAX_PAGES_PER_ROLE) {
    const next = queue.shift() as { url: string; from: string }
    const pattern = addressPattern(next.url, routes)
    if (seen.has(pattern)) continue
    seen.add(pattern)
    const answer = await client.get(next.url)
    const problems: string[] = []
    const html = String(answer.headers['content-type'] ?? '').includes('text/html')
    if (answer.statusCode >= 400) problems.push(`answers ${answer.statusCode}`)
    if (html && answer.statusCode < 300) {
      const text = withoutTestNames(pageText(answer.body))
      if (/Not available yet/i.test(text)) problems.push('offers something that is not available yet')
      if (/govuk-form-group--error|govuk-error-summary/.test(answer.body))
        problems.push('shows errors before anything was sent')
      for (const code of CODES_SHOWN_ON_PURPOSE.includes(pattern.split('?')[0] ?? '') ? [] : INTERNAL_CODES) {
        const found = code.exec(text)
        if (found) problems.push(`shows the code "${found[0]}"`)
      }
      for (const link of linksOn(answer.body)) queue.push({ url: link, from: next.url })
    }
    visits.push({ url: next.url, from: next.from, status: answer.statusCode, problems })
  }
  return visits
}

describe('every link on every page, for every role', () => {
  let t: TestApp

  before(async () => {
    t = await startTestApp()
    await receiveGeneratedReferrals(t.services, { seed: 13, count: 40, days: 20 })
    await t.services.intake.receive(
      [
        restrictedReferral({ referral_id: 'CRAWL-DA' }),
        sampleReferral({
          referral_id: 'CRAWL-SV',
          crime_reference: 'WK/555/26',
          crime_category: 'sexual_offences',
          forename: 'Morwenna',
          surname: 'Quist',
          date_of_birth: '1990-05-05',
          victim_person_ref: 'P777',
          email: 'morwenna@example.org',
          phone_mobile: '07700 900777',
          phone_other: '',
          consent_to_refer: 'Y',
        }),
        sampleReferral({
          referral_id: 'CRAWL-SR',
          crime_reference: 'NONE-SR-ABCD2345',
          forename: 'Tamsin',
          surname: 'Ellery',
          date_of_birth: '1970-01-01',
          victim_person_ref: 'P778',
          email: 'tamsin@example.org',
          phone_mobile: '07700 900778',
          phone_other: '',
        }),
        sampleReferral({ referral_id: 'CRAWL-BAD', crime_category: 'not_a_category' }),
      ],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
    )
    await t.services.triage.triagePending()
  })
  after(async () => t.close())

  const routes = () => t.app.routeAccessTable.filter((r) => r.method === 'GET').map((r) => r.url)

  it('reads addresses as one pattern per page', () => {
    assert.equal(
      addressPattern('/staff/assessment/3f1d2c4b-1111-4aaa-8bbb-123456789abc/needs', routes()),
      '/staff/assessment/:referralId/needs',
    )
    assert.equal(
      addressPattern('/staff/queue?pathway=burglary&page=2', routes()),
      '/staff/queue?page&pathway',
    )
    assert.equal(
      addressPattern('/staff/routing/rules/choice-fraud', routes()),
      '/staff/routing/rules/:ruleId',
    )
    assert.equal(addressPattern('/staff/victims/search', routes()), '/staff/victims/search')
  })

  for (const role of ROLES as readonly Role[]) {
    it(`${role}: no link answers 404, 403 or 500, and no page offers what does not exist`, async () => {
      const client = new BrowserLikeClient(t.app)
      await client.signIn(await createStaffUser(t.services, role))
      const table = t.app.routeAccessTable.filter((r) => r.method === 'GET')
      const starts = FORM_RESULTS.filter((url) => {
        const route = table.find((r) => r.url === url.split('?')[0])
        return route !== undefined && allows(route.access, role)
      })
      const visits = await crawl(client, routes(), starts)
      assert.equal(visits[0]?.status, 200, 'the home page opens')
      const broken = visits
        .filter((v) => v.problems.length > 0)
        .map((v) => `${v.url} (linked from ${v.from}): ${v.problems.join('; ')}`)
      assert.deepEqual(broken, [], `${role} visited ${visits.length} pages`)
      if (process.env.CRAWL_LOG) console.log(role, visits.map((v) => `${v.status} ${v.url}`).join('\n  '))
    })
  }
})
