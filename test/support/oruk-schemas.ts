// The official Open Referral UK 3.0 schemas (test/fixtures/oruk, see its README) loaded into a JSON
// Schema 2020-12 validator, and the response schema the specification's OpenAPI document gives each
// endpoint, with its references to the published compiled files pointed at the copied entity schemas.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'oruk')
const BASE = 'https://openreferraluk.org/specifications/3.0/schemata/'

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

// The OpenAPI document refers to compiled files it does not ship; each is the entity schema of the same
// name (a list item is the entity's one-to-one fields, which the entity schema also describes). The
// document gives /service_at_locations/{id} the service schema, but a service_at_location is what the
// endpoint returns (the validator's own passing fixture is one), so that endpoint is held to it.
const COMPILED: Record<string, string> = {
  'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service.json':
    'service.json',
  'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service_list.json':
    'service.json',
  'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service_at_location_list.json':
    'service_at_location.json',
  'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/taxonomy.json': 'taxonomy.json',
  'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/taxonomy_term.json':
    'taxonomy_term.json',
}

type OpenApi = {
  paths: Record<
    string,
    { get: { responses: { 200: { content: { 'application/json': { schema: unknown } } } } } }
  >
  components: { schemas: { Page: unknown } }
}

function pointAtCopies(schema: unknown, page: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => pointAtCopies(s, page))
  if (schema === null || typeof schema !== 'object') return schema
  const entries = Object.entries(schema as Record<string, unknown>)
  const ref = (schema as { $ref?: string }).$ref
  if (ref === '#/components/schemas/Page') return page
  if (ref !== undefined) {
    const local = COMPILED[ref]
    if (!local) throw new Error(`no copy for ${ref}`)
    return { $ref: `${BASE}${local}` }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, pointAtCopies(v, page)]))
}

/** A validator for each endpoint of the specification, by its path ('/services/{id}'). */
export function orukValidators(): Record<string, ValidateFunction> {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  // ajv-formats is CommonJS: its function is the module itself at run time, `default` to the types.
  const addFormats = (formats as unknown as { default?: typeof formats.default }).default ?? formats.default
  addFormats(ajv)
  for (const file of readdirSync(join(ROOT, 'schemata'))) {
    ajv.addSchema({ ...(readJson(join(ROOT, 'schemata', file)) as object), $id: `${BASE}${file}` })
  }
  const openapi = readJson(join(ROOT, 'openapi.json')) as OpenApi
  const { Page } = openapi.components.schemas
  if (openapi.paths['/service_at_locations/{id}']) {
    openapi.paths['/service_at_locations/{id}'].get.responses[200].content['application/json'].schema = {
      $ref: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service_at_location_list.json',
    }
  }
  return Object.fromEntries(
    Object.entries(openapi.paths).map(([path, item]) => [
      path,
      ajv.compile(pointAtCopies(item.get.responses[200].content['application/json'].schema, Page) as object),
    ]),
  )
}

/** The rules of a page the schema cannot say: counts agree with the contents and each other. */
export function pageProblems(body: {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: unknown[]
}): string[] {
  const problems: string[] = []
  if (body.size !== body.contents.length) problems.push('size is not the number of contents')
  if (body.empty !== (body.contents.length === 0)) problems.push('empty does not match the contents')
  if (body.first_page !== (body.page_number === 1)) problems.push('first_page does not match page_number')
  if (body.last_page !== body.page_number >= body.total_pages) problems.push('last_page does not match')
  if (body.last_page && body.total_pages === 1 && body.total_items !== body.contents.length)
    problems.push('total_items is not the number of contents on the only page')
  return problems
}

export const FIXTURES = join(ROOT, 'validator-fixtures')
export { readJson }
