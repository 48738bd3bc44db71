// Provider load for routing, counted the same way whether one referral arrives now or a backlog of
// thousands is triaged at once: each routed referral counts against the London month it was received
// in (new referrals per month) and, while open, against its provider's active cases for a window after
// it was received. Counting by received_at rather than by the moment triage ran means a late or
// replayed batch fills the months its referrals belong to, not this one.
//
// Active-case window (rule decided, docs/adr/0010-triage-rules.md): the hub does not yet record when a
// provider closes a case, so a routed referral counts as active for 91 days on a time-limited pathway
// and 365 days on a pathway that is not time-limited, unless it is closed sooner (triage.closed_at).
import { DateTime } from 'luxon'
import type { CapacitySnapshot, ProviderLoad } from './routing.ts'

export const ACTIVE_DAYS_TIME_LIMITED = 91
export const ACTIVE_DAYS_OPEN_ENDED = 365
const DAY_MS = 86_400_000

export interface ProviderCapacity {
  readonly id: string
  readonly monthlyReferralCapacity: number
  readonly activeCaseCapacity: number
  readonly expectedWaitDays: number | null
  /** whether the provider's pathway is time-limited (decides the active-case window) */
  readonly timeLimited: boolean
}

export function activeWindowDays(timeLimited: boolean): number {
  return timeLimited ? ACTIVE_DAYS_TIME_LIMITED : ACTIVE_DAYS_OPEN_ENDED
}

// London month starts from 2000 to 2099, computed once: a backlog of 200,000 referrals would
// otherwise pay for a time-zone conversion per provider per referral.
let monthStarts: number[] | undefined
const FIRST_YEAR = 2000
const YEARS = 100

/** Start of the Europe/London month containing the instant, in epoch milliseconds. */
export function londonMonthStart(ms: number): number {
  monthStarts ??= Array.from({ length: YEARS * 12 }, (_, i) =>
    DateTime.fromObject(
      { year: FIRST_YEAR + Math.floor(i / 12), month: (i % 12) + 1, day: 1 },
      { zone: 'Europe/London' },
    ).toMillis(),
  )
  const starts = monthStarts
  if (ms < (starts[0] as number) || ms >= (starts[starts.length - 1] as number)) {
    return DateTime.fromMillis(ms, { zone: 'Europe/London' }).startOf('month').toMillis()
  }
  const index = upperBound(starts, ms) - 1
  return starts[index] as number
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Received-at times of the open referrals routed to each provider, kept sorted, so the load "as of"
 * any instant is two binary searches. Add each referral as it is routed so the next one sees it.
 */
export class CapacityLedger {
  private readonly routed = new Map<string, number[]>()
  private readonly providers: Map<string, ProviderCapacity>

  constructor(providers: readonly ProviderCapacity[]) {
    this.providers = new Map(providers.map((p) => [p.id, p]))
    for (const p of providers) this.routed.set(p.id, [])
  }

  /** Records a referral routed to a provider, received at `receivedMs`. */
  add(providerId: string, receivedMs: number): void {
    let list = this.routed.get(providerId)
    if (!list) {
      list = []
      this.routed.set(providerId, list)
    }
    // Backlogs arrive in received order, so this is nearly always an append.
    if (list.length === 0 || (list[list.length - 1] as number) <= receivedMs) list.push(receivedMs)
    else list.splice(upperBound(list, receivedMs), 0, receivedMs)
  }

  /** The load of one provider as of an instant: referrals received this month so far, open cases. */
  loadAt(providerId: string, atMs: number): { referralsThisMonth: number; activeCases: number } {
    const list = this.routed.get(providerId) ?? []
    const provider = this.providers.get(providerId)
    const window = activeWindowDays(provider?.timeLimited ?? true) * DAY_MS
    const upTo = upperBound(list, atMs)
    return {
      referralsThisMonth: upTo - upperBound(list, londonMonthStart(atMs) - 1),
      activeCases: upTo - upperBound(list, atMs - window),
    }
  }

  /** The capacity snapshot routing needs, as of an instant, for the providers named (default all). */
  snapshotAt(atMs: number, providerIds?: readonly string[]): CapacitySnapshot {
    const snapshot: Record<string, ProviderLoad> = {}
    const wanted = providerIds ?? [...this.providers.keys()]
    for (const id of wanted) {
      const provider = this.providers.get(id)
      if (!provider) continue
      snapshot[provider.id] = {
        monthlyReferralCapacity: provider.monthlyReferralCapacity,
        activeCaseCapacity: provider.activeCaseCapacity,
        ...this.loadAt(provider.id, atMs),
        expectedWaitDays: provider.expectedWaitDays,
      }
    }
    return snapshot
  }
}
