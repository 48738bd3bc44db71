import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import * as keys from '../repositories/api-keys.ts'
import { findOrganisationByName } from '../repositories/organisations.ts'
import type { Actor, AuditService } from './audit.ts'
import { InputError } from './errors.ts'

export const API_SCOPES = ['referrals', 'case-events'] as const

// The secret is 32 random bytes, so a fast hash is enough: there is nothing to brute-force.
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

export type ApiClient = { keyId: string; organisationId: string; organisationName: string; scopes: string[] }

export function createApiKeysService(pool: pg.Pool, audit: AuditService) {
  return {
    /** Makes a key and returns it in full, the only time it is ever shown. */
    async create(input: { organisation: string; label: string; scopes: string[] }, actor: Actor) {
      const organisation = await findOrganisationByName(pool, input.organisation)
      if (!organisation)
        throw new InputError('organisation', `No organisation is called "${input.organisation}"`)
      const unknown = input.scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s))
      if (input.scopes.length === 0 || unknown.length > 0) {
        throw new InputError(
          'scopes',
          `Scopes must be some of ${API_SCOPES.join(', ')}${unknown.length ? ` (got ${unknown.join(', ')})` : ''}`,
        )
      }
      if (!input.label.trim())
        throw new InputError('label', 'Enter a label that says which system uses the key')
      const id = randomBytes(6).toString('hex')
      const secret = randomBytes(32).toString('base64url')
      await withTransaction(pool, async (client) => {
        await keys.insertApiKey(client, {
          id,
          organisationId: organisation.id,
          label: input.label.trim(),
          scopes: input.scopes,
          secretHash: hashSecret(secret),
          createdBy: actor.userId,
        })
        await audit.recordWith(client, actor, {
          action: 'api_key.created',
          recordType: 'api_key',
          recordId: id,
          details: { organisation: organisation.name, scopes: input.scopes, label: input.label.trim() },
        })
      })
      return { id, key: `vh_${id}_${secret}` }
    },

    async revoke(id: string, actor: Actor): Promise<boolean> {
      return withTransaction(pool, async (client) => {
        const revoked = await keys.revokeApiKey(client, id)
        if (revoked)
          await audit.recordWith(client, actor, {
            action: 'api_key.revoked',
            recordType: 'api_key',
            recordId: id,
          })
        return revoked
      })
    },

    list: () => keys.listApiKeys(pool),

    /** The organisation behind a presented key, or undefined for a malformed, unknown or revoked one. */
    async authenticate(presented: string | undefined): Promise<ApiClient | undefined> {
      const match = /^vh_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented?.trim() ?? '')
      if (!match) return undefined
      const [, id, secret] = match as unknown as [string, string, string]
      const stored = await keys.findApiKey(pool, id)
      if (!stored || stored.revokedAt) return undefined
      const expected = Buffer.from(stored.secretHash, 'hex')
      const actual = Buffer.from(hashSecret(secret), 'hex')
      if (!timingSafeEqual(expected, actual)) return undefined
      await keys.touchApiKey(pool, id)
      return {
        keyId: id,
        organisationId: stored.organisationId,
        organisationName: stored.organisationName,
        scopes: stored.scopes,
      }
    },
  }
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>
