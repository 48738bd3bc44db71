import type { VictimSearchQuery } from '../../../../domain/victims/search-query.ts'
import { SEARCH_RESULT_LIMIT, type VictimSearchOutcome } from '../../../../services/victims/index.ts'
import { formatIsoDate } from '../../../shared/summary-list.ts'
import { BASE } from '../presenter.ts'

export const SEARCH_PATH = `${BASE}/search`

/** What was typed, or undefined when the page is opened without searching (no error for that). */
export function searchTextOf(query: unknown): string | undefined {
  const q = (query as Record<string, unknown> | undefined)?.q
  if (q === undefined) return undefined
  // Repeated or malformed parameters count as an empty search; the length cap keeps a pasted essay
  // from being echoed back whole.
  return typeof q === 'string' ? q.slice(0, 200) : ''
}

const londonDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' })

/** How the search text was read, so a person can see why a result is there (or is not). */
function searchedBy(query: VictimSearchQuery): string {
  switch (query.kind) {
    case 'name':
      return `name “${query.shown}”`
    case 'date_of_birth':
      return `date of birth ${formatIsoDate(query.isoDate)}`
    case 'phone':
      return `phone number ${query.shown}`
    case 'email':
      return `email address ${query.shown}`
    case 'reference':
      return `crime reference or referral ID “${query.shown}”`
    case 'record_id':
      return `Victim Hub ID ${query.shown}`
  }
}

export function searchResultsView(outcome: Extract<VictimSearchOutcome, { ok: true }>) {
  return {
    searched: true,
    searchedBy: searchedBy(outcome.query),
    count: outcome.results.length,
    more: outcome.more,
    limit: SEARCH_RESULT_LIMIT,
    anyRestricted: outcome.results.some((r) => !r.visible || r.restricted),
    rows: outcome.results.map((r) =>
      r.visible
        ? {
            visible: true,
            href: `${BASE}/${r.id}`,
            name: `${r.forename} ${r.surname}`,
            restricted: r.restricted,
            dateOfBirth: formatIsoDate(r.dateOfBirth) ?? 'Not known',
            postcodeDistrict: r.postcodeDistrict ?? 'Not known',
            referralCount: r.referralCount,
            latestReferral: r.latestReferralAt ? londonDate.format(r.latestReferralAt) : 'None',
          }
        : { visible: false },
    ),
  }
}
