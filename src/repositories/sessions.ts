import type { Queryable } from '../db/transaction.ts'

export type StoredSession = { data: Record<string, unknown>; createdAt: Date; lastSeenAt: Date }

export async function readSession(db: Queryable, id: string): Promise<StoredSession | undefined> {
  const { rows } = await db.query('SELECT data, created_at, last_seen_at FROM sessions WHERE id = $1', [id])
  const row = rows[0]
  return row ? { data: row.data, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : undefined
}

export async function writeSession(
  db: Queryable,
  id: string,
  data: Record<string, unknown>,
  userId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, data, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, user_id = EXCLUDED.user_id, last_seen_at = now()`,
    [id, JSON.stringify(data), userId],
  )
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [id])
}

/** Ends every session a user holds, signed in or half-way through signing in; returns how many. */
export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM sessions WHERE user_id = $1 OR data->>'pendingUserId' = $1::text`,
    [userId],
  )
  return rowCount ?? 0
}

export async function deleteStaleSessions(
  db: Queryable,
  idleMinutes: number,
  absoluteHours: number,
): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM sessions WHERE last_seen_at < now() - make_interval(mins => $1)
       OR created_at < now() - make_interval(hours => $2)`,
    [idleMinutes, absoluteHours],
  )
  return rowCount ?? 0
}
