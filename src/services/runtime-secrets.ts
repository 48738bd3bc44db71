import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type pg from 'pg'
import { type Config, ConfigError } from '../config/config.ts'
import type { Database } from '../db/database.ts'
import { insertSettingOnce } from '../repositories/settings.ts'
import { resealSecrets, secretBoxFor } from './secrets/index.ts'
import { ensureKeyFile } from './secrets/key-file.ts'

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
 * The key that encrypts secrets at rest: VICTIM_HUB_ENCRYPTION_KEY; on the embedded database without
 * one, a key made once and kept in the data directory. A server database without one refuses to start
 * (docs/adr/0021): a key kept in the database beside what it encrypts would protect nothing.
 */
async function withEncryptionKey(embedded: boolean, config: Config): Promise<Config> {
  if (config.encryption.key) return config
  if (!embedded) {
    throw new ConfigError([
      'VICTIM_HUB_ENCRYPTION_KEY: must be set when the hub uses a database server (DATABASE_URL); make one with `npx victim-hub secrets new-key` and keep it apart from the database and its backups',
    ])
  }
  const keyFile = join(config.dataDir, 'encryption-keys.json')
  const stored = await ensureKeyFile(keyFile)
  return { ...config, encryption: { key: stored.current, previousKeys: stored.previous, keyFile } }
}

/**
 * Everything the configuration leaves to the running hub: the session secret, the encryption key, and
 * on the embedded database the audit checkpoint file in the data directory when none is named. Secrets
 * an older version left in plain text are encrypted here, before anything reads them.
 */
export async function withRuntimeSecrets(
  database: Pick<Database, 'pool' | 'embedded'>,
  config: Config,
): Promise<Config> {
  const withSecret = await withEncryptionKey(
    database.embedded,
    await withSessionSecret(database.pool, config),
  )
  await resealSecrets(database.pool, secretBoxFor(withSecret.encryption), { plainOnly: true })
  const auditCheckpointFile =
    config.auditCheckpointFile ??
    (database.embedded ? join(config.dataDir, 'audit-checkpoint.json') : undefined)
  return { ...withSecret, auditCheckpointFile }
}
