// The directory as Open Referral UK 3.0 (HSDS-UK-3.0) publishes it: services, service_at_locations,
// taxonomies and taxonomy terms, and pages of them. Ids are UUIDs made from the hub's own ids, so they
// stay the same across restarts and installs. Only public services go in (entries.ts publicService).
import { createHash } from 'node:crypto'
import type { PublicDirectoryService, SupportTopic } from './entries.ts'
import { ACCESS_METHODS, SUPPORT_TOPICS } from './entries.ts'

export const ORUK_VERSION = 'HSDS-UK-3.0'

/** A UUID (version 5 layout) from a name: the same name always gives the same id. */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(`victim-hub:${name}`).digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const TOPIC_LABELS: Record<SupportTopic, string> = {
  violence: 'Violence or threats',
  sexual_violence: 'Rape, sexual assault or sexual abuse',
  domestic_abuse: 'Domestic abuse',
  child_exploitation: 'Child sexual exploitation',
  hate_crime: 'Hate crime',
  road_crash: 'Road crash',
  fraud: 'Fraud or a scam',
  online_crime: 'Online crime',
  burglary: 'Burglary',
  theft_or_damage: 'Theft or damage',
  rural_crime: 'Rural crime',
  other: 'Another crime',
}

const ACCESS_LABELS: Record<(typeof ACCESS_METHODS)[number], string> = {
  refer_yourself: 'Refer yourself online',
  phone: 'By phone',
  online: 'Online',
  through_hub: 'Through the victim hub',
}

interface Term {
  id: string
  name: string
  description: string
  taxonomy_id: string
  taxonomy: string
  code: string
}

const TOPICS_TAXONOMY = { id: stableUuid('taxonomy:topics'), name: 'Victim Hub support topics' }
const ACCESS_TAXONOMY = { id: stableUuid('taxonomy:access'), name: 'Victim Hub ways to get support' }

const topicTerm = (topic: SupportTopic): Term => ({
  id: stableUuid(`term:topic:${topic}`),
  name: TOPIC_LABELS[topic],
  description: `Support after ${TOPIC_LABELS[topic].toLowerCase()}.`,
  taxonomy_id: TOPICS_TAXONOMY.id,
  taxonomy: TOPICS_TAXONOMY.name,
  code: topic,
})
const accessTerm = (method: (typeof ACCESS_METHODS)[number]): Term => ({
  id: stableUuid(`term:access:${method}`),
  name: ACCESS_LABELS[method],
  description: `The service can be reached: ${ACCESS_LABELS[method].toLowerCase()}.`,
  taxonomy_id: ACCESS_TAXONOMY.id,
  taxonomy: ACCESS_TAXONOMY.name,
  code: method,
})

export const TAXONOMY_TERMS: readonly Term[] = [
  ...SUPPORT_TOPICS.map(topicTerm),
  ...ACCESS_METHODS.map(accessTerm),
]

export const TAXONOMIES = [
  {
    ...TOPICS_TAXONOMY,
    description: 'What happened, in plain words: the kinds of crime a service supports people after.',
    version: '1',
  },
  { ...ACCESS_TAXONOMY, description: 'How someone can get the service.', version: '1' },
]

export const taxonomyWithTerms = (taxonomy: (typeof TAXONOMIES)[number]) => ({
  ...taxonomy,
  taxonomy_terms: TAXONOMY_TERMS.filter((t) => t.taxonomy_id === taxonomy.id),
})

const organisation = (s: PublicDirectoryService) => ({
  id: stableUuid(`organisation:${s.organisationName}`),
  name: s.organisationName,
  description: `${s.organisationName}, a service in the Victim Hub directory.`,
})

/** A service's one-to-one fields: the items of /services. */
export function orukServiceSummary(s: PublicDirectoryService) {
  return {
    id: stableUuid(`service:${s.id}`),
    organization_id: organisation(s).id,
    name: s.name,
    description: s.description,
    ...(s.website ? { url: s.website } : {}),
    ...(s.email ? { email: s.email } : {}),
    status: 'active',
    ...(s.minimumAge !== null ? { minimum_age: s.minimumAge } : {}),
    ...(s.maximumAge !== null ? { maximum_age: s.maximumAge } : {}),
    last_modified: s.updatedAt.toISOString(),
    organization: organisation(s),
  }
}

function orukLocation(l: PublicDirectoryService['locations'][number]) {
  return {
    id: l.id,
    location_type: 'physical',
    name: l.name,
    ...(l.latitude !== null && l.longitude !== null ? { latitude: l.latitude, longitude: l.longitude } : {}),
    addresses:
      l.address1 && l.city && l.postcode
        ? [
            {
              id: stableUuid(`address:${l.id}`),
              location_id: l.id,
              address_1: l.address1,
              city: l.city,
              state_province: l.serviceArea,
              postal_code: l.postcode,
              country: 'GB',
              address_type: 'physical',
            },
          ]
        : [],
    accessibility: l.accessibility
      ? [{ id: stableUuid(`accessibility:${l.id}`), location_id: l.id, description: l.accessibility }]
      : [],
    attributes: [],
  }
}

/** The id of the service_at_location joining a service to one of its public locations. */
export const serviceAtLocationId = (serviceId: string, locationId: string) =>
  stableUuid(`service_at_location:${serviceId}:${locationId}`)

/** A service_at_location, with its location and the service's one-to-one fields. */
export function orukServiceAtLocation(
  s: PublicDirectoryService,
  l: PublicDirectoryService['locations'][number],
) {
  return {
    id: serviceAtLocationId(s.id, l.id),
    service_id: stableUuid(`service:${s.id}`),
    location_id: l.id,
    location: orukLocation(l),
    service: orukServiceSummary(s),
  }
}

/** A service fully nested: areas, opening times, languages, cost, contact, topics and locations. */
export function orukService(s: PublicDirectoryService) {
  const id = stableUuid(`service:${s.id}`)
  const terms = [...s.topics.map(topicTerm), ...s.accessMethods.map(accessTerm)]
  return {
    ...orukServiceSummary(s),
    service_areas: s.serviceAreaNames.map((name) => ({
      id: stableUuid(`service_area:${s.id}:${name}`),
      service_id: id,
      name,
      service_area: name,
      extent_type: 'text',
    })),
    schedules: [
      {
        id: stableUuid(`schedule:${s.id}`),
        service_id: id,
        description: s.openingTimes,
        ...(s.open24Hours
          ? {
              freq: 'WEEKLY',
              interval: 1,
              byday: 'MO,TU,WE,TH,FR,SA,SU',
              opens_at: '00:00',
              closes_at: '23:59',
            }
          : {}),
      },
    ],
    languages: s.languages.map((code) => ({
      id: stableUuid(`language:${s.id}:${code}`),
      service_id: id,
      name: code === 'cy' ? 'Welsh' : code === 'en' ? 'English' : code,
      code,
    })),
    cost_options: [
      { id: stableUuid(`cost:${s.id}`), service_id: id, option: s.cost, amount_description: s.cost },
    ],
    contacts: s.phone
      ? [
          {
            id: stableUuid(`contact:${s.id}`),
            service_id: id,
            name: s.name,
            phones: [{ id: stableUuid(`phone:${s.id}`), number: s.phone, description: s.openingTimes }],
          },
        ]
      : [],
    attributes: terms.map((t) => ({
      id: stableUuid(`attribute:${s.id}:${t.id}`),
      link_id: id,
      link_type: 'service',
      taxonomy_term_id: t.id,
      taxonomy_term: t,
    })),
    service_at_locations: s.locations.map((l) => {
      const { service: _summary, ...rest } = orukServiceAtLocation(s, l)
      return rest
    }),
  }
}

export interface Page<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

/** One page of items (page numbers from 1), as the specification's Page describes it. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage))
  const contents = items.slice((page - 1) * perPage, page * perPage)
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

export interface OrukQuery {
  search?: string | undefined
  taxonomyTermId?: string | undefined
  taxonomyId?: string | undefined
  minimumAge?: number | undefined
  maximumAge?: number | undefined
}

/** The services a query's filters keep (search words, taxonomy term or taxonomy, ages). */
export function matchesQuery(s: PublicDirectoryService, q: OrukQuery): boolean {
  if (q.search) {
    const text = `${s.name} ${s.organisationName} ${s.description}`.toLowerCase()
    if (
      !q.search
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => text.includes(w))
    )
      return false
  }
  const terms = [...s.topics.map(topicTerm), ...s.accessMethods.map(accessTerm)]
  if (q.taxonomyTermId && !terms.some((t) => t.id === q.taxonomyTermId)) return false
  if (q.taxonomyId && !terms.some((t) => t.taxonomy_id === q.taxonomyId)) return false
  if (q.minimumAge !== undefined && (s.minimumAge ?? 0) < q.minimumAge) return false
  if (q.maximumAge !== undefined && (s.maximumAge ?? 120) > q.maximumAge) return false
  return true
}
