// Secrets at rest: sealing secrets found in plain text, and moving every sealed secret to a new key.
import type pg from 'pg'
import type { Config } from '../../config/config.ts'
import { listClientSecrets, replaceClientSecret } from '../../repositories/identity-providers.ts'
import { listTotpSecrets, replaceTotpSecret } from '../../repositories/staff.ts'
import type { Actor, AuditService } from '../audit.ts'
import { newEncryptionKey, readKeyFile, writeKeyFile } from './key-file.ts'
import {
  createSecretBox,
  identityProviderSecretContext,
  isSealed,
  keyId,
  keySetOf,
  SealedValueError,
  type SecretBox,
  sealedWith,
  totpSecretContext,
} from './secret-box.ts'

/** Raised when a rotation cannot go ahead; nothing was changed. */
export class KeyRotationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyRotationError'
  }
}

/** A column of sealed secrets: each row's value, how to replace it, and the context it is bound to. */
type SealedColumn = {
  list: (pool: pg.Pool) => Promise<{ id: string; sealed: string }[]>
  replace: (pool: pg.Pool, id: string, from: string, to: string) => Promise<boolean>
  context: (id: string) => string
}

/** Every secret the hub keeps sealed: authenticator secrets and identity providers' client secrets. */
const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    list: async (pool) => (await listTotpSecrets(pool)).map((r) => ({ id: r.id, sealed: r.totpSecret })),
    replace: replaceTotpSecret,
    context: totpSecretContext,
  },
  {
    list: async (pool) => (await listClientSecrets(pool)).map((r) => ({ id: r.id, sealed: r.clientSecret })),
    replace: replaceClientSecret,
    context: identityProviderSecretContext,
  },
]

const allSealed = async (pool: pg.Pool) =>
  (
    await Promise.all(
      SEALED_COLUMNS.map(async (column) => (await column.list(pool)).map((row) => ({ column, ...row }))),
    )
  ).flat()

/**
 * Seals every secret not yet under the box's current key: plain ones (left by an older version of the
 * hub) and ones sealed with an earlier key. Each row is replaced on its own, only if unchanged since it
 * was read, so a crash part-way leaves every row readable with the keys held.
 */
export async function resealSecrets(
  pool: pg.Pool,
  box: SecretBox,
  options: { plainOnly?: boolean } = {},
): Promise<{ resealed: number; unreadable: string[] }> {
  let resealed = 0
  const unreadable: string[] = []
  const current = box.currentKeyId()
  for (const row of await allSealed(pool)) {
    const plain = !isSealed(row.sealed)
    if (options.plainOnly ? !plain : sealedWith(row.sealed) === current) continue
    const context = row.column.context(row.id)
    let value = row.sealed
    if (!plain) {
      try {
        value = await box.open(row.sealed, context)
      } catch (error) {
        // A value changed in the database (or copied from another account) opens under no key: it is
        // left as it is, and that account sets its authenticator up again.
        if (!(error instanceof SealedValueError)) throw error
        unreadable.push(row.id)
        continue
      }
    }
    if (await row.column.replace(pool, row.id, row.sealed, box.seal(value, context))) resealed += 1
  }
  return { resealed, unreadable }
}

/** The secret box for a configuration: its keys, and the key file to read again after a rotation. */
export function secretBoxFor(encryption: Config['encryption']): SecretBox {
  const { keyFile } = encryption
  const reload = keyFile
    ? async () => {
        const stored = await readKeyFile(keyFile)
        return stored ? keySetOf({ key: stored.current, previousKeys: stored.previous }) : undefined
      }
    : undefined
  return createSecretBox(keySetOf(encryption), reload)
}

export type RotationResult = {
  resealed: number
  /** Accounts whose stored secret opens under no key held (changed in the database): left as they are. */
  unreadable: string[]
  keyId: string
  retired: string[]
  keyFile: boolean
}

/**
 * Moves every secret to a new key. With the key in the data directory a new key is made: it is written
 * beside the old one first, every secret is re-sealed, then the old key is dropped. With the key in the
 * environment, VICTIM_HUB_ENCRYPTION_KEY is the new key and VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS the old
 * ones; nothing is changed unless they open every secret.
 */
export async function rotateEncryptionKey(
  pool: pg.Pool,
  encryption: Config['encryption'],
  audit: AuditService,
  actor: Actor,
): Promise<RotationResult> {
  let box: SecretBox
  let retired: string[]
  const { keyFile } = encryption
  if (keyFile && encryption.key) {
    const fresh = newEncryptionKey()
    const old = [encryption.key, ...encryption.previousKeys]
    await writeKeyFile(keyFile, { current: fresh, previous: old })
    box = secretBoxFor({ key: fresh, previousKeys: old, keyFile })
    retired = old.map((key) => keyId(keySetOf({ key, previousKeys: [] })?.current as Buffer))
  } else {
    box = secretBoxFor(encryption)
    retired = encryption.previousKeys.map((key) =>
      keyId(keySetOf({ key, previousKeys: [] })?.current as Buffer),
    )
    const unknownKey = (await allSealed(pool)).filter((row) => !box.canOpen(row.sealed))
    if (unknownKey.length > 0) {
      throw new KeyRotationError(
        `${unknownKey.length} secrets are encrypted with a key that is not in VICTIM_HUB_ENCRYPTION_KEY or VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS (key ${sealedWith(unknownKey[0]?.sealed ?? '')}); nothing was changed. Put the key now in use in VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS and the new one in VICTIM_HUB_ENCRYPTION_KEY.`,
      )
    }
  }
  const { resealed, unreadable } = await resealSecrets(pool, box)
  if (keyFile && encryption.key) {
    const stored = await readKeyFile(keyFile)
    await writeKeyFile(keyFile, { current: stored?.current as string, previous: [] })
  }
  await audit.record(actor, {
    action: 'secrets.key_rotated',
    details: { keyId: box.currentKeyId(), resealed, retired, unreadable },
  })
  return { resealed, unreadable, keyId: box.currentKeyId(), retired, keyFile: keyFile !== undefined }
}
