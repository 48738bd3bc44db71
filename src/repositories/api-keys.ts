import type { Queryable } from '../db/transaction.ts'
import { selectRow, selectRows } from './rows.ts'

export type StoredApiKey = {
  id: string
  organisationId: string
  organisationName: string
  label: string
  scopes: string[]
  secretHash: string
  createdAt: Date
  revokedAt: Date | null
  lastUsedAt: Date | null
}

const SELECT = `SELECT k.id, k.organisation_id, o.name AS organisation_name, k.label, k.scopes, k.secret_hash,
  k.created_at, k.revoked_at, k.last_used_at FROM api_keys k JOIN organisations o ON o.id = k.organisation_id`

export async function insertApiKey(
  db: Queryable,
  key: {
    id: string
    organisationId: string
    label: string
    scopes: string[]
    secretHash: string
    createdBy: string | null
  },
): Promise<void> {
  await db.query(
    'INSERT INTO api_keys (id, organisation_id, label, scopes, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [key.id, key.organisationId, key.label, key.scopes, key.secretHash, key.createdBy],
  )
}

export async function findApiKey(db: Queryable, id: string): Promise<StoredApiKey | undefined> {
  return selectRow<StoredApiKey>(db, `${SELECT} WHERE k.id = $1`, [id])
}

export async function listApiKeys(db: Queryable): Promise<StoredApiKey[]> {
  return selectRows<StoredApiKey>(db, `${SELECT} ORDER BY k.created_at DESC`)
}

export async function revokeApiKey(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
    [id],
  )
  return (rowCount ?? 0) > 0
}

export async function touchApiKey(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id])
}
