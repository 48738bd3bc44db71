import type { StoredVictim, VictimReferral, VisibleSummary } from '../../../services/victims/index.ts'
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
    row('Date of birth', [formatIsoDate(isoDate(v.dateOfBirth))]),
    row('Mobile phone', [v.phoneMobile]),
    row('Other phone', [v.phoneOther]),
    row('Email', [v.email]),
    row('Address', [v.addressLine1, v.addressLine2, v.town, v.postcode]),
    row('Contact details belong to', [v.contactIsProxy ? 'A parent or carer' : 'The victim']),
    row('Safe to call', [FLAG[v.safeToCall]]),
    row('Safe to leave voicemail', [FLAG[v.safeToLeaveVoicemail]]),
    row('Safe to text', [FLAG[v.safeToText]]),
    row('Safe to email', [FLAG[v.safeToEmail]]),
    row('Safe to write', [FLAG[v.safeToWrite]]),
    row('Safe contact notes', [v.safeContactNotes], undefined, 'None'),
    row('Language', [
      v.language === 'en' ? 'English' : v.language,
      v.interpreterRequired === 'Y' ? 'Interpreter needed' : null,
    ]),
  ]
}

export function referralRows(referrals: readonly VictimReferral[]) {
  return referrals.map((r) => [
    { text: formatDateTime(new Date(r.receivedAt)) },
    { text: `${sourceLabel(r.source)} (${r.forceCode})` },
    { text: r.crimeReference },
    { text: categoryLabel(r.crimeCategory) },
    { text: r.enhanced ? 'Yes' : 'No' },
    { text: r.firstContactDue ? (formatIsoDate(isoDate(r.firstContactDue)) ?? '') : 'None' },
    { text: r.status },
  ])
}

export const summaryText = (s: VisibleSummary | undefined) => {
  if (!s) return { name: 'Unknown victim', facts: '' }
  if (!s.visible)
    return { name: 'Restricted record', facts: 'Only the teams working this case can see who it is' }
  return {
    name: `${s.forename} ${s.surname}`,
    facts: [s.dateOfBirth ? `Born ${formatIsoDate(s.dateOfBirth)}` : 'Date of birth not known', s.postcode]
      .filter(Boolean)
      .join(' · '),
  }
}
