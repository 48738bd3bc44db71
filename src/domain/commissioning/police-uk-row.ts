import { type CrimeCategory, classifyCrimeType } from './classification.ts'

/** The header every police.uk street-level file has had since 2013, in this order. */
export const POLICE_UK_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const

export type LsoaVintage = 2011 | 2021

/**
 * Highest LSOA code number in the 2011 set, per country. Every code above it was created for Census 2021,
 * so such a code proves the row uses 2021 LSOAs (checked against both ONS lists in samples/ons_population:
 * the lowest 2021-only codes are E01033769 and W01001959; the 2011 list ends at E01033768 and W01001958).
 * Codes at or below it exist in both sets unless the area was split or merged in 2021, so for those the
 * month decides.
 */
export const LSOA11_LAST_CODE_NUMBER: Readonly<Record<'E' | 'W', number>> = { E: 33_768, W: 1_958 }

/**
 * First month assumed to use 2021 LSOAs when the code alone cannot tell. The data here shows 2011 codes up to
 * 2019-02 and 2021 codes from 2024-01; police.uk moved to 2021 LSOAs in between. Editable: pass another month
 * to `lsoaVintage`, and a file with any 2021-only code is 2021 whatever its month (see `resolveFileVintage`).
 */
export const DEFAULT_LSOA21_FIRST_MONTH = '2023-01'

const LSOA_CODE = /^([EW])01(\d{6})$/
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
/** "Nuneaton and Bedworth 012C": district name, space, three digits and a capital letter. */
const LSOA_NAME = /^(.+) (\d{3}[A-Z])$/

export function isMonth(value: string): boolean {
  return MONTH.test(value)
}

/** True when the code only exists in the 2021 LSOA set. */
export function isLsoa21OnlyCode(code: string): boolean {
  const m = LSOA_CODE.exec(code)
  if (!m) return false
  return Number(m[2]) > LSOA11_LAST_CODE_NUMBER[m[1] as 'E' | 'W']
}

export function lsoaVintage(
  code: string,
  month: string,
  firstMonth2021 = DEFAULT_LSOA21_FIRST_MONTH,
): LsoaVintage {
  if (isLsoa21OnlyCode(code)) return 2021
  return month >= firstMonth2021 ? 2021 : 2011
}

/**
 * One police.uk file uses one LSOA vintage. A single 2021-only code anywhere in the file settles it, which
 * protects months near the change-over from being joined to the wrong population table.
 */
export function resolveFileVintage(
  codes: Iterable<string>,
  month: string,
  firstMonth2021 = DEFAULT_LSOA21_FIRST_MONTH,
): LsoaVintage {
  for (const code of codes) if (isLsoa21OnlyCode(code)) return 2021
  return month >= firstMonth2021 ? 2021 : 2011
}

/** District name from an LSOA name: everything before the final " 001A"-style suffix. */
export function districtOf(lsoaName: string): string | undefined {
  const m = LSOA_NAME.exec(lsoaName)
  return m ? m[1] : undefined
}

export interface PoliceUkRow {
  /** Empty on every ASB row, and not unique across crimes either, so never a key. */
  crimeId: string | null
  month: string
  reportedBy: string
  fallsWithin: string
  longitude: number | null
  latitude: number | null
  /** Verbatim, title-case quirks included ("On or near Robey'S Lane"); null for "No Location". */
  location: string | null
  lsoaCode: string | null
  lsoaName: string | null
  lsoaVintage: LsoaVintage | null
  district: string | null
  crimeType: string
  category: CrimeCategory
  lastOutcome: string | null
  context: string | null
}

export type RowResult = { ok: true; row: PoliceUkRow } | { ok: false; errors: string[] }

/** Problems with a header line; empty when it is the police.uk header. A UTF-8 BOM is tolerated. */
export function checkHeader(header: readonly string[]): string[] {
  const cleaned = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim())
  if (cleaned.length !== POLICE_UK_HEADER.length) {
    return [
      `expected the ${POLICE_UK_HEADER.length}-column police.uk header, found ${cleaned.length} columns`,
    ]
  }
  const errors: string[] = []
  POLICE_UK_HEADER.forEach((expected, i) => {
    if (cleaned[i] !== expected) errors.push(`column ${i + 1} should be "${expected}", found "${cleaned[i]}"`)
  })
  return errors
}

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value)

function parseCoordinate(
  value: string,
  min: number,
  max: number,
  name: string,
  errors: string[],
): number | null {
  if (value.trim() === '') return null
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max) {
    errors.push(`${name} "${value}" is not a number between ${min} and ${max}`)
    return null
  }
  return n
}

export interface NormaliseOptions {
  firstMonth2021?: string
  /** Set when the whole file's vintage is already known (see resolveFileVintage). */
  vintage?: LsoaVintage
}

/**
 * Validates and normalises one data row (fields already split by a CSV parser, line ending stripped).
 * Returns every problem found rather than the first, so a rejected file can be fixed in one pass.
 */
export function normaliseRow(fields: readonly string[], options: NormaliseOptions = {}): RowResult {
  if (fields.length !== POLICE_UK_HEADER.length) {
    return { ok: false, errors: [`expected ${POLICE_UK_HEADER.length} fields, found ${fields.length}`] }
  }
  const [crimeIdRaw, month, reportedBy, fallsWithin, lon, lat, locationRaw, lsoaCodeRaw, lsoaNameRaw] =
    fields as [string, string, string, string, string, string, string, string, string]
  const crimeType = (fields[9] as string).trim()
  const lastOutcome = blankToNull(fields[10] as string)
  const context = blankToNull(fields[11] as string)
  const errors: string[] = []

  if (!MONTH.test(month)) errors.push(`Month "${month}" is not YYYY-MM`)
  if (reportedBy.trim() === '') errors.push('Reported by is empty')
  if (fallsWithin.trim() === '') errors.push('Falls within is empty')

  const category = classifyCrimeType(crimeType)
  if (category === undefined) errors.push(`Crime type "${crimeType}" is not a police.uk category`)

  const crimeId = blankToNull(crimeIdRaw)
  // police.uk gives ASB no crime reference; an ID on an ASB row means the columns are shifted or mislabelled.
  if (category === 'asb' && crimeId !== null) errors.push('an Anti-social behaviour row has a Crime ID')
  if (category === 'asb' && lastOutcome !== null) errors.push('an Anti-social behaviour row has an outcome')

  const longitude = parseCoordinate(lon, -180, 180, 'Longitude', errors)
  const latitude = parseCoordinate(lat, -90, 90, 'Latitude', errors)
  if ((longitude === null) !== (latitude === null)) errors.push('only one of Longitude and Latitude is given')

  const noLocation = locationRaw.trim().toLowerCase() === 'no location' || locationRaw.trim() === ''
  const location = noLocation ? null : locationRaw
  const lsoaCode = blankToNull(lsoaCodeRaw)?.trim() ?? null
  const lsoaName = blankToNull(lsoaNameRaw)?.trim() ?? null
  let district: string | null = null
  if (lsoaCode !== null && !LSOA_CODE.test(lsoaCode))
    errors.push(`LSOA code "${lsoaCode}" is not an E01/W01 code`)
  if ((lsoaCode === null) !== (lsoaName === null)) errors.push('only one of LSOA code and LSOA name is given')
  if (lsoaName !== null) {
    district = districtOf(lsoaName) ?? null
    if (district === null) errors.push(`LSOA name "${lsoaName}" does not end in a code like " 001A"`)
  }

  if (errors.length > 0 || category === undefined) return { ok: false, errors }
  const vintage =
    lsoaCode === null ? null : (options.vintage ?? lsoaVintage(lsoaCode, month, options.firstMonth2021))
  return {
    ok: true,
    row: {
      crimeId,
      month,
      reportedBy: reportedBy.trim(),
      fallsWithin: fallsWithin.trim(),
      longitude,
      latitude,
      location,
      lsoaCode,
      lsoaName,
      lsoaVintage: vintage,
      district,
      crimeType,
      category,
      lastOutcome,
      context,
    },
  }
}

/** "Warwickshire Police" / "warwickshire" / "West Mercia" -> "warwickshire", "west-mercia". */
export function forceSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/\bpolice\b/g, ' ')
    .replace(/\bconstabulary\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
