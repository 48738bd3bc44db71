// How forces write the same value in different ways (date-time styles, flag case, postcode spacing):
// intake must read them all, so the synthetic feed sends them all.
import { DateTime } from 'luxon'
import { LONDON, parseDateTime } from '../../domain/referral-feed/dates.ts'
import { FEED_FIELD_NAMES } from '../../domain/referral-feed/fields.ts'
import type { Rng } from '../random.ts'
import type { FeedRecord } from './state.ts'

/** Down to the whole minute, as police systems record times. */
export const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000

/** Date-times in the forms forces really send: Z, an offset, or London wall time. */
export function formatDateTime(rng: Rng, ms: number): string {
  const utc = DateTime.fromMillis(ms, { zone: 'utc' })
  const local = DateTime.fromMillis(ms, { zone: LONDON })
  const style = rng.weighted([
    ['z', 12],
    ['offset', 4],
    ['local', 3],
    ['localT', 1],
  ] as const)
  const z = utc.toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'")
  if (style === 'z') return z
  if (style === 'offset') return local.toFormat("yyyy-LL-dd'T'HH:mm:ssZZ")
  const wall =
    style === 'local' ? local.toFormat('yyyy-LL-dd HH:mm:ss') : local.toFormat("yyyy-LL-dd'T'HH:mm")
  // A wall time in the autumn repeat hour reads back as the BST one; keep such instants exact.
  return parseDateTime(wall) === utc.toISO() ? wall : z
}

/** A Y/N flag as sent, now and then in lower case; an unknown one is mostly left blank. */
export function formatFlag(rng: Rng, flag: 'Y' | 'N' | 'U'): string {
  if (flag === 'U') return rng.chance(0.6) ? '' : 'U'
  return rng.chance(0.05) ? flag.toLowerCase() : flag
}

/** A postcode as typed: mostly `CV34 4AB`, sometimes without the space or in lower case. */
export function formatPostcode(rng: Rng, postcode: string): string {
  const style = rng.weighted([
    ['canonical', 17],
    ['compact', 2],
    ['lower', 1],
  ] as const)
  if (style === 'compact') return postcode.replace(' ', '')
  if (style === 'lower') return postcode.toLowerCase()
  return postcode
}

/** A record with every spec field present and blank. */
export function blankRecord(): FeedRecord {
  return Object.fromEntries(FEED_FIELD_NAMES.map((n) => [n, ''])) as FeedRecord
}
