// On the embedded database with no VICTIM_HUB_ENCRYPTION_KEY, the key is made on first start and kept
// in the data directory, readable by the hub's user only, beside (not inside) the database.
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { decodeKey } from '../../config/config.ts'

export type StoredKeys = { current: string; previous: string[] }

export const newEncryptionKey = (): string => randomBytes(32).toString('base64')

export async function readKeyFile(path: string): Promise<StoredKeys | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const stored = JSON.parse(text) as StoredKeys
  const keys = [stored.current, ...(stored.previous ?? [])]
  if (keys.some((key) => typeof key !== 'string' || !decodeKey(key)))
    throw new Error(`The encryption key file ${path} does not hold 32-byte keys`)
  return { current: stored.current, previous: stored.previous ?? [] }
}

/** Written to a temporary file and renamed, so a crash leaves either the old keys or the new ones. */
export async function writeKeyFile(path: string, keys: StoredKeys): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
}

/** The keys in the file, made first when there is none. */
export async function ensureKeyFile(path: string): Promise<StoredKeys> {
  const existing = await readKeyFile(path)
  if (existing) return existing
  const made = { current: newEncryptionKey(), previous: [] }
  await writeKeyFile(path, made)
  return made
}
