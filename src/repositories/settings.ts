import type { Queryable } from '../db/transaction.ts'

export async function readSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const { rows } = await db.query('SELECT value FROM app_settings WHERE key = $1', [key])
  return rows[0]?.value as T | undefined
}

/** Writes the value only if the key is new; returns the value that is stored afterwards. */
export async function insertSettingOnce<T>(db: Queryable, key: string, value: T): Promise<T> {
  await db.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
    key,
    JSON.stringify(value),
  ])
  return (await readSetting<T>(db, key)) as T
}

export async function writeSetting<T>(db: Queryable, key: string, value: T): Promise<void> {
  await db.query(
    `INSERT INTO app_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  )
}
