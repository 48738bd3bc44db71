// Demo cases: about a third of the demo county's referrals (up to a limit, so a first start stays
// quick) get a case at one stage of first contact or another, made through the same services a
// caseworker's actions use, messages through the outbox included. Every case page then has something real.
import { findUserByEmail } from '../repositories/staff.ts'
import { SYSTEM_ACTOR } from '../services/audit.ts'
import type { CaseViewer } from '../services/cases/index.ts'
import { InputError } from '../services/errors.ts'
import type { Services } from '../services/index.ts'

/** The stages demo cases are left at, in turn. */
export const DEMO_STAGES = [
  'awaiting_first_contact',
  'one_failed_attempt',
  'two_failed_attempts',
  'contacted',
  'closed_not_contacted',
  'closed_declined',
] as const
export type DemoStage = (typeof DEMO_STAGES)[number]

export async function createDemoCases(
  services: Services,
  options: { share?: number; max?: number; now?: Date } = {},
): Promise<Record<DemoStage, number>> {
  const share = options.share ?? 3
  const max = options.max ?? 600
  const now = options.now ?? new Date()
  const counts = Object.fromEntries(DEMO_STAGES.map((s) => [s, 0])) as Record<DemoStage, number>
  const caseworker = await findUserByEmail(services.pool, 'caseworker@hub.example')
  const manager = await findUserByEmail(services.pool, 'manager@hub.example')
  if (!caseworker || !manager) return counts
  for (;;) if (!(await services.triage.triagePending()).more) break

  const viewer: CaseViewer = { id: caseworker.id, role: 'hub_caseworker', teamPathway: 'general_support' }
  const actorOf = (user: { id: string; email: string }) => ({
    ...SYSTEM_ACTOR,
    userId: user.id,
    label: user.email,
  })
  const referrals: string[] = []
  for (let page = 1; referrals.length < max; page++) {
    const { rows, pageSize } = await services.triage.queue(viewer, { page }, now)
    rows.forEach((row, i) => {
      if (((page - 1) * pageSize + i) % share === 0 && referrals.length < max) referrals.push(row.referralId)
    })
    if (rows.length < pageSize) break
  }

  for (const [i, referralId] of referrals.entries()) {
    const stage = DEMO_STAGES[i % DEMO_STAGES.length] as DemoStage
    const lead = i % 4 === 0 ? manager : caseworker
    const allocated = await services.triage.allocate(viewer, referralId, lead.id, actorOf(manager))
    if (!allocated.ok || !allocated.caseId) continue
    const caseId = allocated.caseId
    const actor = actorOf(lead)
    const attempt = (
      method: 'phone_call' | 'text' | 'letter',
      outcome: 'no_answer' | 'sent' | 'spoke' | 'declined_support',
    ) => services.cases.recordAttempt(viewer, caseId, { method, outcome, notes: '' }, actor, now)
    // A contact the victim's rules refuse is not made: try the next safe way, or leave the case waiting.
    const firstSafe = async (
      tries: readonly [Parameters<typeof attempt>[0], Parameters<typeof attempt>[1]][],
    ): Promise<boolean> => {
      for (const [method, outcome] of tries) {
        try {
          await attempt(method, outcome)
          return true
        } catch (error) {
          if (!(error instanceof InputError)) throw error
        }
      }
      return false
    }
    const failed = () =>
      firstSafe([
        ['phone_call', 'no_answer'],
        ['text', 'sent'],
        ['letter', 'sent'],
      ])
    try {
      let reached = true
      if (stage === 'one_failed_attempt') reached = await failed()
      if (stage === 'two_failed_attempts')
        reached =
          (await failed()) &&
          (await firstSafe([
            ['text', 'sent'],
            ['phone_call', 'no_answer'],
          ]))
      if (stage === 'contacted') reached = await firstSafe([['phone_call', 'spoke']])
      if (stage === 'closed_not_contacted') {
        reached = (await failed()) && (await failed()) && (await failed())
        if (reached)
          await services.cases.change(
            viewer,
            caseId,
            { kind: 'close', reason: 'not_contacted_after_attempts', note: '' },
            actor,
            now,
          )
      }
      if (stage === 'closed_declined') {
        reached = await firstSafe([['phone_call', 'declined_support']])
        if (reached)
          await services.cases.change(
            viewer,
            caseId,
            { kind: 'close', reason: 'declined_support', note: '' },
            actor,
            now,
          )
      }
      counts[reached ? stage : 'awaiting_first_contact'] += 1
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      counts.awaiting_first_contact += 1
    }
  }
  return counts
}
