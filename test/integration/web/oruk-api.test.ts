import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DIRECTORY_SEED, SUPPORT_TOPICS } from '../../../src/domain/directory/entries.ts'
import { PROVIDERS } from '../../../src/domain/triage/pathways.ts'
import { startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'
import { FIXTURES, orukValidators, pageProblems, readJson } from '../../support/oruk-schemas.ts'

type Page = Parameters<typeof pageProblems>[0] & { contents: { id: string }[] }

const validators = orukValidators()
const CONFIDENTIAL = DIRECTORY_SEED.flatMap((s) => s.locations.filter((l) => l.confidential))

describe('the Open Referral UK API', () => {
  let t: TestApp
  const bodies: string[] = []
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  async function get(url: string, schemaPath: string): Promise<unknown> {
    const response = await t.app.inject({ method: 'GET', url })
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`)
    assert.equal(response.headers['access-control-allow-origin'], '*', url)
    bodies.push(response.body)
    const body = response.json() as unknown
    const validate = validators[schemaPath]
    assert.ok(validate, schemaPath)
    assert.ok(validate(body), `${url} breaks the ${schemaPath} schema: ${JSON.stringify(validate.errors)}`)
    if (typeof body === 'object' && body !== null && 'contents' in body) {
      assert.deepEqual(pageProblems(body as Page), [], url)
    }
    return body
  }

  /** Every item of a list endpoint, page by page, checking each page. */
  async function everyItem(path: string, perPage: number): Promise<{ id: string }[]> {
    const first = (await get(`/api/oruk${path}?per_page=${perPage}`, path)) as Page
    const items = [...first.contents]
    for (let page = 2; page <= first.total_pages; page++) {
      const next = (await get(`/api/oruk${path}?per_page=${perPage}&page=${page}`, path)) as Page
      assert.equal(next.page_number, page)
      items.push(...next.contents)
    }
    assert.equal(items.length, first.total_items, path)
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${path} repeats an id`)
    return items
  }

  it('answers / with the ORUK version, open to anyone without a key', async () => {
    const about = (await get('/api/oruk/', '/')) as { version: string }
    assert.equal(about.version, 'HSDS-UK-3.0')
  })

  it('lists every listed service over pages that add up, and each validates in full by its id', async () => {
    const services = await everyItem('/services', 4)
    // 16 county providers and 6 national helplines
    assert.equal(services.length, PROVIDERS.length + DIRECTORY_SEED.filter((s) => s.helpline).length)
    for (const s of services) await get(`/api/oruk/services/${s.id}`, '/services/{id}')
    const past = (await get('/api/oruk/services?per_page=4&page=99', '/services')) as Page
    assert.equal(past.empty, true)
  })

  it('lists service_at_locations, each by id, and finds them by postcode and proximity', async () => {
    const all = await everyItem('/service_at_locations', 2)
    for (const s of all) await get(`/api/oruk/service_at_locations/${s.id}`, '/service_at_locations/{id}')

    type Sal = { location: { name: string } }
    const names = (page: unknown) =>
      ((page as { contents: Sal[] }).contents ?? []).map((c) => c.location.name)
    // Warwick (CV34): Safeline's Warwick office is 0.1 km away, the Leamington hub about 4 km, Rugby 25 km.
    const near = await get(
      '/api/oruk/service_at_locations?postcode=CV34%204AB&proximity=1000',
      '/service_at_locations',
    )
    assert.deepEqual(names(near), ['Safeline, Warwick'])
    const town = await get(
      '/api/oruk/service_at_locations?postcode=CV34&proximity=6000',
      '/service_at_locations',
    )
    assert.deepEqual(names(town).sort(), ['Safeline, Warwick', 'Victim Hub, Leamington Spa'])
    // Rugby (CV21) is not in Safeline's area, so a postcode there leaves its office out at any distance.
    const rugby = await get('/api/oruk/service_at_locations?postcode=CV21', '/service_at_locations')
    assert.ok(!names(rugby).includes('Safeline, Warwick'))
    assert.ok(names(rugby).includes('Domestic abuse outreach, Rugby'))
  })

  it('refuses a postcode outside the area or a proximity without one, naming the field', async () => {
    const outside = await t.app.inject({
      method: 'GET',
      url: '/api/oruk/service_at_locations?postcode=SW1A%201AA',
    })
    assert.equal(outside.statusCode, 400)
    assert.equal(outside.json().field, 'postcode')
    const alone = await t.app.inject({ method: 'GET', url: '/api/oruk/service_at_locations?proximity=500' })
    assert.equal(alone.json().field, 'proximity')
    const page = await t.app.inject({ method: 'GET', url: '/api/oruk/services?per_page=0' })
    assert.equal(page.statusCode, 400)
    assert.equal(page.json().field, 'per_page')
  })

  it('publishes the taxonomies and taxonomy terms the services are tagged with', async () => {
    const taxonomies = await everyItem('/taxonomies', 1)
    for (const x of taxonomies) await get(`/api/oruk/taxonomies/${x.id}`, '/taxonomies/{id}')
    const terms = await everyItem('/taxonomy_terms', 5)
    for (const x of terms) await get(`/api/oruk/taxonomy_terms/${x.id}`, '/taxonomy_terms/{id}')
    const fraud = terms.find((x) => (x as { code?: string }).code === 'fraud') as { id: string }
    const tagged = (await get(
      `/api/oruk/services?taxonomy_term_id=${fraud.id}&per_page=50`,
      '/services',
    )) as {
      contents: { name: string }[]
    }
    assert.ok(tagged.contents.some((s) => s.name === 'Victim Support fraud and scams support'))
    assert.ok(!tagged.contents.some((s) => s.name === 'RoadPeace'))
  })

  it('answers 404 for an id it does not have', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/oruk/services/not-an-id' })
    assert.equal(response.statusCode, 404)
  })

  it('never shows a confidential location, over every public page and API response', async () => {
    assert.ok(CONFIDENTIAL.length >= 2, 'the demo directory has a refuge and a safe house')
    const pages = t.app.routeAccessTable
      .filter(
        (r) =>
          r.access.kind === 'public' && r.method === 'GET' && !r.url.includes(':') && !r.url.includes('*'),
      )
      .map((r) => r.url)
    for (const url of pages) {
      const response = await t.app.inject({ method: 'GET', url })
      bodies.push(response.body)
    }
    // and every find support result, in both languages, for someone safe and someone not
    const client = new BrowserLikeClient(t.app)
    await client.get('/find-support')
    for (const topic of [...SUPPORT_TOPICS, 'rather_not_say']) {
      for (const [safe, lang] of [
        ['yes', 'en'],
        ['no', 'cy'],
      ] as const) {
        const response = await client.post('/find-support', { topic, safe, lang, place: '', age: '' })
        assert.equal(response.statusCode, 200)
        bodies.push(response.body)
      }
    }
    const everything = bodies.join('\n').toLowerCase()
    const compact = everything.replace(/\s+/g, '')
    for (const l of CONFIDENTIAL) {
      for (const secret of [l.address1, l.postcode, String(l.latitude), String(l.longitude), l.id]) {
        assert.ok(secret, 'the seed gives each confidential location its address')
        assert.ok(!everything.includes(secret.toLowerCase()), `a public response shows ${secret}`)
        assert.ok(
          !compact.includes(secret.toLowerCase().replace(/\s+/g, '')),
          `a public response shows ${secret}`,
        )
      }
    }
    // The refuge's service is still listed, with its service area.
    const refuge = JSON.stringify(
      bodies.filter((b) => b.includes('Refuge accommodation') || b.includes('"Refuge"')),
    )
    assert.ok(refuge.includes('Warwickshire'))
    // and administrators still have the address
    const all = await t.services.directory.all()
    const kept = all.flatMap((s) => s.locations).find((l) => l.confidential)
    assert.ok(kept?.postcode, 'the full directory keeps the confidential address for administrators')
  })

  it('keeps routing on the same list: helplines are listed but never routing providers', async () => {
    const providers = await t.services.triage.providers()
    assert.deepEqual(providers.map((p) => p.id).sort(), PROVIDERS.map((p) => p.id).sort())
  })
})

describe('the ORUK validator fixtures copied into the project', () => {
  const validators = orukValidators()
  const ENDPOINT: Record<string, string> = {
    'api_details.json': '/',
    'service_full.json': '/services/{id}',
    'service_list.json': '/services',
    'service_at_location_full.json': '/service_at_locations/{id}',
    'service_at_location_list.json': '/service_at_locations',
    'taxonomy.json': '/taxonomies/{id}',
    'taxonomy_list.json': '/taxonomies',
    'taxonomy_term.json': '/taxonomy_terms/{id}',
    'taxonomy_term_list.json': '/taxonomy_terms',
  }
  const check = (dir: string, file: string) => {
    const body = readJson(join(FIXTURES, dir, file)) as Page
    const validate = validators[ENDPOINT[file] as string]
    assert.ok(validate)
    return validate(body) && ('contents' in body ? pageProblems(body).length === 0 : true)
  }

  it('passes every passing fixture', () => {
    for (const file of readdirSync(join(FIXTURES, 'V3.0-UK-Default')).filter((f) => ENDPOINT[f])) {
      assert.ok(check('V3.0-UK-Default', file), file)
    }
  })

  it('fails every must-fail fixture whose body breaks the schema (the rest fail only against a live API)', () => {
    for (const file of ['api_details.json', 'service_full.json', 'service_list.json', 'taxonomy_term.json']) {
      assert.equal(check('V3.0-UK-Fail', file), false, file)
    }
  })
})
