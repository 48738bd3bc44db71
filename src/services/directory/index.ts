// The service directory's use cases: the published directory (find support, the Open Referral UK API)
// and the whole directory for administrators. Every public read goes through publicService, so no
// confidential location's address leaves here.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { type PublicDirectoryService, publicService } from '../../domain/directory/entries.ts'
import {
  matchesQuery,
  ORUK_VERSION,
  type OrukQuery,
  orukService,
  orukServiceAtLocation,
  orukServiceSummary,
  paginate,
  serviceAtLocationId,
  stableUuid,
  TAXONOMIES,
  TAXONOMY_TERMS,
  taxonomyWithTerms,
} from '../../domain/directory/oruk.ts'
import { distanceMetres, findDistrict, servesDistrict } from '../../domain/directory/places.ts'
import * as directoryRepo from '../../repositories/directory.ts'
import { readSetting, writeSetting } from '../../repositories/settings.ts'
import type { Actor, AuditService } from '../audit.ts'
import { InputError } from '../errors.ts'

export type { PublicDirectoryService }

export interface PageRequest {
  page: number
  perPage: number
}

export interface LocationQuery extends OrukQuery {
  postcode?: string | undefined
  proximity?: number | undefined
}

/** How to reach the hub itself: on every public page and the confirmation of a self-referral. */
export interface HubContact {
  phone: string
  email: string
  openingHours: string
}

export const DEFAULT_HUB_CONTACT: HubContact = {
  phone: '0300 555 0100',
  email: 'support@victim-hub.example',
  openingHours: 'Monday to Friday 8am to 8pm, Saturday 9am to 5pm',
}
const HUB_CONTACT_KEY = 'hub_contact'
/** Public pages read the hub's contact details this often at most. */
const HUB_CONTACT_TTL_MS = 30_000

export function createDirectoryService(
  pool: pg.Pool,
  audit: AuditService,
  ensureSeeded: () => Promise<void>,
  now: () => number = Date.now,
) {
  let contact: { value: HubContact; readAt: number } | undefined
  const published = async (): Promise<PublicDirectoryService[]> => {
    await ensureSeeded()
    return (await directoryRepo.listPublishedServices(pool)).map(publicService)
  }

  return {
    /** Every listed service, fit to publish. */
    published,

    async hubContact(): Promise<HubContact> {
      if (contact && now() - contact.readAt < HUB_CONTACT_TTL_MS) return contact.value
      const stored = await readSetting<HubContact>(pool, HUB_CONTACT_KEY)
      contact = { value: { ...DEFAULT_HUB_CONTACT, ...stored }, readAt: now() }
      return contact.value
    },

    /** An administrator sets the hub's phone, email and opening hours; each must be given. */
    async setHubContact(values: HubContact, actor: Actor): Promise<void> {
      for (const field of ['phone', 'email', 'openingHours'] as const) {
        if (!values[field]?.trim())
          throw new InputError(field, `Enter the hub's ${field === 'openingHours' ? 'opening hours' : field}`)
      }
      await withTransaction(pool, async (client) => {
        await writeSetting(client, HUB_CONTACT_KEY, values)
        await audit.recordWith(client, actor, {
          action: 'directory.hub_contact_changed',
          details: { ...values },
        })
      })
      contact = undefined
    },

    /** Every service with every location in full, for administrators. */
    async all() {
      await ensureSeeded()
      return directoryRepo.listAllServices(pool)
    },

    oruk: {
      about: () => ({
        version: ORUK_VERSION,
        profile: 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md',
        openapi_url: 'https://openreferraluk.org/specifications/3.0/openapi.json',
      }),

      async services(query: OrukQuery, page: PageRequest) {
        const services = (await published()).filter((s) => matchesQuery(s, query))
        return paginate(services.map(orukServiceSummary), page.page, page.perPage)
      },

      async service(id: string) {
        const found = (await published()).find((s) => stableUuid(`service:${s.id}`) === id)
        return found ? orukService(found) : undefined
      },

      async serviceAtLocations(query: LocationQuery, page: PageRequest) {
        const district = query.postcode === undefined ? undefined : findDistrict(query.postcode)
        if (query.postcode !== undefined && !district) {
          throw new InputError(
            'postcode',
            'postcode is not a postcode or district in the area this hub serves',
          )
        }
        if (query.proximity !== undefined && !district) {
          throw new InputError('proximity', 'proximity needs a postcode to measure from')
        }
        const rows = (await published())
          .filter((s) => matchesQuery(s, query))
          .filter((s) => !district || s.national || servesDistrict(s.areasServed, district.code))
          .flatMap((s) => s.locations.map((l) => ({ s, l })))
          .filter(
            ({ l }) =>
              query.proximity === undefined ||
              (district !== undefined &&
                l.latitude !== null &&
                l.longitude !== null &&
                distanceMetres(district, { latitude: l.latitude, longitude: l.longitude }) <=
                  query.proximity),
          )
        return paginate(
          rows.map(({ s, l }) => orukServiceAtLocation(s, l)),
          page.page,
          page.perPage,
        )
      },

      async serviceAtLocation(id: string) {
        for (const s of await published()) {
          const l = s.locations.find((x) => serviceAtLocationId(s.id, x.id) === id)
          if (l) return orukServiceAtLocation(s, l)
        }
        return undefined
      },

      taxonomies: (page: PageRequest) => paginate(TAXONOMIES.map(taxonomyWithTerms), page.page, page.perPage),
      taxonomy: (id: string) => {
        const found = TAXONOMIES.find((t) => t.id === id)
        return found ? taxonomyWithTerms(found) : undefined
      },
      taxonomyTerms: (page: PageRequest) => paginate([...TAXONOMY_TERMS], page.page, page.perPage),
      taxonomyTerm: (id: string) => TAXONOMY_TERMS.find((t) => t.id === id),
    },
  }
}

export type DirectoryService = ReturnType<typeof createDirectoryService>
