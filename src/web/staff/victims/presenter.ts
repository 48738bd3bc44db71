import type { StoredVictim, VictimReferral, VisibleSummary } from '../../../services/victims/index.ts'
import { staffAccess } from '../../access.ts'
import { languageName } from '../../shared/languages.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import {
  crimeReferenceLabel,
  pathwayName,
  phoneForPeople,
  referralStateLabel,
} from '../../shared/staff-wording.ts'
import { escapeHtml, formatIsoDate, row } from '../../shared/summary-list.ts'
import { formatDateTime, sourceLabel } from '../data-quality/queue/presenter.ts'

export const BASE = '/staff/victims'

/** Managers, caseworkers and data quality officers find and join up victims' records. */
export const victimsAccess = staffAccess('team_manager', 'hub_caseworker', 'data_quality_officer')

export const pathwayText = (pathways: readonly string[]) =>
  pathways.map((p) => pathwayName(p).toLowerCase()).join(', ')

const FLAG = { Y: 'Yes', N: 'No – never use', U: 'Not asked' } as Record<string, string>
const isoDate = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null

export function detailRows(v: StoredVictim) {
  return [
    row('Date of birth', [formatIsoDate(isoDate(v.dateOfBirth))]),
    row('Mobile phone', [phoneForPeople(v.phoneMobile)]),
    row('Other phone', [phoneForPeople(v.phoneOther)]),
    row('Email', [v.email]),
    row('Address', [v.addressLine1, v.addressLine2, v.town, v.postcode]),
    row('Contact details belong to', [v.contactIsProxy ? 'A parent or carer' : 'The victim']),
    row('Safe to call', [FLAG[v.safeToCall]]),
    row('Safe to leave voicemail', [FLAG[v.safeToLeaveVoicemail]]),
    row('Safe to text', [FLAG[v.safeToText]]),
    row('Safe to email', [FLAG[v.safeToEmail]]),
    row('Safe to write', [FLAG[v.safeToWrite]]),
    row('Safe contact notes', [v.safeContactNotes], undefined, 'None'),
    row('Language', [languageName(v.language), v.interpreterRequired === 'Y' ? 'Interpreter needed' : null]),
  ]
}

/**
 * One table row per referral. Each links to its assessment page when the viewer may open it (`linked`),
 * so the record and its referrals link to each other both ways.
 */
export function referralRows(referrals: readonly VictimReferral[], linked = false) {
  return referrals.map((r) => [
    {
      html: linked
        ? `<a class="govuk-link" href="/staff/assessment/${r.id}">${escapeHtml(formatDateTime(new Date(r.receivedAt)))}<span class="govuk-visually-hidden">: open this referral</span></a>`
        : escapeHtml(formatDateTime(new Date(r.receivedAt))),
    },
    { text: `${sourceLabel(r.source)} (${r.forceCode})` },
    { text: crimeReferenceLabel(r.crimeReference) },
    { text: categoryLabel(r.crimeCategory) },
    { text: r.enhanced ? 'Yes' : 'No' },
    { text: r.firstContactDue ? (formatIsoDate(isoDate(r.firstContactDue)) ?? '') : 'None' },
    { text: referralStateLabel(r.status) },
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
