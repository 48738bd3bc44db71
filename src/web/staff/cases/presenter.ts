// Turning cases into what the caseload and case pages show: names, never codes.

import { CONTACT_OUTCOME_LABELS } from '../../../domain/cases/contact-outcomes.ts'
import {
  CASE_STATE_LABELS,
  type CaseState,
  CLOSURE_REASON_LABELS,
  type ClosureReason,
} from '../../../domain/cases/states.ts'
import type { Flag } from '../../../domain/referral-feed/fields.ts'
import { channelPermitted } from '../../../domain/safe-contact/channels.ts'
import {
  CHANNEL_OF,
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  describeSafeTimes,
} from '../../../domain/safe-contact/contact-rule.ts'
import type { CasePage } from '../../../services/cases/index.ts'
import { categoryLabel } from '../../shared/referral-text.ts'

export const CASES = '/staff/cases'

const STATE_TAG: Readonly<Record<CaseState, string>> = {
  awaiting_first_contact: 'govuk-tag--blue',
  contacting: 'govuk-tag--light-blue',
  assessing: 'govuk-tag--purple',
  supported: 'govuk-tag--green',
  stepped_down: 'govuk-tag--grey',
  closed: 'govuk-tag--grey',
}

export const stateTag = (state: CaseState) => ({ text: CASE_STATE_LABELS[state], classes: STATE_TAG[state] })
export const stateLabel = (state: CaseState | null) => (state ? CASE_STATE_LABELS[state] : '')
export const closureLabel = (reason: ClosureReason | null) => (reason ? CLOSURE_REASON_LABELS[reason] : '')

const languages = new Intl.DisplayNames(['en-GB'], { type: 'language' })
/** `pl` → Polish; an unknown code is shown as given rather than hidden. */
export function languageName(code: string): string {
  try {
    return languages.of(code) ?? code
  } catch {
    return code
  }
}

const FLAG_TEXT: Readonly<Record<Flag, string>> = {
  Y: 'Yes, safe',
  N: 'No: do not use',
  U: 'Not asked: check with the victim first',
}
export const flagText = (flag: Flag) => FLAG_TEXT[flag]

const PREFERRED: Readonly<Record<string, string>> = {
  phone: 'Phone call',
  sms: 'Text message',
  email: 'Email',
  letter: 'Letter',
}

const RISK: Readonly<Record<string, string>> = { standard: 'Standard', medium: 'Medium', high: 'High' }
const PRIORITY: Readonly<Record<string, string>> = { low: 'Low', medium: 'Medium', high: 'High' }

const EVENT_TEXT: Readonly<Record<string, string>> = {
  opened: 'Case opened',
  referral_joined: 'Referral joined this case',
  state_changed: 'State changed',
  closed: 'Case closed',
  reopened: 'Case reopened',
  lead_worker_taken: 'Lead worker took the case',
  lead_worker_allocated: 'Lead worker allocated',
  contact_attempt: 'Contact attempt',
  message_queued: 'Message written to the outbox',
  message_delivered: 'Message delivered',
  message_failed: 'Message not delivered',
  contact_changed: 'Contact details or safe-contact rules changed',
  transfer_requested: 'Transfer offered',
  transfer_accepted: 'Transfer accepted',
  transfer_declined: 'Transfer declined',
}

const text = (value: string | null | undefined, empty = 'Not given') => ({ text: value || empty })

/** The view values of one case page. */
export function casePageView(page: CasePage) {
  const c = page.case
  const address = [c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', ')
  return {
    id: c.id,
    victimId: c.victimId,
    victimName: c.victimName,
    state: c.state,
    stateTag: stateTag(c.state),
    closed: c.state === 'closed',
    restricted: c.restrictedPathways.length > 0,
    overdue: page.overdue,
    mayTake: page.mayTake,
    contactChanged: c.contactChangedAt
      ? `Contact details changed on ${formatDateTime(c.contactChangedAt)}. The old number, email or address is unsafe: never use it.`
      : null,
    confidential: c.contactConfidential,
    warnings: page.warnings,
    timeline: [
      ...page.events.map((e) => ({
        at: e.at,
        what: EVENT_TEXT[e.kind] ?? e.kind,
        change: e.fromState && e.toState ? `${stateLabel(e.fromState)} to ${stateLabel(e.toState)}` : '',
        closure:
          typeof e.details.closureReason === 'string'
            ? closureLabel(e.details.closureReason as ClosureReason)
            : '',
        attempt:
          e.kind === 'contact_attempt' && typeof e.details.method === 'string'
            ? `${CONTACT_METHOD_LABELS[e.details.method as keyof typeof CONTACT_METHOD_LABELS] ?? ''}: ${CONTACT_OUTCOME_LABELS[e.details.outcome as keyof typeof CONTACT_OUTCOME_LABELS] ?? ''}`
            : '',
        reason: e.reason ?? '',
        by: e.byLabel,
      })),
      ...page.referrals.map((r) => ({
        at: r.receivedAt,
        what: `Referral received: ${categoryLabel(r.crimeCategory)} (${r.crimeReference})`,
        change: '',
        closure: '',
        attempt: '',
        reason: '',
        by: 'the referrer',
      })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime()),
    summary: [
      { key: { text: 'State' }, value: text(stateLabel(c.state)) },
      { key: { text: 'Lead worker' }, value: text(c.leadWorkerName, 'Unallocated') },
      { key: { text: 'Pathway' }, value: text(c.pathwayName, 'Not triaged') },
      {
        key: { text: 'Opened' },
        value: text(
          c.openedAt.toLocaleDateString('en-GB', {
            timeZone: 'Europe/London',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
          }),
        ),
      },
      {
        key: { text: 'Next action due' },
        value: text(
          c.nextActionDue ? formatDate(c.nextActionDue) + (page.overdue ? ' (overdue)' : '') : null,
          'Nothing due',
        ),
      },
      ...(c.firstContactedAt
        ? [{ key: { text: 'First contact made' }, value: text(formatDateTime(c.firstContactedAt)) }]
        : []),
      ...(c.closedAt
        ? [
            {
              key: { text: 'Closed' },
              value: text(
                `${formatDateTime(c.closedAt)}: ${closureLabel(c.closureReason)}${c.closureNote ? ` (${c.closureNote})` : ''}`,
              ),
            },
          ]
        : []),
    ],
    contact: [
      { key: { text: 'Mobile phone' }, value: text(c.phoneMobile) },
      { key: { text: 'Other phone' }, value: text(c.phoneOther) },
      { key: { text: 'Email' }, value: text(c.email) },
      { key: { text: 'Address' }, value: text(address) },
      {
        key: { text: 'Prefers' },
        value: text(
          c.preferredContact ? (PREFERRED[c.preferredContact] ?? c.preferredContact) : null,
          'No preference given',
        ),
      },
      ...(c.contactIsProxy
        ? [{ key: { text: 'Whose details' }, value: text('A parent’s or guardian’s: speak to them first') }]
        : []),
    ],
    safeContact: [
      { key: { text: 'Phone calls' }, value: text(flagText(c.safeToCall)) },
      { key: { text: 'Voicemail' }, value: text(flagText(c.safeToLeaveVoicemail)) },
      { key: { text: 'Text messages' }, value: text(flagText(c.safeToText)) },
      { key: { text: 'Email' }, value: text(flagText(c.safeToEmail)) },
      { key: { text: 'Letters' }, value: text(flagText(c.safeToWrite)) },
      {
        key: { text: 'Safe times' },
        value: text(describeSafeTimes({ days: c.safeDays, from: c.safeFrom, to: c.safeTo })),
      },
      {
        key: { text: 'If someone else answers' },
        value: text(c.someoneElseAnswers, 'No instructions given'),
      },
      { key: { text: 'Notes on safe contact' }, value: text(c.safeContactNotes, 'None') },
    ],
    messages: page.messages.map((m) => ({
      at: m.createdAt,
      what: `${MESSAGE_CHANNEL_LABELS[m.channel]}: ${MESSAGE_TYPE_LABELS[m.messageType] ?? ''}`,
      status: OUTBOX_STATUS_LABELS[m.status],
      failed: m.status === 'permanent_failure' || m.status === 'refused' || m.status === 'temporary_failure',
      error: m.status === 'pending' || m.status === 'delivered' ? '' : (m.lastError ?? ''),
    })),
    attempts: page.attempts.map((a) => ({
      at: a.at,
      method: CONTACT_METHOD_LABELS[a.method],
      outcome: CONTACT_OUTCOME_LABELS[a.outcome],
      notes: a.notes ?? '',
      by: a.byLabel,
    })),
    tasks: page.tasks
      .filter((t) => t.status === 'open')
      .map((t) => ({
        text: taskText(t.kind, t.details),
        due: formatDate(t.dueOn),
        overdue: t.dueOn < page.today,
      })),
    policy: `${page.policy.attempts} attempts over ${page.policy.overWorkingDays} working days, across the safe channels and at different times of day, then a closing letter only where writing is safe.`,
    language: [
      { key: { text: 'Language' }, value: text(languageName(c.language)) },
      {
        key: { text: 'Interpreter' },
        value: text(
          c.interpreterRequired === 'Y'
            ? 'Needed'
            : c.interpreterRequired === 'N'
              ? 'Not needed'
              : 'Not asked',
        ),
      },
    ],
    referrals: page.referrals.map((r) => ({
      id: r.referralId,
      crime: categoryLabel(r.crimeCategory),
      crimeReference: r.crimeReference,
      receivedAt: r.receivedAt,
      firstContactDue: r.firstContactDue,
      pathwayName: r.pathwayName ?? 'Not triaged',
      risk: r.riskLevel ? RISK[r.riskLevel] : 'Risk checklist not completed',
      priority: r.thrivePriority ? PRIORITY[r.thrivePriority] : 'Not graded',
    })),
    events: page.events.map((e) => ({
      at: e.at,
      what: EVENT_TEXT[e.kind] ?? e.kind,
      change: e.fromState && e.toState ? `${stateLabel(e.fromState)} to ${stateLabel(e.toState)}` : '',
      closure:
        typeof e.details.closureReason === 'string'
          ? closureLabel(e.details.closureReason as ClosureReason)
          : '',
      reason: e.reason ?? '',
      by: e.byLabel,
    })),
  }
}

const MESSAGE_CHANNEL_LABELS: Readonly<Record<string, string>> = {
  text: 'Text message',
  email: 'Email',
  letter: 'Letter',
}
const MESSAGE_TYPE_LABELS: Readonly<Record<string, string>> = {
  'first-contact': 'first contact',
  'tried-to-reach': 'we tried to reach you',
  'closing-no-contact': 'closing letter',
  'new-message': 'new message waiting',
}
const OUTBOX_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: 'Waiting to be sent',
  sending: 'Being sent',
  accepted: 'Sent through GOV.UK Notify',
  kept: 'Kept in the outbox: nothing leaves the hub until GOV.UK Notify is set up',
  delivered: 'Delivered',
  permanent_failure: 'Not delivered: check the number or address with the victim',
  temporary_failure: 'Not delivered: the phone was off or the inbox full',
  refused: 'Not sent: it was not safe, or the details were missing',
}

const PART_OF_DAY: Readonly<Record<string, string>> = {
  morning: 'in the morning',
  afternoon: 'in the afternoon',
}
const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  call: 'phone call',
  text: 'text message',
  email: 'email',
  letter: 'letter',
}

export function taskText(kind: string, details: Record<string, unknown>): string {
  if (kind === 'contact_attempt') {
    const channels = Array.isArray(details.channels)
      ? details.channels.map((c) => CHANNEL_NAMES[String(c)] ?? '')
      : []
    const part = PART_OF_DAY[String(details.partOfDay)] ?? ''
    return `Contact attempt ${String(details.number ?? '')} ${part}${channels.length ? `, by ${channels.filter(Boolean).join(' or ')}` : ''}`
  }
  if (kind === 'closing_letter') return 'Send a closing letter: the attempts are spent'
  if (kind === 'message_failed')
    return 'A message was not delivered: check the contact details with the victim'
  return 'Close the case: the victim could not be contacted after the attempt policy'
}

/** The ways to contact the victim, each saying whether the victim said it is safe. */
export function contactMethodItems(page: CasePage, selected: unknown) {
  const c = page.case
  const flags = {
    safe_to_call: c.safeToCall,
    safe_to_text: c.safeToText,
    safe_to_email: c.safeToEmail,
    safe_to_leave_voicemail: c.safeToLeaveVoicemail,
    safe_to_write: c.safeToWrite,
  }
  return CONTACT_METHODS.map((m) => {
    const channel = CHANNEL_OF[m]
    const hint =
      channel === null
        ? 'Check the safe times first'
        : !channelPermitted(channel, flags)
          ? 'Not safe: the victim said no'
          : page.safeChannels.includes(channel)
            ? 'Safe'
            : 'No details held'
    return { value: m, text: CONTACT_METHOD_LABELS[m], checked: selected === m, hint: { text: hint } }
  })
}

export const formatDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
const formatDateTime = (d: Date) =>
  d.toLocaleString('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
