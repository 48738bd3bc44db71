import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { type RawFeedRecord, sampleReferral } from '../../../src/domain/referral-feed/sample.ts'
import { ROLES, type Role } from '../../../src/domain/staff/roles.ts'
import {
  type AccessViewer,
  type PersonalRecordKind,
  receivedRecordSensitivity,
  type Sensitivity,
  type Sight,
  sensitivityOf,
  sight,
} from '../../../src/domain/victims/access-policy.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { enqueueMessage } from '../../../src/services/messaging/outbox.ts'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

// The access matrix (docs/adr/0027-the-access-matrix.md), generated from the route table: every route ×
// every role × every team × every record sensitivity, each answer expected from the one access policy.
// A route the table gains without an entry below fails the first test.

/** What a route shows or changes, which decides the dimensions it is tried in. */
type Entry =
  /** Public, API and sign-in routes: no staff role is involved (access-matrix.test.ts tries them). */
  | { about: 'outside staff' }
  /** Signs the session out: access-matrix.test.ts tries it for every role. */
  | { about: 'signs out' }
  /** No victim's personal record (accounts, routing, audit, reports of counts, the referral forms). */
  | { about: 'nothing personal' }
  /** One record, its ids in the path; `absent` is the answer when the policy says none. */
  | { about: PersonalRecordKind; absent?: number; showsName?: boolean }
  /** A list of records: each record's name is on it exactly when the policy shows it in full. */
  | {
      about: 'list'
      of: 'referral' | 'quarantined_record' | 'case' | 'message'
      /** Asked with this query (a list that shows every record only when asked). */
      query?: string
      /** The list shows only some of the records the viewer may see (their own): names are only checked withheld. */
      onlyWithheld?: true
    }
  /** The victim search, for each record's surname: listed by name only when shown in full. */
  | { about: 'victim search' }
  /** A possible-match task: none exists here; both sides are checked as victims by the service. */
  | { about: 'possible match' }
  /** A case offered to one worker: none exists here; only the worker offered it may answer. */
  | { about: 'case transfer' }

const ENTRIES: Record<string, Entry> = {
  'GET /assets/application.css': { about: 'outside staff' },
  'GET /assets/init.js': { about: 'outside staff' },
  'GET /assets/favicon.svg': { about: 'outside staff' },
  'GET /assets/govuk/*': { about: 'outside staff' },
  'GET /health/live': { about: 'outside staff' },
  'GET /health/ready': { about: 'outside staff' },
  'POST /api/v1/referrals': { about: 'outside staff' },
  'POST /api/v1/referrals/batch': { about: 'outside staff' },
  'POST /api/v1/case-events': { about: 'outside staff' },
  'GET /api/v1/openapi.json': { about: 'outside staff' },
  'GET /': { about: 'outside staff' },
  // The public directory and find support: no victim's record (web/oruk-api and find-support tests).
  'GET /api/oruk/': { about: 'outside staff' },
  'GET /api/oruk/services': { about: 'outside staff' },
  'GET /api/oruk/services/:id': { about: 'outside staff' },
  'GET /api/oruk/service_at_locations': { about: 'outside staff' },
  'GET /api/oruk/service_at_locations/:id': { about: 'outside staff' },
  'GET /api/oruk/taxonomies': { about: 'outside staff' },
  'GET /api/oruk/taxonomies/:id': { about: 'outside staff' },
  'GET /api/oruk/taxonomy_terms': { about: 'outside staff' },
  'GET /api/oruk/taxonomy_terms/:id': { about: 'outside staff' },
  'GET /find-support': { about: 'outside staff' },
  'POST /find-support': { about: 'outside staff' },
  'GET /exit': { about: 'outside staff' },
  'GET /privacy': { about: 'outside staff' },
  'GET /accessibility': { about: 'outside staff' },
  'GET /refer-yourself': { about: 'outside staff' },
  'GET /refer-yourself/about-you': { about: 'outside staff' },
  'POST /refer-yourself/about-you': { about: 'outside staff' },
  'GET /refer-yourself/what-happened': { about: 'outside staff' },
  'POST /refer-yourself/what-happened': { about: 'outside staff' },
  'GET /refer-yourself/police': { about: 'outside staff' },
  'POST /refer-yourself/police': { about: 'outside staff' },
  'GET /refer-yourself/contact': { about: 'outside staff' },
  'POST /refer-yourself/contact': { about: 'outside staff' },
  'GET /refer-yourself/safe-contact': { about: 'outside staff' },
  'POST /refer-yourself/safe-contact': { about: 'outside staff' },
  'GET /refer-yourself/consent': { about: 'outside staff' },
  'POST /refer-yourself/consent': { about: 'outside staff' },
  'GET /refer-yourself/check-answers': { about: 'outside staff' },
  'POST /refer-yourself/check-answers': { about: 'outside staff' },
  'GET /refer-yourself/confirmation': { about: 'outside staff' },
  'GET /sign-in': { about: 'outside staff' },
  'POST /sign-in': { about: 'outside staff' },
  'GET /sign-in/two-factor': { about: 'outside staff' },
  'POST /sign-in/two-factor': { about: 'outside staff' },
  'GET /sign-in/two-factor/set-up': { about: 'outside staff' },
  'POST /sign-in/two-factor/set-up': { about: 'outside staff' },
  'GET /sign-in/sso/:slug': { about: 'outside staff' },
  'GET /sign-in/sso/:slug/callback': { about: 'outside staff' },
  'POST /sign-out': { about: 'signs out' },
  'GET /staff': { about: 'nothing personal' },
  'GET /staff/organisations': { about: 'nothing personal' },
  'GET /staff/organisations/new': { about: 'nothing personal' },
  'POST /staff/organisations/new': { about: 'nothing personal' },
  'GET /staff/users': { about: 'nothing personal' },
  'GET /staff/users/new': { about: 'nothing personal' },
  'POST /staff/users/new': { about: 'nothing personal' },
  'GET /staff/users/:id': { about: 'nothing personal' },
  'POST /staff/users/:id/role': { about: 'nothing personal' },
  'POST /staff/users/:id/status': { about: 'nothing personal' },
  'GET /staff/audit': { about: 'nothing personal' },
  'POST /staff/audit/verify': { about: 'nothing personal' },
  'GET /staff/needs-assessment': { about: 'nothing personal' },
  'GET /staff/needs-assessment.csv': { about: 'nothing personal' },
  'GET /staff/needs-assessment.json': { about: 'nothing personal' },
  'GET /staff/data-quality': { about: 'list', of: 'quarantined_record' },
  'GET /staff/data-quality/records/:id': { about: 'quarantined_record', showsName: true },
  'POST /staff/data-quality/records/:id/release': { about: 'quarantined_record' },
  'POST /staff/data-quality/records/:id/reject': { about: 'quarantined_record' },
  'GET /staff/data-quality/report': { about: 'nothing personal' },
  'GET /staff/data-quality/report.csv': { about: 'nothing personal' },
  'GET /staff/refer': { about: 'nothing personal' },
  'GET /staff/refer/person': { about: 'nothing personal' },
  'POST /staff/refer/person': { about: 'nothing personal' },
  'GET /staff/refer/contact': { about: 'nothing personal' },
  'POST /staff/refer/contact': { about: 'nothing personal' },
  'GET /staff/refer/crime': { about: 'nothing personal' },
  'POST /staff/refer/crime': { about: 'nothing personal' },
  'GET /staff/refer/consent': { about: 'nothing personal' },
  'POST /staff/refer/consent': { about: 'nothing personal' },
  'GET /staff/refer/check-answers': { about: 'nothing personal' },
  'POST /staff/refer/check-answers': { about: 'nothing personal' },
  'GET /staff/refer/confirmation': { about: 'nothing personal' },
  'GET /staff/victims': { about: 'nothing personal' },
  'GET /staff/victims/search': { about: 'victim search' },
  // The victim page says a restricted record exists (so nobody makes a second one) and nothing else.
  'GET /staff/victims/:id': { about: 'victim', absent: 403, showsName: true },
  'GET /staff/victims/:id/seen-by': { about: 'victim', showsName: true },
  'POST /staff/victims/:id/restriction': { about: 'victim' },
  // Unmerging a victim who was never merged is refused with a message, seen or not.
  'POST /staff/victims/:id/unmerge': { about: 'victim', absent: 302 },
  'POST /staff/victims/reviews/:reviewId/merge': { about: 'possible match' },
  'POST /staff/victims/reviews/:reviewId/keep-separate': { about: 'possible match' },
  'GET /staff/routing': { about: 'nothing personal' },
  'GET /staff/routing/versions/:version': { about: 'nothing personal' },
  'GET /staff/routing/rules/:ruleId': { about: 'nothing personal' },
  'POST /staff/routing/rules/:ruleId': { about: 'nothing personal' },
  'GET /staff/routing/providers/:providerId': { about: 'nothing personal' },
  'POST /staff/routing/providers/:providerId': { about: 'nothing personal' },
  'GET /staff/queue': { about: 'list', of: 'referral' },
  'GET /staff/queue/caseloads': { about: 'nothing personal' },
  'GET /staff/queue/:referralId/allocate': { about: 'referral', showsName: true },
  'POST /staff/queue/:referralId/allocate': { about: 'referral' },
  'GET /staff/assessment/:referralId': { about: 'triage', showsName: true },
  'POST /staff/assessment/:referralId/thrive': { about: 'triage' },
  'POST /staff/assessment/:referralId/choice': { about: 'triage' },
  'GET /staff/assessment/:referralId/needs': { about: 'assessment', showsName: true },
  'POST /staff/assessment/:referralId/needs': { about: 'assessment' },
  'GET /staff/assessment/:referralId/risk-checklist': { about: 'assessment', showsName: true },
  'POST /staff/assessment/:referralId/risk-checklist': { about: 'assessment' },
  'POST /staff/assessment/:referralId/tasks/:taskId/done': { about: 'task' },
  // Cases (docs/adr/0033): a case, its contact attempts and its messages are the victim's records.
  'GET /staff/cases': { about: 'list', of: 'case', query: '?show=all' },
  'GET /staff/cases/tasks': { about: 'list', of: 'case', query: '?show=all', onlyWithheld: true },
  'GET /staff/cases/:id': { about: 'case', showsName: true },
  'POST /staff/cases/:id/state': { about: 'case' },
  'POST /staff/cases/:id/close': { about: 'case' },
  'POST /staff/cases/:id/reopen': { about: 'case' },
  'POST /staff/cases/:id/attempts': { about: 'contact_attempt' },
  'POST /staff/cases/:id/transfer': { about: 'case' },
  'POST /staff/cases/transfers/:transferId/accept': { about: 'case transfer' },
  'POST /staff/cases/transfers/:transferId/decline': { about: 'case transfer' },
  'GET /staff/cases/:id/contact': { about: 'case', showsName: true },
  'POST /staff/cases/:id/contact': { about: 'case' },
  'POST /staff/cases/:id/take': { about: 'case' },
  'POST /staff/cases/take-referral/:referralId': { about: 'referral' },
  // The outbox (docs/adr/0035): each message's victim is named only to those who may see the victim.
  'GET /staff/outbox': { about: 'list', of: 'message' },
}

const TEAMS: { name: string; pathway: string | null }[] = [
  { name: 'First contact', pathway: 'general_support' },
  { name: 'ISVA team', pathway: 'sexual_violence' },
  { name: 'CSE team', pathway: 'child_sexual_exploitation' },
  { name: 'IDVA team', pathway: 'domestic_abuse' },
  { name: 'Hate crime caseworkers', pathway: 'hate_crime' },
  { name: '', pathway: null },
]

type Fixture = {
  label: string
  surname: string
  heldSurname: string | null
  fields: RawFeedRecord
  byHand?: boolean
}

const FIXTURES: Fixture[] = [
  {
    label: 'unrestricted',
    surname: 'Ashdown',
    heldSurname: 'Hollis',
    fields: { crime_category: 'burglary_residential' },
  },
  {
    label: 'domestic abuse',
    surname: 'Bellweather',
    heldSurname: 'Ingram',
    fields: { crime_category: 'violence_with_injury', domestic_abuse: 'Y' },
  },
  { label: 'sexual violence', surname: 'Carrow', heldSurname: 'Jessop', fields: { crime_category: 'rape' } },
  {
    label: 'child exploitation',
    surname: 'Dunmore',
    heldSurname: 'Kettering',
    fields: { crime_category: 'violence_without_injury', cse: 'Y' },
  },
  // A quarantined record has no victim yet, so nothing can be restricted on it by hand.
  {
    label: 'restricted by hand',
    surname: 'Elsworth',
    heldSurname: null,
    fields: { crime_category: 'burglary_residential' },
    byHand: true,
  },
]

type Seeded = Fixture & {
  sensitivity: Sensitivity
  heldSensitivity: Sensitivity | null
  victimId: string
  referralId: string
  routedPathway: string | null
  taskId: string
  caseId: string
  receiptId: string | null
  crimeReference: string
}

type Person = { role: Role; team: string; viewer: AccessViewer; client: BrowserLikeClient }

const FAKE_ID = '00000000-0000-4000-8000-000000000000'
/** People tried at once: enough to keep two cores busy while the database answers. */
const PARALLEL = 6

describe('the access matrix: route × role × team × record sensitivity', () => {
  let t: TestApp
  const seeded: Seeded[] = []
  const people: Person[] = []
  let cases = 0
  let requests = 0
  let leadId = ''

  before(async () => {
    t = await startTestApp()
    const records: RawFeedRecord[] = []
    FIXTURES.forEach((f, i) => {
      const person = {
        forename: 'Matrix',
        surname: f.surname,
        date_of_birth: `19${70 + i}-0${i + 1}-1${i}`,
        victim_person_ref: `MX-${i}`,
        email: `${f.surname.toLowerCase()}@example.org`,
        phone_mobile: `07700 9004${i}${i}`,
        phone_other: '',
        postcode: `CV3${i} ${i}AB`,
        address_line1: `${i + 1} Matrix Road`,
        ...f.fields,
      }
      records.push(sampleReferral({ ...person, referral_id: `MX-${i}`, crime_reference: `MX/${i}/26` }))
      if (f.heldSurname)
        records.push(
          sampleReferral({
            ...person,
            surname: f.heldSurname,
            email: `${f.heldSurname.toLowerCase()}@example.org`,
            victim_person_ref: `MXH-${i}`,
            referral_id: `MXH-${i}`,
            crime_reference: `MXH/${i}/26`,
            reported_at: 'not a date',
          }),
        )
    })
    const received = await t.services.intake.receive(
      records,
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    const outcome = (referralId: string) => received.records?.find((r) => r.referralId === referralId)
    await t.services.triage.triagePending()
    // Each fixture's case is opened as allocation opens it, by the first-contact team, with a message.
    const lead = await createStaffUser(t.services, 'hub_caseworker', 'First contact')
    leadId = lead.id
    const firstContact = { id: lead.id, role: 'team_manager' as const, teamPathway: 'general_support' }
    for (const [i, f] of FIXTURES.entries()) {
      const accepted = outcome(`MX-${i}`)
      assert.equal(accepted?.state, 'accepted', `${f.label}: ${JSON.stringify(accepted)}`)
      const referralId = accepted?.referralUuid as string
      const victimId = accepted?.victimId as string
      if (f.byHand)
        await t.db.pool.query('UPDATE victims SET restricted_by_hand = true WHERE id = $1', [victimId])
      const held = f.heldSurname ? outcome(`MXH-${i}`) : undefined
      if (f.heldSurname) assert.equal(held?.state, 'quarantined', `${f.label} held: ${JSON.stringify(held)}`)
      const triage = await t.db.pool.query('SELECT pathway_id FROM triage WHERE referral_id = $1', [
        referralId,
      ])
      const task = await t.db.pool.query(
        `INSERT INTO triage_tasks (referral_id, kind, details, created_by_label)
         VALUES ($1, 'marac_referral', '{"criteria": ["visible high risk"], "yesCount": 14, "level": "high"}', 'matrix')
         RETURNING id`,
        [referralId],
      )
      const allocated = await t.services.triage.allocate(firstContact, referralId, lead.id, SYSTEM_ACTOR)
      assert.ok(allocated.ok && allocated.caseId, `${f.label}: no case opened`)
      const caseId = allocated.caseId
      await enqueueMessage(t.db.pool, {
        victimId,
        caseId,
        attemptId: null,
        messageType: 'first-contact',
        channel: 'text',
        language: 'en',
        placeholders: {},
      })
      const raw = sampleReferral({ ...f.fields })
      seeded.push({
        ...f,
        sensitivity: sensitivityOf({
          categories: [String(f.fields.crime_category)],
          cse: f.fields.cse === 'Y',
          domesticAbuse: f.fields.domestic_abuse === 'Y',
          restrictedByHand: f.byHand ?? false,
        }),
        heldSensitivity: f.heldSurname ? receivedRecordSensitivity(raw) : null,
        victimId,
        referralId,
        routedPathway: triage.rows[0]?.pathway_id ?? null,
        taskId: task.rows[0].id,
        caseId,
        receiptId: held?.receiptId ?? null,
        crimeReference: `MX/${i}/26`,
      })
    }
    for (const role of ROLES) {
      for (const team of TEAMS) {
        const user = await createStaffUser(t.services, role, team.name)
        const client = new BrowserLikeClient(t.app)
        await client.signIn(user)
        await client.get('/staff')
        people.push({
          role,
          team: team.name || 'no team',
          viewer: { role, teamPathway: team.pathway },
          client,
        })
      }
    }
  })
  after(async () => {
    const line = `access matrix: ${cases} cases in ${requests} requests`
    console.log(line)
    if (process.env.ACCESS_MATRIX_REPORT) writeFileSync(process.env.ACCESS_MATRIX_REPORT, `${line}\n`)
    await t.close()
  })

  const routes = () => t.app.routeAccessTable.map((r) => ({ ...r, key: `${r.method} ${r.url}` }))

  it('every route the app serves has an entry, and every entry is a route', () => {
    const served = new Set(routes().map((r) => r.key))
    const missing = [...served].filter((key) => !(key in ENTRIES))
    assert.deepEqual(missing, [], 'routes with no entry in the access matrix')
    assert.deepEqual(
      Object.keys(ENTRIES).filter((key) => !served.has(key)),
      [],
      'entries for routes that no longer exist',
    )
  })

  const send = async (person: Person, method: string, url: string) => {
    requests++
    return method === 'GET' ? person.client.get(url) : person.client.post(url, {})
  }

  const CASE_KINDS: readonly PersonalRecordKind[] = ['case', 'contact_attempt', 'message']
  const pathFor = (url: string, record: Seeded, kind: PersonalRecordKind) =>
    url
      .replace(':referralId', record.referralId)
      .replace(':taskId', record.taskId)
      .replace(
        ':id',
        kind === 'quarantined_record'
          ? (record.receiptId as string)
          : CASE_KINDS.includes(kind)
            ? record.caseId
            : record.victimId,
      )

  const sightOf = (person: Person, kind: PersonalRecordKind, record: Seeded): Sight =>
    sight(person.viewer, {
      kind,
      sensitivity:
        kind === 'quarantined_record' ? (record.heldSensitivity as Sensitivity) : record.sensitivity,
      routedPathway: record.routedPathway,
    })

  const allowed = (route: { access: { kind: string; roles?: readonly Role[] } }, role: Role) =>
    route.access.kind === 'staff' && (route.access.roles ?? []).includes(role)

  it('every staff route, role, team and record sensitivity answers as the access policy says', async () => {
    const failures: string[] = []
    const expect = (ok: boolean, label: string) => {
      cases++
      if (!ok) failures.push(label)
    }
    for (const route of routes()) {
      const entry = ENTRIES[route.key]
      if (!entry || route.access.kind !== 'staff') continue
      if (entry.about === 'signs out' || entry.about === 'outside staff') continue
      if (
        entry.about === 'nothing personal' ||
        entry.about === 'possible match' ||
        entry.about === 'case transfer'
      ) {
        // No record of anyone's: once for each role (a team cannot change the answer).
        for (const role of ROLES) {
          const person = people.find((p) => p.role === role) as Person
          const url = route.url.replace(/:[A-Za-z]+/g, FAKE_ID).replace('*', 'x')
          const answer = await send(person, route.method, url)
          const label = `${route.key} as ${role}: ${answer.statusCode}`
          expect(allowed(route, role) ? answer.statusCode !== 403 : answer.statusCode === 403, label)
        }
        continue
      }
      const tryPerson = async (person: Person) => {
        const who = `${person.role} (${person.team})`
        if (entry.about === 'list') {
          const answer = await send(person, route.method, `${route.url}${entry.query ?? ''}`)
          for (const record of seeded) {
            if (entry.of === 'quarantined_record' && !record.heldSurname) continue
            const name = entry.of === 'quarantined_record' ? (record.heldSurname as string) : record.surname
            const label = `${route.key} as ${who}, ${record.label}: ${answer.statusCode}`
            if (!allowed(route, person.role)) {
              expect(answer.statusCode === 403, label)
              continue
            }
            const shown = sightOf(person, entry.of, record) === 'full'
            const listed = answer.body.includes(name)
            expect(
              answer.statusCode === 200 && (entry.onlyWithheld ? shown || !listed : listed === shown),
              `${label}, name shown: ${listed}`,
            )
          }
          return
        }
        for (const record of seeded) {
          if (entry.about === 'victim search') {
            // By crime reference, so the page never repeats the name as the words searched for.
            const answer = await send(
              person,
              'GET',
              `${route.url}?q=${encodeURIComponent(record.crimeReference)}`,
            )
            const label = `${route.key} as ${who}, ${record.label}: ${answer.statusCode}`
            if (!allowed(route, person.role)) expect(answer.statusCode === 403, label)
            else {
              const shown = sightOf(person, 'victim', record) === 'full'
              expect(answer.statusCode === 200 && answer.body.includes(record.surname) === shown, label)
            }
            continue
          }
          const kind = entry.about
          if (kind === 'quarantined_record' && !record.receiptId) continue
          const answer = await send(person, route.method, pathFor(route.url, record, kind))
          if (route.key === 'POST /staff/cases/:id/take' && answer.statusCode === 302)
            await t.db.pool.query('UPDATE lead_workers SET user_id = $2 WHERE victim_id = $1', [
              record.victimId,
              leadId,
            ])
          if (kind === 'task' && answer.statusCode === 302)
            await t.db.pool.query(
              `UPDATE triage_tasks SET status = 'open', completed_at = NULL WHERE id = $1`,
              [record.taskId],
            )
          const name = kind === 'quarantined_record' ? (record.heldSurname as string) : record.surname
          const label = `${route.key} as ${who}, ${record.label}: ${answer.statusCode}`
          if (!allowed(route, person.role)) {
            expect(answer.statusCode === 403, `${label} (role refused)`)
            continue
          }
          const seen = sightOf(person, kind, record)
          if (seen === 'none') {
            expect(answer.statusCode === (entry.absent ?? 404), `${label} (absent expected)`)
            expect(!answer.body.includes(name), `${label} (name must not show)`)
          } else {
            expect(answer.statusCode !== 403 && answer.statusCode !== 404, `${label} (${seen} expected)`)
            expect(answer.statusCode < 500, `${label} (no server error)`)
            if (seen === 'withheld') expect(!answer.body.includes(name), `${label} (name withheld)`)
            else if (entry.showsName && route.method === 'GET')
              expect(answer.body.includes(name), `${label} (name shown)`)
          }
        }
      }
      // Each person has a session of their own, so several are tried at once; a task's route is tried
      // one person at a time, since marking it done and opening it again must not interleave.
      const parallel = entry.about === 'task' || route.key === 'POST /staff/cases/:id/take' ? 1 : PARALLEL
      for (let i = 0; i < people.length; i += parallel)
        await Promise.all(people.slice(i, i + parallel).map(tryPerson))
    }
    const byRoute = new Map<string, number>()
    for (const f of failures)
      byRoute.set(f.split(' as ')[0] as string, (byRoute.get(f.split(' as ')[0] as string) ?? 0) + 1)
    assert.deepEqual(
      failures.slice(0, 40),
      [],
      `${failures.length} of ${cases} cases differ from the policy: ${JSON.stringify([...byRoute])}`,
    )
    assert.ok(cases > 1000, `only ${cases} cases`)
  })

  it('nothing a matrix request changed was saved: no re-grade, choice, lead worker, release, restriction or case change', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*)::int FROM triage WHERE hub_thrive IS NOT NULL) AS regraded,
              (SELECT count(*)::int FROM triage WHERE victim_choice_pathway IS NOT NULL) AS choices,
              (SELECT count(*)::int FROM lead_workers WHERE user_id <> $1) AS leads,
              (SELECT count(*)::int FROM cases WHERE state <> 'awaiting_first_contact') AS moved,
              (SELECT count(*)::int FROM contact_attempts) AS attempts,
              (SELECT count(*)::int FROM referral_receipts WHERE resolution IS NOT NULL) AS resolved,
              (SELECT count(*)::int FROM victims WHERE restricted_by_hand) AS by_hand`,
      [leadId],
    )
    assert.deepEqual(rows[0], {
      regraded: 0,
      choices: 0,
      leads: 0,
      moved: 0,
      attempts: 0,
      resolved: 0,
      by_hand: 1,
    })
  })
})
