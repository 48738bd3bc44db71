import { createHash } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { Secret, TOTP } from 'otpauth'
import type pg from 'pg'
import type { Config } from '../config/config.ts'
import { withTransaction } from '../db/transaction.ts'
import { isRole, type Role, roleRequiresSecondFactor } from '../domain/staff/roles.ts'
import { afterFailedSignIn, isLocked, passwordProblem } from '../domain/staff/sign-in-policy.ts'
import * as organisations from '../repositories/organisations.ts'
import * as sessions from '../repositories/sessions.ts'
import * as signInAttempts from '../repositories/sign-in-attempts.ts'
import * as staff from '../repositories/staff.ts'
import type { Actor, AuditService } from './audit.ts'
import { InputError } from './errors.ts'
import { SealedValueError, type SecretBox, totpSecretContext } from './secrets/secret-box.ts'

// The read models the account pages are given: the web takes these from here, not from the repositories.
export type { TeamSummary } from '../repositories/organisations.ts'

// OWASP's argon2id profile: 19 MiB, 2 passes, 1 lane.
const ARGON2_OPTIONS = {
  algorithm: 2 /* argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

/** The signed-in person as pages see them: the stored account without its secrets and sign-in counters. */
export type SignedInUser = Pick<
  staff.StaffUser,
  'id' | 'email' | 'displayName' | 'role' | 'teamId' | 'teamName' | 'teamPathway' | 'organisationName'
> & {
  /** An authenticator app is set up on the account. */
  secondFactorEnabled: boolean
}

/** An account as the administrator's pages list it: never its password hash or authenticator secret. */
export type StaffAccount = Omit<staff.StaffUser, 'passwordHash' | 'totpSecret'>

const withoutSecrets = ({
  passwordHash: _hash,
  totpSecret: _secret,
  ...account
}: staff.StaffUser): StaffAccount => account

export type SignInResult =
  | { outcome: 'signed_in'; user: SignedInUser }
  | { outcome: 'second_factor_required'; userId: string }
  | { outcome: 'second_factor_setup_required'; userId: string }
  | { outcome: 'rejected' }
  | { outcome: 'locked'; until: Date }

const toSignedIn = (u: staff.StaffUser): SignedInUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  teamId: u.teamId,
  teamName: u.teamName,
  teamPathway: u.teamPathway,
  organisationName: u.organisationName,
  secondFactorEnabled: u.totpEnabled,
})

const totpFor = (email: string, secret: string) =>
  new TOTP({
    issuer: 'Victim Hub',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  })

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined

const emailHash = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex')

export function createAccountsService(
  pool: pg.Pool,
  audit: AuditService,
  config: Pick<Config, 'signIn'>,
  secrets: SecretBox,
) {
  /** The account's authenticator secret, or undefined when none is stored or it does not open here. */
  const totpSecretOf = async (user: staff.StaffUser): Promise<string | undefined> => {
    if (!user.totpSecret) return undefined
    try {
      return await secrets.open(user.totpSecret, totpSecretContext(user.id))
    } catch (error) {
      if (error instanceof SealedValueError) return undefined
      throw error
    }
  }

  /**
   * An email address that is no account fails, counts and locks exactly as a real account with a wrong
   * password does (and takes as long), so the answers never tell which addresses are accounts.
   */
  const signInWithUnknownEmail = async (
    email: string,
    password: string,
    actor: Actor,
  ): Promise<SignInResult> => {
    const key = emailHash(email)
    const attempts = await signInAttempts.findUnknownEmailAttempts(pool, key)
    const details = { email: email.slice(0, 200), reason: 'unknown_email' }
    if (attempts && isLocked(attempts.lockedUntil, new Date())) {
      await audit.record(actor, { action: 'sign_in.refused_locked', details })
      return { outcome: 'locked', until: attempts.lockedUntil as Date }
    }
    decoyHash ??= hash('decoy password for timing', ARGON2_OPTIONS)
    await verify(await decoyHash, password)
    const next = afterFailedSignIn(attempts?.failures ?? 0, new Date(), config.signIn)
    await withTransaction(pool, async (client) => {
      await signInAttempts.recordUnknownEmailFailure(client, key, next)
      await audit.recordWith(client, actor, {
        action: 'sign_in.failed',
        details: { ...details, failures: next.failures, locked: next.lockedUntil !== null },
      })
    })
    return next.lockedUntil ? { outcome: 'locked', until: next.lockedUntil } : { outcome: 'rejected' }
  }

  /** A sign-in that succeeded: failures cleared, the time kept, and audited as the person signing in. */
  const recordSignIn = async (
    client: pg.PoolClient,
    user: staff.StaffUser,
    actor: Actor,
    details?: Record<string, unknown>,
  ) => {
    await staff.recordSuccessfulSignIn(client, user.id)
    await audit.recordWith(
      client,
      { ...actor, userId: user.id, label: user.email },
      { action: 'sign_in', recordType: 'user', recordId: user.id, ...(details ? { details } : {}) },
    )
  }

  const checkSecondFactor = async (userId: string, code: string, actor: Actor): Promise<SignInResult> => {
    const user = await staff.findUserById(pool, userId)
    if (!user?.totpSecret || user.disabled) return { outcome: 'rejected' }
    if (isLocked(user.lockedUntil, new Date())) return { outcome: 'locked', until: user.lockedUntil as Date }
    const secret = await totpSecretOf(user)
    const delta = secret
      ? totpFor(user.email, secret).validate({ token: code.replace(/\s/g, ''), window: 1 })
      : null
    if (delta === null) {
      const next = afterFailedSignIn(user.failedSignIns, new Date(), config.signIn)
      await withTransaction(pool, async (client) => {
        await staff.recordFailedSignIn(client, user.id, next.failures, next.lockedUntil)
        await audit.recordWith(client, actor, {
          action: 'sign_in.second_factor_failed',
          recordType: 'user',
          recordId: user.id,
          details: { failures: next.failures, locked: next.lockedUntil !== null },
        })
      })
      return next.lockedUntil ? { outcome: 'locked', until: next.lockedUntil } : { outcome: 'rejected' }
    }
    await withTransaction(pool, (client) => recordSignIn(client, user, actor, { secondFactor: true }))
    return { outcome: 'signed_in', user: toSignedIn(user) }
  }

  const endSessions = async (client: pg.PoolClient, userId: string, reason: string, actor: Actor) => {
    const ended = await sessions.deleteSessionsOfUser(client, userId)
    await audit.recordWith(client, actor, {
      action: 'sessions.ended',
      recordType: 'user',
      recordId: userId,
      details: { reason, sessions: ended },
    })
  }

  return {
    hashPassword: (password: string) => hash(password, ARGON2_OPTIONS),

    async signIn(email: string, password: string, actor: Actor): Promise<SignInResult> {
      const user = await staff.findUserByEmail(pool, email.trim())
      if (!user) return signInWithUnknownEmail(email.trim(), password, actor)
      if (isLocked(user.lockedUntil, new Date())) {
        await audit.record(actor, { action: 'sign_in.refused_locked', recordType: 'user', recordId: user.id })
        return { outcome: 'locked', until: user.lockedUntil as Date }
      }
      const passwordOk =
        !user.disabled && user.passwordHash !== null && (await verify(user.passwordHash, password))
      if (!passwordOk) {
        const next = afterFailedSignIn(user.failedSignIns, new Date(), config.signIn)
        await withTransaction(pool, async (client) => {
          await staff.recordFailedSignIn(client, user.id, next.failures, next.lockedUntil)
          await audit.recordWith(client, actor, {
            action: next.lockedUntil ? 'account.locked' : 'sign_in.failed',
            recordType: 'user',
            recordId: user.id,
            details: {
              failures: next.failures,
              reason: user.disabled
                ? 'disabled'
                : user.passwordHash
                  ? 'wrong_password'
                  : 'single_sign_on_only',
            },
          })
        })
        return next.lockedUntil ? { outcome: 'locked', until: next.lockedUntil } : { outcome: 'rejected' }
      }
      if (user.totpEnabled) return { outcome: 'second_factor_required', userId: user.id }
      if (roleRequiresSecondFactor(user.role))
        return { outcome: 'second_factor_setup_required', userId: user.id }
      await withTransaction(pool, (client) => recordSignIn(client, user, actor))
      return { outcome: 'signed_in', user: toSignedIn(user) }
    },

    checkSecondFactor,

    /**
     * A new secret for a user to add to an authenticator app; it is only switched on once a code proves it.
     * An account that already has one keeps it: a password alone must never replace the second factor.
     */
    async beginSecondFactorSetup(userId: string): Promise<{ secret: string; uri: string } | undefined> {
      const user = await staff.findUserById(pool, userId)
      if (!user) throw new InputError('user', 'No such user')
      if (user.totpEnabled) return undefined
      const secret = new Secret({ size: 20 }).base32
      await staff.setTotp(pool, userId, secrets.seal(secret, totpSecretContext(userId)), false)
      return { secret, uri: totpFor(user.email, secret).toString() }
    },

    async confirmSecondFactorSetup(userId: string, code: string, actor: Actor): Promise<SignInResult> {
      const user = await staff.findUserById(pool, userId)
      const secret = user ? await totpSecretOf(user) : undefined
      if (!user?.totpSecret || !secret) return { outcome: 'rejected' }
      const delta = totpFor(user.email, secret).validate({
        token: code.replace(/\s/g, ''),
        window: 1,
      })
      if (delta === null || user.totpEnabled) return { outcome: 'rejected' }
      await withTransaction(pool, async (client) => {
        await staff.setTotp(client, user.id, user.totpSecret, true)
        await audit.recordWith(
          client,
          { ...actor, userId: user.id, label: user.email },
          { action: 'second_factor.enabled', recordType: 'user', recordId: user.id },
        )
        await recordSignIn(client, user, actor)
      })
      return { outcome: 'signed_in', user: toSignedIn(user) }
    },

    async currentUser(userId: string): Promise<SignedInUser | undefined> {
      const user = await staff.findUserById(pool, userId)
      return user && !user.disabled ? toSignedIn(user) : undefined
    },

    async createUser(
      input: {
        email: string
        displayName: string
        role: string
        teamName?: string | undefined
        password: string
      },
      actor: Actor,
    ): Promise<string> {
      const email = input.email.trim()
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw new InputError('email', 'Enter an email address like name@example.org')
      if (!input.displayName.trim()) throw new InputError('name', 'Enter the person’s name')
      if (!isRole(input.role))
        throw new InputError('role', `Role must be one of the staff roles (got "${input.role}")`)
      const problem = passwordProblem(input.password)
      if (problem) throw new InputError('password', problem)
      let teamId: string | null = null
      if (input.teamName) {
        const team = await organisations.findTeamByName(pool, input.teamName)
        if (!team) throw new InputError('team', `No team is called "${input.teamName}"`)
        teamId = team.id
      }
      if (await staff.findUserByEmail(pool, email))
        throw new InputError('email', `A user with email ${email} already exists`)
      const passwordHash = await hash(input.password, ARGON2_OPTIONS)
      return withTransaction(pool, async (client) => {
        const id = await staff.insertUser(client, {
          email,
          displayName: input.displayName.trim(),
          role: input.role as Role,
          teamId,
          passwordHash,
        })
        await audit.recordWith(client, actor, {
          action: 'user.created',
          recordType: 'user',
          recordId: id,
          details: { email, role: input.role, team: input.teamName ?? null },
        })
        return id
      })
    },

    async changeRole(userId: string, role: string, teamId: string | null, actor: Actor): Promise<void> {
      if (!isRole(role)) throw new InputError('role', `Role must be one of the staff roles (got "${role}")`)
      const before = await staff.findUserById(pool, userId)
      if (!before) throw new InputError('user', 'No such user')
      if (before.role === role && before.teamId === teamId) return
      await withTransaction(pool, async (client) => {
        await staff.updateUserRole(client, userId, role, teamId)
        await audit.recordWith(client, actor, {
          action: 'user.role_changed',
          recordType: 'user',
          recordId: userId,
          details: { from: { role: before.role, teamId: before.teamId }, to: { role, teamId } },
        })
        // What a person may see follows from role and team: they sign in again under the new ones, and
        // as an administrator that means setting up a second factor first.
        await endSessions(client, userId, 'role_changed', actor)
      })
    },

    async setDisabled(userId: string, disabled: boolean, actor: Actor): Promise<void> {
      await withTransaction(pool, async (client) => {
        await staff.setUserDisabled(client, userId, disabled)
        await audit.recordWith(client, actor, {
          action: disabled ? 'user.disabled' : 'user.enabled',
          recordType: 'user',
          recordId: userId,
        })
        if (disabled) await endSessions(client, userId, 'disabled', actor)
      })
    },

    listUsers: async (): Promise<StaffAccount[]> => (await staff.listUsers(pool)).map(withoutSecrets),
    listTeams: () => organisations.listTeams(pool),
  }
}

export type AccountsService = ReturnType<typeof createAccountsService>
