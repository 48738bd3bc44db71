// Words for triage values on the queue and assessment pages.
import type { TimeLeft } from '../../../domain/triage/time-left.ts'

export const RISK_TAG: Readonly<Record<number, { text: string; classes: string }>> = {
  3: { text: 'High', classes: 'govuk-tag--red' },
  2: { text: 'Medium', classes: 'govuk-tag--orange' },
  1: { text: 'Low', classes: 'govuk-tag--green' },
  0: { text: 'Not graded', classes: 'govuk-tag--grey' },
}

export function deadlineTag(timeLeft: TimeLeft): { text: string; classes: string } {
  switch (timeLeft.state) {
    case 'overdue':
      return { text: 'Overdue', classes: 'govuk-tag--red' }
    case 'due_today':
      return { text: 'Due today', classes: 'govuk-tag--orange' }
    case 'unknown':
      return { text: 'No deadline', classes: 'govuk-tag--grey' }
    default:
      return { text: 'On time', classes: 'govuk-tag--blue' }
  }
}

const WARNING_TEXT: Readonly<Record<string, string>> = {
  all_providers_full: 'Every provider for this pathway is full: a manager must decide',
  no_rule_matched: 'No routing rule matched: route this victim by hand',
}

/** Routing warnings in plain words ('provider_full:rosa-isva' -> 'rosa-isva was full'). */
export function describeWarning(code: string, providerName: (id: string) => string = (id) => id): string {
  const [kind, id] = code.split(':')
  if (kind === 'provider_full' && id) return `${providerName(id)} was full, so the next choice was taken`
  if (kind === 'provider_capacity_unknown' && id) return `${providerName(id)} has no capacity figures`
  if (kind?.startsWith('deadline_beyond_calendar')) return 'Deadline beyond the bank holiday data'
  return WARNING_TEXT[code] ?? code
}
