import { join, resolve } from 'node:path'

/** The project's shared folder (data contracts, real public data), beside the repository by default. */
export const SHARED_DIR =
  process.env.VICTIM_HUB_SHARED_DIR ?? resolve(import.meta.dirname, '..', '..', '..', 'shared')
export const SHARED_DATA_DIR = join(SHARED_DIR, 'data')
