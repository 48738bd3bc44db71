import type { Queryable } from '../db/transaction.ts'
import type { Role } from '../domain/staff/roles.ts'
import { selectRow, selectRows } from './rows.ts'

export type StaffUser = {
  id: string
  email: string
  displayName: string
  role: Role
  teamId: string | null
  teamName: string | null
  teamPathway: string | null
  organisationId: string | null
  organisationName: string | null
  /** Null for an account made by single sign-on, which signs in only there. */
  passwordHash: string | null
  totpSecret: string | null
  totpEnabled: boolean
  failedSignIns: number
  lockedUntil: Date | null
  disabled: boolean
  lastSignInAt: Date | null
}

const SELECT_USER = `
  SELECT u.id, u.email, u.display_name, u.role, u.team_id, t.name AS team_name, t.pathway AS team_pathway,
         o.id AS organisation_id, o.name AS organisation_name, u.password_hash, u.totp_secret, u.totp_enabled,
         u.failed_sign_ins, u.locked_until, u.disabled, u.last_sign_in_at
  FROM users u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN organisations o ON o.id = t.organisation_id`

export async function findUserByEmail(db: Queryable, email: string): Promise<StaffUser | undefined> {
  return selectRow<StaffUser>(db, `${SELECT_USER} WHERE lower(u.email) = lower($1)`, [email])
}

export async function findUserById(db: Queryable, id: string): Promise<StaffUser | undefined> {
  return selectRow<StaffUser>(db, `${SELECT_USER} WHERE u.id = $1`, [id])
}

export async function listUsers(db: Queryable): Promise<StaffUser[]> {
  return selectRows<StaffUser>(db, `${SELECT_USER} ORDER BY u.role, u.display_name`)
}

export async function insertUser(
  db: Queryable,
  user: {
    email: string
    displayName: string
    role: Role
    teamId: string | null
    passwordHash: string | null
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, team_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [user.email, user.displayName, user.role, user.teamId, user.passwordHash],
  )
  return (rows[0] as { id: string }).id
}

export async function recordFailedSignIn(
  db: Queryable,
  id: string,
  failures: number,
  lockedUntil: Date | null,
): Promise<void> {
  await db.query('UPDATE users SET failed_sign_ins = $2, locked_until = $3 WHERE id = $1', [
    id,
    failures,
    lockedUntil,
  ])
}

export async function recordSuccessfulSignIn(db: Queryable, id: string): Promise<void> {
  await db.query(
    'UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = now() WHERE id = $1',
    [id],
  )
}

export async function updateUserRole(
  db: Queryable,
  id: string,
  role: Role,
  teamId: string | null,
): Promise<void> {
  await db.query('UPDATE users SET role = $2, team_id = $3 WHERE id = $1', [id, role, teamId])
}

export async function setUserDisabled(db: Queryable, id: string, disabled: boolean): Promise<void> {
  await db.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled])
}

export async function setPasswordHash(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash])
}

export async function setTotp(
  db: Queryable,
  id: string,
  secret: string | null,
  enabled: boolean,
): Promise<void> {
  await db.query('UPDATE users SET totp_secret = $2, totp_enabled = $3 WHERE id = $1', [id, secret, enabled])
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
  return rows[0]?.n ?? 0
}

/** Every stored authenticator secret, for sealing plain ones and re-sealing under a new key. */
export async function listTotpSecrets(db: Queryable): Promise<{ id: string; totpSecret: string }[]> {
  return selectRows(db, 'SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id')
}

/** Replaces a stored secret only if it is still the one read, so a set-up made meanwhile is kept. */
export async function replaceTotpSecret(
  db: Queryable,
  id: string,
  from: string,
  to: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE users SET totp_secret = $3 WHERE id = $1 AND totp_secret = $2',
    [id, from, to],
  )
  return (rowCount ?? 0) > 0
}
