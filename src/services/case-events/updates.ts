// The case updates an event owes: for every matched event and every accepted referral on its crime
// not yet covered, one pending update per victim with its due date (domain/case-updates). Runs in the
// caller's transaction: when events arrive, and when intake accepts referrals (held events matched).
import type pg from 'pg'
import type { WorkingDayCalendar } from '../../domain/calendar/bank-holidays.ts'
import { affectedVictims } from '../../domain/case-updates/affected.ts'
import * as repo from '../../repositories/case-events.ts'

export async function recordCaseUpdates(
  client: pg.PoolClient,
  calendar: WorkingDayCalendar,
  filter: { eventIds: readonly string[] } | { referralIds: readonly string[] },
): Promise<number> {
  const pairs = await repo.unrecordedPairs(client, filter)
  const byEvent = new Map<string, repo.UnrecordedPair[]>()
  for (const p of pairs) {
    const list = byEvent.get(p.caseEventId)
    if (list) list.push(p)
    else byEvent.set(p.caseEventId, [p])
  }
  const rows: repo.CaseUpdateRow[] = []
  for (const [caseEventId, list] of byEvent) {
    const first = list[0] as repo.UnrecordedPair
    const affected = affectedVictims(
      calendar,
      { occurredAt: first.occurredAt, receivedAt: first.eventReceivedAt },
      list.map((p) => ({
        referralId: p.referralId,
        victimId: p.victimId,
        enhanced: p.enhanced,
        contactIsProxy: p.contactIsProxy,
        receivedAt: p.referralReceivedAt,
      })),
    )
    for (const a of affected) rows.push({ caseEventId, ...a })
  }
  await repo.insertUpdates(client, rows)
  return rows.length
}

/**
 * Intake has just accepted these referrals (in `client`'s transaction): held events on their crimes
 * are matched from `at`, and every matched event on their crimes gets an update for their victims.
 */
export async function afterReferralsAccepted(
  client: pg.PoolClient,
  calendar: WorkingDayCalendar,
  at: Date,
  referralIds: readonly string[],
): Promise<void> {
  if (referralIds.length === 0) return
  await repo.matchHeldEvents(client, at, referralIds)
  await recordCaseUpdates(client, calendar, { referralIds })
}
