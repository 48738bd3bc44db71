import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type pg from 'pg'
import type { Config } from '../config/config.ts'
import type { Database } from '../db/database.ts'
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

/**
 * Everything the configuration leaves to the running hub: the session secret, and on the embedded
 * database the audit checkpoint file in the data directory when none is named.
 */
export async function withRuntimeSecrets(
  database: Pick<Database, 'pool' | 'embedded'>,
  config: Config,
): Promise<Config> {
  const withSecret = await withSessionSecret(database.pool, config)
  const auditCheckpointFile =
    config.auditCheckpointFile ??
    (database.embedded ? join(config.dataDir, 'audit-checkpoint.json') : undefined)
  return { ...withSecret, auditCheckpointFile }
}
