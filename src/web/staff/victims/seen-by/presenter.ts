// "Who has seen this record": the audit rows about one victim, in words.
import type { StoredAuditRow } from '../../../../domain/audit/hash-chain.ts'
import { formatDateTime } from '../../data-quality/queue/presenter.ts'

const WHAT: Record<string, string> = {
  'record.viewed': 'Opened the victim’s record',
  'record.view_refused': 'Was refused the victim’s record (not their team’s)',
  'record.listed': 'Saw the victim listed in a search',
  'victims.searched': 'Searched and saw the victim listed',
  'restricted_records.listed': 'Saw the victim listed',
  'restricted_record.viewed': 'Opened a referral or held record',
  'thrive.regraded': 'Re-graded THRIVE',
  'victim_choice.recorded': 'Recorded the victim’s choice',
  'needs_assessment.recorded': 'Recorded a needs assessment',
  'risk_checklist.recorded': 'Recorded a risk checklist',
  'triage_task.completed': 'Completed a task',
  'lead_worker.allocated': 'Allocated a lead worker',
  'victim.restricted_by_hand': 'Restricted the victim to the first-contact team',
  'victim.restriction_lifted': 'Lifted the hand-set restriction',
  'victim.merged': 'Merged records',
  'victim.unmerged': 'Unmerged records',
  'intake.record_released': 'Corrected and released a held record',
  'intake.record_rejected': 'Rejected a held record',
}

const LISTS: Record<string, string> = {
  first_contact_queue: 'in the first-contact queue',
  data_quality_queue: 'in the data quality queue',
  possible_matches: 'among possible matches',
}

const RECORD: Record<string, string> = {
  victim: 'Victim',
  referral: 'Referral',
  referral_receipt: 'Held record',
}

export function seenByRows(rows: readonly StoredAuditRow[]) {
  return rows.map((row) => {
    const details = (row.details ?? {}) as { list?: string; page?: string; shown?: string }
    let what = WHAT[row.action] ?? row.action.replaceAll('_', ' ').replaceAll('.', ': ')
    if (row.action === 'restricted_records.listed' && details.list)
      what = `${what} ${LISTS[details.list] ?? ''}`.trim()
    if (row.action === 'record.viewed' && details.page === 'seen_by') what = 'Opened who has seen this record'
    if (details.shown === 'withheld') what = `${what}, with names and contact details withheld`
    return [
      { text: formatDateTime(new Date(row.occurredAt)) },
      { text: row.actor },
      { text: what },
      { text: row.recordType ? (RECORD[row.recordType] ?? row.recordType) : 'List' },
    ]
  })
}
