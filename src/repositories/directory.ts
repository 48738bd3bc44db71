// The service directory: the directory details of providers and their locations (ADR 0038). Public
// reads never select a confidential location's address, postcode or coordinates.
import type { Queryable } from '../db/transaction.ts'
import type { DirectorySeed, DirectoryService } from '../domain/directory/entries.ts'
import { selectRows } from './rows.ts'

/**
 * Adds the seeded national helplines, then writes the seeded directory details and locations of every
 * service whose details were never written; an administrator's edit is never overwritten.
 */
export async function seedDirectoryEntries(db: Queryable, seeds: readonly DirectorySeed[]): Promise<void> {
  const helplines = seeds.flatMap((s) => (s.helpline ? [{ id: s.id, ...s.helpline }] : []))
  await db.query(
    `INSERT INTO providers (id, name, pathway_id, monthly_referral_capacity, active_case_capacity, routable,
       updated_by_label)
     SELECT id, name, pathway, 0, 0, false, 'seed' FROM jsonb_to_recordset($1::jsonb)
       AS h(id text, name text, pathway text)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(helplines)],
  )
  const { rows } = await db.query<{ id: string }>(
    `UPDATE providers p SET organisation_name = d.organisation_name, description = d.description,
       topics = d.topics, minimum_age = d.minimum_age, maximum_age = d.maximum_age, genders = d.genders,
       areas_served = d.areas_served, national = d.national, access_methods = d.access_methods,
       phone = d.phone, email = d.email, website = d.website, opening_times = d.opening_times,
       open_24_hours = d.open_24_hours, languages = d.languages, accessibility = d.accessibility,
       cost = d.cost, directory_updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS d(id text, organisation_name text, description text,
       topics text[], minimum_age integer, maximum_age integer, genders text[], areas_served text[],
       national boolean, access_methods text[], phone text, email text, website text, opening_times text,
       open_24_hours boolean, languages text[], accessibility text, cost text)
     WHERE p.id = d.id AND p.directory_updated_at IS NULL
     RETURNING p.id`,
    [
      JSON.stringify(
        seeds.map(({ id, details: d }) => ({
          id,
          organisation_name: d.organisationName,
          description: d.description,
          topics: d.topics,
          minimum_age: d.minimumAge,
          maximum_age: d.maximumAge,
          genders: d.genders,
          areas_served: d.areasServed,
          national: d.national,
          access_methods: d.accessMethods,
          phone: d.phone,
          email: d.email,
          website: d.website,
          opening_times: d.openingTimes,
          open_24_hours: d.open24Hours,
          languages: d.languages,
          accessibility: d.accessibility,
          cost: d.cost,
        })),
      ),
    ],
  )
  const written = new Set(rows.map((r) => r.id))
  const locations = seeds
    .filter((s) => written.has(s.id))
    .flatMap((s) => s.locations.map((l) => ({ ...l, providerId: s.id })))
  await db.query(
    `INSERT INTO directory_locations (id, provider_id, name, address_1, city, postcode, latitude, longitude,
       confidential, service_area, accessibility)
     SELECT id, provider_id, name, address_1, city, postcode, latitude, longitude, confidential,
       service_area, accessibility
     FROM jsonb_to_recordset($1::jsonb) AS l(id uuid, provider_id text, name text, address_1 text,
       city text, postcode text, latitude double precision, longitude double precision,
       confidential boolean, service_area text, accessibility text)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        locations.map((l) => ({
          id: l.id,
          provider_id: l.providerId,
          name: l.name,
          address_1: l.address1,
          city: l.city,
          postcode: l.postcode,
          latitude: l.latitude,
          longitude: l.longitude,
          confidential: l.confidential,
          service_area: l.serviceArea,
          accessibility: l.accessibility,
        })),
      ),
    ],
  )
}

// The address of a confidential location is not selected at all for a public read.
const locationJson = (published: boolean) => {
  const hidden = (column: string) =>
    published ? `CASE WHEN l.confidential THEN NULL ELSE ${column} END` : column
  return `json_build_object('id', l.id, 'name', l.name, 'address1', ${hidden('l.address_1')},
    'city', ${hidden('l.city')}, 'postcode', ${hidden('l.postcode')}, 'latitude', ${hidden('l.latitude')},
    'longitude', ${hidden('l.longitude')}, 'confidential', l.confidential, 'serviceArea', l.service_area,
    'accessibility', ${hidden('l.accessibility')})`
}

const selectDirectory = (published: boolean, where: string) => `
  SELECT p.id, p.name, p.pathway_id AS pathway, p.expected_wait_days, p.routable, p.updated_at,
    coalesce(p.organisation_name, p.name) AS organisation_name, p.description, p.topics, p.minimum_age,
    p.maximum_age, p.genders, p.areas_served, p.national, p.access_methods, p.phone, p.email, p.website,
    p.opening_times, p.open_24_hours, p.languages, p.accessibility, p.cost,
    coalesce((SELECT json_agg(${locationJson(published)} ORDER BY l.name, l.id)
              FROM directory_locations l WHERE l.provider_id = p.id), '[]'::json) AS locations
  FROM providers p WHERE ${where} ORDER BY p.national DESC, p.name, p.id`

/** Every listed service with its locations, confidential ones without their address. */
export const listPublishedServices = (db: Queryable): Promise<DirectoryService[]> =>
  selectRows<DirectoryService>(db, selectDirectory(true, 'p.listed'))

/** Every service, listed or not, with every location in full: for administrators. */
export const listAllServices = (db: Queryable): Promise<DirectoryService[]> =>
  selectRows<DirectoryService>(db, selectDirectory(false, 'true'))
