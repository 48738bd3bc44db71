import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'

/** The project's own public sample data (samples/README.md says where each file comes from). */
export const SAMPLES_DIR = resolve(import.meta.dirname, '..', '..', 'samples')
export const POLICE_UK_DIR = join(SAMPLES_DIR, 'police_uk')
export const WARWICKSHIRE_DIR = join(POLICE_UK_DIR, 'warwickshire_street')
export const ONS_POPULATION_DIR = join(SAMPLES_DIR, 'ons_population')
export const CALENDAR_DIR = join(SAMPLES_DIR, 'calendar')

/** One Warwickshire police.uk month, e.g. '2025-01', as stored (gzip-compressed CSV). */
export const warwickshireMonth = (month: string): string =>
  join(WARWICKSHIRE_DIR, `${month}-warwickshire-street.csv.gz`)

/** A sample file's bytes as published: gzip-compressed files are read through gunzip. */
export function readSample(path: string): Buffer {
  const stored = readFileSync(path)
  return path.endsWith('.gz') ? gunzipSync(stored) : stored
}
