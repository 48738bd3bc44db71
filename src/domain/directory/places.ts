// Where someone lives, read from what they type: a postcode, a postcode district or a town. The hub
// keeps the centre of each postcode district in the county it serves (approximate, to about a
// kilometre), so finding support and the API's proximity search never send a postcode anywhere.

export interface District {
  readonly code: string
  readonly towns: readonly string[]
  readonly latitude: number
  readonly longitude: number
}

/** The demo county's postcode districts, with their main towns and approximate centres. */
export const DISTRICTS: readonly District[] = [
  { code: 'CV7', towns: ['Coleshill', 'Keresley'], latitude: 52.46, longitude: -1.55 },
  { code: 'CV8', towns: ['Kenilworth'], latitude: 52.34, longitude: -1.57 },
  { code: 'CV9', towns: ['Atherstone'], latitude: 52.58, longitude: -1.55 },
  { code: 'CV10', towns: ['Nuneaton West'], latitude: 52.52, longitude: -1.5 },
  { code: 'CV11', towns: ['Nuneaton'], latitude: 52.52, longitude: -1.45 },
  { code: 'CV12', towns: ['Bedworth'], latitude: 52.48, longitude: -1.47 },
  { code: 'CV21', towns: ['Rugby'], latitude: 52.38, longitude: -1.26 },
  { code: 'CV22', towns: ['Bilton', 'Rugby South'], latitude: 52.36, longitude: -1.29 },
  { code: 'CV23', towns: ['Dunchurch', 'Wolston'], latitude: 52.36, longitude: -1.35 },
  { code: 'CV31', towns: ['Leamington Spa', 'Whitnash'], latitude: 52.28, longitude: -1.52 },
  { code: 'CV32', towns: ['Royal Leamington Spa', 'Lillington'], latitude: 52.3, longitude: -1.53 },
  { code: 'CV33', towns: ['Bishops Tachbrook', 'Harbury'], latitude: 52.24, longitude: -1.48 },
  { code: 'CV34', towns: ['Warwick'], latitude: 52.28, longitude: -1.58 },
  { code: 'CV35', towns: ['Wellesbourne', 'Kineton'], latitude: 52.2, longitude: -1.6 },
  { code: 'CV36', towns: ['Shipston-on-Stour'], latitude: 52.06, longitude: -1.62 },
  { code: 'CV37', towns: ['Stratford-upon-Avon'], latitude: 52.19, longitude: -1.71 },
  { code: 'CV47', towns: ['Southam'], latitude: 52.25, longitude: -1.39 },
  { code: 'B49', towns: ['Alcester'], latitude: 52.21, longitude: -1.87 },
  { code: 'B50', towns: ['Bidford-on-Avon'], latitude: 52.16, longitude: -1.86 },
  { code: 'B80', towns: ['Studley'], latitude: 52.27, longitude: -1.89 },
  { code: 'B95', towns: ['Henley-in-Arden'], latitude: 52.29, longitude: -1.78 },
  { code: 'B78', towns: ['Polesworth', 'Kingsbury'], latitude: 52.6, longitude: -1.65 },
]

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/** The postcode district of a full postcode or a district ('CV34 4AB', 'cv344ab', 'CV34'), or null. */
export function postcodeDistrict(text: string): string | null {
  const compact = text.toUpperCase().replace(/\s+/g, '')
  const full = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$/.exec(compact)
  if (full) return full[1] ?? null
  return /^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(compact) ? compact : null
}

/** The county district someone means by a postcode, district or town name; undefined when unknown. */
export function findDistrict(text: string): District | undefined {
  const code = postcodeDistrict(text)
  if (code) return DISTRICTS.find((d) => d.code === code)
  const wanted = normalise(text)
  if (wanted === '') return undefined
  return DISTRICTS.find((d) => d.towns.some((t) => normalise(t) === wanted))
}

/** Whether a district falls in an area served: a district ('CV34') or a postcode area ('CV'). */
export function servesDistrict(areasServed: readonly string[], district: string): boolean {
  const area = /^[A-Z]+/.exec(district)?.[0]
  return areasServed.some((a) => a === district || a === area)
}

/** Great-circle distance in metres. */
export function distanceMetres(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const toRad = (d: number) => (d * Math.PI) / 180
  const dLat = toRad(b.latitude - a.latitude)
  const dLon = toRad(b.longitude - a.longitude)
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Every district of the demo county, for a service that covers all of it. */
export const COUNTY_DISTRICTS: readonly string[] = DISTRICTS.map((d) => d.code)
