import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import type { Config } from '../config/config.ts'
import { insertSettingOnce } from '../repositories/settings.ts'

/**
 * Sessions are signed with SESSION_SECRET when it is set; otherwise with a random secret made on first
 * start and kept in the database, so sessions survive restarts and several processes agree on it.
 */
export async function withSessionSecret(pool: pg.Pool, config: Config): Promise<Config> {
  if (config.sessionSecret) return config
  const secret = await insertSettingOnce(pool, 'session_secret', randomBytes(32).toString('base64url'))
  return { ...config, sessionSecret: secret }
}
