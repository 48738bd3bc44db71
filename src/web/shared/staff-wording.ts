// The one place staff pages turn the hub's internal ids and codes into words: pathways, services, the
// routing rule set, generated crime references, referral states, routing triggers and grades. A page
// that would print an id asks here instead (ADR 0047).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { PATHWAYS } from '../../domain/triage/pathways.ts'

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const humanise = (code: string) => capitalise(code.replaceAll(/[_-]+/g, ' ').trim())

const PATHWAY_NAMES: ReadonlyMap<string, string> = new Map(PATHWAYS.map((p) => [p.id, p.name]))

/** `sexual_violence` → "Sexual violence". */
export const pathwayName = (id: string | null | undefined): string =>
  id ? (PATHWAY_NAMES.get(id) ?? humanise(id)) : 'No pathway'

/** A service's name from the services the page was given; never its id. */
export const serviceNamer =
  (services: readonly { id: string; name: string }[]) =>
  (id: string | null | undefined): string =>
    id ? (services.find((s) => s.id === id)?.name ?? humanise(id)) : 'No service'

/** `default-routing@1` → "Default routing rules, version 1". */
export function ruleSetLabel(version: string | null | undefined): string {
  if (!version) return 'Not routed yet'
  const at = version.lastIndexOf('@')
  const id = at > 0 ? version.slice(0, at) : version
  const n = at > 0 ? version.slice(at + 1) : ''
  const name = humanise(id)
  return `${/rules?$/i.test(name) ? name : `${name} rules`}${n ? `, version ${n}` : ''}`
}

/**
 * A crime reference as a person reads it. Referrals made without one get a generated stand-in
 * (`NONE-SR-…` for a self-referral, `NONE-PR-…` for a partner's): those read as what they are.
 */
export function crimeReferenceLabel(reference: string | null | undefined): string {
  if (!reference) return 'No crime reference'
  if (reference.startsWith('NONE-SR-')) return 'Self-referral (no crime reference)'
  if (reference.startsWith('NONE-PR-')) return 'Partner referral (no crime reference)'
  if (reference.startsWith('NONE-')) return 'No crime reference'
  return reference
}

const REFERRAL_STATES: Readonly<Record<string, string>> = {
  new: 'Received, waiting to be routed',
  triaged: 'Routed, waiting for first contact',
  allocated: 'Lead worker named',
  contacted: 'Contacted',
  closed: 'Closed',
}

/** A referral's status (`triaged`) in plain words. */
export const referralStateLabel = (status: string): string => REFERRAL_STATES[status] ?? humanise(status)

const TRIGGERS: Readonly<Record<string, string>> = {
  intake: 'When received',
  thrive_regrade: 'After a THRIVE re-grade',
  victim_choice: 'After the victim’s choice',
  needs_assessment: 'After the needs assessment',
  risk_checklist: 'After the risk checklist',
  rules_changed: 'After the rules changed',
  manual: 'Routed again by a person',
}

/** Why a referral was routed (a routing history entry's trigger). */
export const routingTriggerLabel = (trigger: string): string => TRIGGERS[trigger] ?? humanise(trigger)

/** `low` → "Low"; a missing grade → "Not given". */
export const gradeLabel = (grade: string | null | undefined): string =>
  grade ? capitalise(grade) : 'Not given'

/** `targeted` → "Targeted offer". */
export const offerLabel = (offer: string | null | undefined): string =>
  offer ? `${capitalise(offer)} offer` : 'No offer'

/** The risk checklist's result in words; an empty checklist is "Not completed", never a level. */
export const riskChecklistLabel = (level: string, yesCount: number): string =>
  level === 'not_completed' ? 'Not completed' : `${capitalise(level)} risk (${yesCount} yes)`

/** A needs assessment's action code (`agree_safety_plan`) in words. */
export const actionLabel = (action: string): string => humanise(action)

/**
 * Replaces whole ids and codes inside a sentence written by the rules (the routing explanation names
 * the rule, the crime category code, the pathway and the service by id) with their names.
 */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replaceAll(/[a-z0-9]+(?:[_-][a-z0-9]+)+|[a-z]+/g, (token) => names.get(token) ?? token)
}

/** A stored phone number (E.164) as people write it: UK numbers nationally, others internationally. */
export function phoneForPeople(e164: string | null | undefined): string | null {
  if (!e164) return null
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return parsed.countryCallingCode === '44' ? parsed.formatNational() : parsed.formatInternational()
}

/** An audit action (`sign_in.failed`, `user.role_changed`) in words: "Sign in failed". */
export const auditActionLabel = (action: string): string =>
  capitalise(action.replaceAll(/[._]+/g, ' ').trim().toLowerCase())
