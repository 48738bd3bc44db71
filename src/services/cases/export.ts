// The export of cases for checking: one object per case, in the shape docs/formats/case-export.md
// describes. Read in pages so an export of any size streams.
import type pg from 'pg'
import { exportCasesPage } from '../../repositories/cases.ts'

export interface ExportedCase {
  case_id: string
  victim_id: string
  referral_ids: string[]
  state: string
  opened_at: string
  lead_worker: string | null
  first_contact_due: string | null
  first_contacted_at: string | null
  contact_attempts: { at: string; channel: string; outcome: string }[]
  closed_at: string | null
  closure_reason: string | null
}

const PAGE = 1000

export async function* exportCases(
  pool: pg.Pool,
  options: { since: string | null },
): AsyncGenerator<ExportedCase> {
  let after: { openedAt: Date; id: string } | null = null
  for (;;) {
    const rows = await exportCasesPage(pool, { since: options.since, after, limit: PAGE })
    for (const r of rows)
      yield {
        case_id: r.id,
        victim_id: r.victimId,
        referral_ids: r.referralIds,
        state: r.state,
        opened_at: r.openedAt.toISOString(),
        lead_worker: r.leadWorker,
        first_contact_due: r.firstContactDue,
        first_contacted_at: r.firstContactedAt?.toISOString() ?? null,
        contact_attempts: r.contactAttempts.map((a) => ({
          at: new Date(a.at).toISOString(),
          channel: a.channel,
          outcome: a.outcome,
        })),
        closed_at: r.closedAt?.toISOString() ?? null,
        closure_reason: r.closureReason,
      }
    const last = rows[rows.length - 1]
    if (!last || rows.length < PAGE) return
    after = { openedAt: last.openedAt, id: last.id }
  }
}
