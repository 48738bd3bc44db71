// What the assessment overview shows in words: the names of the pathway, services and rule set where
// the triage row holds ids, where the risk summarised at the top comes from, and the victim's contact
// details and safe-contact rules.
import { CRIME_CATEGORY_CODES } from '../../../domain/referral-feed/index.ts'
import { PATHWAY_IDS } from '../../../domain/triage/pathways.ts'
import type { ReferralAssessment } from '../../../services/triage/index.ts'
import type { StoredVictim } from '../../../services/victims/index.ts'
import { staffAccess } from '../../access.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import {
  actionLabel,
  crimeReferenceLabel,
  gradeLabel,
  offerLabel,
  pathwayName,
  riskChecklistLabel,
  routingTriggerLabel,
  ruleSetLabel,
  serviceNamer,
  withNames,
} from '../../shared/staff-wording.ts'
import { detailRows } from '../victims/presenter.ts'

/** Managers, caseworkers and specialist workers assess the victims they may see. */
export const assessmentAccess = staffAccess('team_manager', 'hub_caseworker', 'specialist_worker')

type Service = { id: string; name: string }

/** Names for every id the overview would otherwise print. */
export function namesView(found: ReferralAssessment, services: readonly Service[]) {
  const serviceName = serviceNamer(services)
  const d = found.detail
  const names = new Map<string, string>([
    ...services.map((s) => [s.id, s.name] as [string, string]),
    ...PATHWAY_IDS.map((id) => [id, pathwayName(id)] as [string, string]),
    ...CRIME_CATEGORY_CODES.map((c) => [c, `“${categoryLabel(c).toLowerCase()}”`] as [string, string]),
  ])
  return {
    pathwayName,
    serviceName,
    crimeReferenceText: crimeReferenceLabel(d.crimeReference),
    ruleSetText: d.ruleSetVersion ? ruleSetLabel(d.ruleSetVersion) : null,
    offerText: offerLabel(d.offer),
    explanationText: d.explanation
      ? withNames(d.explanation.replace(/^Rule \S+ \((.*?)\) matched/, 'The rule “$1” matched'), names)
      : null,
    thriveRows: (['threat', 'harm', 'risk', 'vulnerability'] as const).map((el) => ({
      element: el.charAt(0).toUpperCase() + el.slice(1),
      police: gradeLabel(d.policeThrive[el]),
      hub: d.hubThrive ? gradeLabel(d.hubThrive[el]) : '—',
    })),
    historyLines: found.history.map((h) => {
      const r = h.result as { pathway?: string | null; providerId?: string | null; ruleSetVersion?: string }
      return {
        at: h.routedAt,
        text:
          `${routingTriggerLabel(h.trigger)}: ${r.pathway ? pathwayName(r.pathway) : 'no pathway'}, ` +
          `${r.providerId ? serviceName(r.providerId) : 'no service'} (${ruleSetLabel(r.ruleSetVersion)})`,
      }
    }),
    needsActions: ((found.needs?.result.actions as string[] | undefined) ?? []).map(actionLabel),
    riskChecklistText: found.risk
      ? riskChecklistLabel(found.risk.level, Number(found.risk.result.yesCount ?? 0))
      : null,
  }
}

/**
 * Where the risk at the top of the page comes from: the highest of the THRIVE priority (the hub's
 * re-grade when there is one, so a re-grade changes it), the risk checklist and the needs level.
 */
export function riskSummary(found: ReferralAssessment): string {
  const d = found.detail
  const parts = [
    d.thrivePriority
      ? `THRIVE ${d.thrivePriority} (${d.hubThrive ? 'hub re-grade' : 'police grading'})`
      : 'THRIVE not graded',
    d.riskLevel ? `risk checklist ${d.riskLevel}` : 'risk checklist not completed',
    d.needsLevel ? `needs ${d.needsLevel}` : 'needs not assessed',
  ]
  return `From ${parts.join(', ')}.`
}

/** Contact details and safe-contact rules, as the victim's record shows them. */
export const contactRows = (victim: StoredVictim) => detailRows(victim)
