import type { VictimReferral } from '../../../repositories/referrals.ts'
import type { StoredVictim } from '../../../repositories/victims.ts'
import type { VisibleSummary } from '../../../services/victims/index.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import { formatIsoDate, row } from '../../shared/summary-list.ts'
import { formatDateTime, sourceLabel } from '../data-quality/queue/presenter.ts'

export const BASE = '/staff/victims'

const PATHWAY_NAMES: Record<string, string> = {
  sexual_violence: 'sexual violence',
  child_sexual_exploitation: 'child sexual exploitation',
  domestic_abuse: 'domestic abuse',
}
export const pathwayText = (pathways: readonly string[]) =>
  pathways.map((p) => PATHWAY_NAMES[p] ?? p).join(', ')

const FLAG = { Y: 'Yes', N: 'No – never use', U: 'Not asked' } as Record<string, string>
const isoDate = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null

export function detailRows(v: StoredVictim) {
  return [
    row('Date of birth', [formatIsoDate(isoDate(v.date_of_birth))]),
    row('Mobile phone', [v.phone_mobile]),
    row('Other phone', [v.phone_other]),
    row('Email', [v.email]),
    row('Address', [v.address_line1, v.address_line2, v.town, v.postcode]),
    row('Contact details belong to', [v.contact_is_proxy ? 'A parent or carer' : 'The victim']),
    row('Safe to call', [FLAG[v.safe_to_call]]),
    row('Safe to leave voicemail', [FLAG[v.safe_to_leave_voicemail]]),
    row('Safe to text', [FLAG[v.safe_to_text]]),
    row('Safe to email', [FLAG[v.safe_to_email]]),
    row('Safe to write', [FLAG[v.safe_to_write]]),
    row('Safe contact notes', [v.safe_contact_notes], undefined, 'None'),
    row('Language', [
      v.language === 'en' ? 'English' : v.language,
      v.interpreter_required === 'Y' ? 'Interpreter needed' : null,
    ]),
  ]
}

export function referralRows(referrals: readonly VictimReferral[]) {
  return referrals.map((r) => [
    { text: formatDateTime(new Date(r.received_at)) },
    { text: `${sourceLabel(r.source)} (${r.force_code})` },
    { text: r.crime_reference },
    { text: categoryLabel(r.crime_category) },
    { text: r.enhanced ? 'Yes' : 'No' },
    { text: r.first_contact_due ? (formatIsoDate(isoDate(r.first_contact_due)) ?? '') : 'None' },
    { text: r.status },
  ])
}

export const summaryText = (s: VisibleSummary | undefined) => {
  if (!s) return { name: 'Unknown victim', facts: '' }
  if (!s.visible)
    return { name: 'Restricted record', facts: 'Only the teams working this case can see who it is' }
  return {
    name: `${s.forename} ${s.surname}`,
    facts: [
      s.date_of_birth ? `Born ${formatIsoDate(s.date_of_birth)}` : 'Date of birth not known',
      s.postcode,
    ]
      .filter(Boolean)
      .join(' · '),
  }
}
