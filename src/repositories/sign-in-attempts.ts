import type { Queryable } from '../db/transaction.ts'

/** Failed sign-ins with an email address that is no account, by a hash of that address. */
export type UnknownEmailAttempts = { failures: number; lockedUntil: Date | null }

export async function findUnknownEmailAttempts(
  db: Queryable,
  emailHash: string,
): Promise<UnknownEmailAttempts | undefined> {
  const { rows } = await db.query(
    'SELECT failures, locked_until FROM sign_in_attempts WHERE email_hash = $1',
    [emailHash],
  )
  const row = rows[0]
  return row ? { failures: row.failures, lockedUntil: row.locked_until } : undefined
}

/** Stores the count after a failure, and forgets addresses nobody has tried for a day. */
export async function recordUnknownEmailFailure(
  db: Queryable,
  emailHash: string,
  attempts: UnknownEmailAttempts,
): Promise<void> {
  await db.query(
    `INSERT INTO sign_in_attempts (email_hash, failures, locked_until) VALUES ($1, $2, $3)
     ON CONFLICT (email_hash) DO UPDATE
       SET failures = EXCLUDED.failures, locked_until = EXCLUDED.locked_until, updated_at = now()`,
    [emailHash, attempts.failures, attempts.lockedUntil],
  )
  await db.query(
    `DELETE FROM sign_in_attempts WHERE updated_at < now() - interval '1 day'
       AND (locked_until IS NULL OR locked_until < now())`,
  )
}
