// The OpenID Connect providers organisations sign their staff in with, and the link from a provider's
// person (its "sub") to a hub account.
import type { Queryable } from '../db/transaction.ts'
import type { RoleMapping } from '../domain/staff/single-sign-on.ts'
import { selectRow, selectRows } from './rows.ts'

export type IdentityProvider = {
  id: string
  organisationId: string
  organisationName: string
  slug: string
  displayName: string
  issuer: string
  clientId: string
  /** Sealed: open it with the secret box, context `identityProviderSecretContext(id)` (secret-box.ts). */
  clientSecret: string
  roleClaim: string
  roleMappings: RoleMapping[]
  createAccounts: boolean
}

const SELECT_PROVIDER = `
  SELECT p.id, p.organisation_id, o.name AS organisation_name, p.slug, p.display_name, p.issuer, p.client_id,
         p.client_secret, p.role_claim, p.role_mappings, p.create_accounts
    FROM identity_providers p JOIN organisations o ON o.id = p.organisation_id`

export const listIdentityProviders = (db: Queryable) =>
  selectRows<IdentityProvider>(db, `${SELECT_PROVIDER} ORDER BY p.display_name`)

export const findIdentityProviderBySlug = (db: Queryable, slug: string) =>
  selectRow<IdentityProvider>(db, `${SELECT_PROVIDER} WHERE p.slug = $1`, [slug])

export async function insertIdentityProvider(
  db: Queryable,
  provider: Omit<IdentityProvider, 'id' | 'organisationName' | 'clientSecret'> & {
    id: string
    clientSecret: string
  },
): Promise<void> {
  await db.query(
    `INSERT INTO identity_providers (id, organisation_id, slug, display_name, issuer, client_id, client_secret,
                                     role_claim, role_mappings, create_accounts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      provider.id,
      provider.organisationId,
      provider.slug,
      provider.displayName,
      provider.issuer,
      provider.clientId,
      provider.clientSecret,
      provider.roleClaim,
      JSON.stringify(provider.roleMappings),
      provider.createAccounts,
    ],
  )
}

/** The hub account a provider's person is linked to, if any. */
export async function findLinkedUserId(
  db: Queryable,
  providerId: string,
  subject: string,
): Promise<string | undefined> {
  const row = await selectRow<{ userId: string }>(
    db,
    'SELECT user_id FROM user_identities WHERE provider_id = $1 AND subject = $2',
    [providerId, subject],
  )
  return row?.userId
}

export async function linkIdentity(db: Queryable, providerId: string, subject: string, userId: string) {
  await db.query(
    `INSERT INTO user_identities (provider_id, subject, user_id, last_sign_in_at) VALUES ($1, $2, $3, now())`,
    [providerId, subject, userId],
  )
}

export async function touchIdentity(db: Queryable, providerId: string, subject: string) {
  await db.query(
    'UPDATE user_identities SET last_sign_in_at = now() WHERE provider_id = $1 AND subject = $2',
    [providerId, subject],
  )
}

/** Every provider's sealed client secret, for moving them to a new encryption key. */
export const listClientSecrets = (db: Queryable) =>
  selectRows<{ id: string; clientSecret: string }>(
    db,
    'SELECT id, client_secret FROM identity_providers ORDER BY id',
  )

/** Replaces a client secret only if it is still the one read (a rotation never overwrites a newer one). */
export async function replaceClientSecret(
  db: Queryable,
  id: string,
  from: string,
  to: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE identity_providers SET client_secret = $3 WHERE id = $1 AND client_secret = $2',
    [id, from, to],
  )
  return (rowCount ?? 0) > 0
}
