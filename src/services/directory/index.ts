// The service directory's use cases: the published directory (find support, the Open Referral UK API)
// and the whole directory for administrators. Every public read goes through publicService, so no
// confidential location's address leaves here.
import type pg from 'pg'
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

export function createDirectoryService(pool: pg.Pool, ensureSeeded: () => Promise<void>) {
  const published = async (): Promise<PublicDirectoryService[]> => {
    await ensureSeeded()
    return (await directoryRepo.listPublishedServices(pool)).map(publicService)
  }

  return {
    /** Every listed service, fit to publish. */
    published,

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
