/** What happens to an account after a failed sign-in: lock it for a while once failures reach the limit. */
export function afterFailedSignIn(
  failuresSoFar: number,
  now: Date,
  policy: { maxFailures: number; lockMinutes: number },
): { failures: number; lockedUntil: Date | null } {
  const failures = failuresSoFar + 1
  if (failures >= policy.maxFailures) {
    return { failures, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) }
  }
  return { failures, lockedUntil: null }
}

export const isLocked = (lockedUntil: Date | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil.getTime() > now.getTime()

/** A session ends when idle too long or when it has lived too long, whichever comes first. */
export function sessionExpired(
  session: { createdAt: Date; lastSeenAt: Date },
  now: Date,
  limits: { idleMinutes: number; absoluteHours: number },
): boolean {
  return (
    now.getTime() - session.lastSeenAt.getTime() > limits.idleMinutes * 60_000 ||
    now.getTime() - session.createdAt.getTime() > limits.absoluteHours * 3_600_000
  )
}

/** A password staff may choose: long enough to resist guessing, no composition rules (NCSC guidance). */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Password must be at least 12 characters'
  if (password.length > 256) return 'Password must be 256 characters or fewer'
  return null
}
