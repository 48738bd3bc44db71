// Secrets the hub must read back (authenticator secrets) are kept encrypted with AES-256-GCM under a
// key from outside the database (docs/adr/0021). Each value names the key that sealed it, so earlier
// keys can still open values during a key rotation, and is bound to the row it belongs to (the
// "context"), so a value copied to another account's row does not open there.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { type Config, decodeKey } from '../../config/config.ts'

const FORMAT = 'vh1'
const IV_BYTES = 12

export type KeySet = { current: Buffer; previous: Buffer[] }

/** Raised when a secret must be sealed or opened and no encryption key was configured. */
export class MissingEncryptionKeyError extends Error {
  constructor() {
    super('No encryption key is configured: set VICTIM_HUB_ENCRYPTION_KEY')
    this.name = 'MissingEncryptionKeyError'
  }
}

/** Raised for a value that is not sealed, was sealed with an unknown key, or was changed. */
export class SealedValueError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SealedValueError'
  }
}

/** A short, stable name for a key that says nothing about it. */
export const keyId = (key: Buffer): string =>
  createHash('sha256').update('victim-hub encryption key\n').update(key).digest('hex').slice(0, 12)

export const isSealed = (value: string): boolean => value.startsWith(`${FORMAT}.`)

/** The key id a sealed value names, or undefined for a value that is not sealed. */
export const sealedWith = (value: string): string | undefined =>
  isSealed(value) ? value.split('.')[1] : undefined

export function keySetOf(encryption: Config['encryption']): KeySet | undefined {
  if (!encryption.key) return undefined
  return {
    current: decodeKey(encryption.key) as Buffer,
    previous: encryption.previousKeys.map((key) => decodeKey(key) as Buffer),
  }
}

/**
 * Seals and opens values with the current key set. `reload` is asked once for a fresh key set when a
 * value names a key not in the one held: a rotation made by another process (the command line beside a
 * running hub) is then followed without a restart.
 */
export function createSecretBox(keys: KeySet | undefined, reload?: () => Promise<KeySet | undefined>) {
  let held = keys
  const byId = () => {
    const map = new Map<string, Buffer>()
    if (held) for (const key of [held.current, ...held.previous]) map.set(keyId(key), key)
    return map
  }
  let known = byId()
  const current = () => {
    if (!held) throw new MissingEncryptionKeyError()
    return held.current
  }

  const box = {
    get configured() {
      return held !== undefined
    },
    currentKeyId: () => keyId(current()),
    /** Whether a key held can open this value (a plain value counts as openable: it needs none). */
    canOpen: (value: string): boolean => {
      const id = sealedWith(value)
      return id === undefined || known.has(id)
    },

    seal(plain: string, context: string): string {
      const key = current()
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [FORMAT, keyId(key), iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.')
    },

    async open(sealed: string, context: string): Promise<string> {
      const parts = sealed.split('.')
      if (parts.length !== 5 || parts[0] !== FORMAT) throw new SealedValueError('The value is not sealed')
      const [, id, iv, tag, body] = parts as [string, string, string, string, string]
      if (!known.has(id) && reload) {
        held = (await reload()) ?? held
        known = byId()
      }
      const key = known.get(id)
      if (!key) {
        if (!held) throw new MissingEncryptionKeyError()
        throw new SealedValueError(`The value was sealed with key ${id}, which is not configured`)
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        )
      } catch {
        throw new SealedValueError('The value was changed, or belongs to another record')
      }
    },
  }
  return box
}

export type SecretBox = ReturnType<typeof createSecretBox>

/** Where each kind of secret is bound: the column and the row it lives in. */
export const totpSecretContext = (userId: string) => `users.totp_secret:${userId}`
export const identityProviderSecretContext = (providerId: string) =>
  `identity_providers.client_secret:${providerId}`
