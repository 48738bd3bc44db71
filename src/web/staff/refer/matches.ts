// Before a worker sends a referral for someone, the hub looks for victims it may already know by the
// name, date of birth, phones and email given, with the victim search, and lists the likely matches
// first: most details in common at the top.
import type { VictimSearchOutcome } from '../../../services/victims/index.ts'
import { formatIsoDate } from '../../shared/summary-list.ts'
import { BASE as VICTIMS } from '../victims/presenter.ts'
import type { PartnerReferralAnswers } from './session.ts'

type Detail = 'name' | 'date of birth' | 'phone number' | 'email address'

/** The searches to run: what was typed, and the detail each one stands for. */
export function matchSearches(answers: PartnerReferralAnswers): { text: string; detail: Detail }[] {
  const searches: { text: string; detail: Detail }[] = []
  const name = `${answers.person?.forename ?? ''} ${answers.person?.surname ?? ''}`.trim()
  if (name) searches.push({ text: name, detail: 'name' })
  for (const phone of [answers.contact?.phoneMobile, answers.contact?.phoneOther])
    if (phone?.trim()) searches.push({ text: phone.trim(), detail: 'phone number' })
  if (answers.contact?.email?.trim())
    searches.push({ text: answers.contact.email.trim(), detail: 'email address' })
  return searches
}

export type LikelyMatch = {
  href: string
  name: string
  dateOfBirth: string
  postcodeDistrict: string
  referralCount: number
  shares: string
}

const ORDER: readonly Detail[] = ['name', 'date of birth', 'phone number', 'email address']

/**
 * Victims found by any search, with the details they share with the referral. A name alone is not a
 * likely match when both dates of birth are known and differ. Restricted victims the worker may not see
 * are only counted.
 */
export function likelyMatches(
  answers: PartnerReferralAnswers,
  found: { detail: Detail; outcome: VictimSearchOutcome }[],
): { matches: LikelyMatch[]; hidden: number } {
  const dob = answers.person?.dateOfBirth ?? null
  const byId = new Map<
    string,
    { row: Extract<VictimSearchOutcome, { ok: true }>['results'][number]; shares: Set<Detail> }
  >()
  let hidden = 0
  for (const { detail, outcome } of found) {
    if (!outcome.ok) continue
    for (const row of outcome.results) {
      if (!row.visible) {
        hidden += 1
        continue
      }
      const entry = byId.get(row.id) ?? { row, shares: new Set<Detail>() }
      entry.shares.add(detail)
      if (dob && row.dateOfBirth === dob) entry.shares.add('date of birth')
      byId.set(row.id, entry)
    }
  }
  const matches = [...byId.values()]
    .filter(({ row, shares }) => {
      if (!row.visible) return false
      const nameOnly = shares.size === 1 && shares.has('name')
      return !(nameOnly && dob && row.dateOfBirth && row.dateOfBirth !== dob)
    })
    .sort((a, b) => b.shares.size - a.shares.size)
    .map(({ row, shares }) => {
      const r = row as Extract<typeof row, { visible: true }>
      const words = ORDER.filter((d) => shares.has(d))
      return {
        href: `${VICTIMS}/${r.id}`,
        name: `${r.forename} ${r.surname}`,
        dateOfBirth: formatIsoDate(r.dateOfBirth) ?? 'Not known',
        postcodeDistrict: r.postcodeDistrict ?? 'Not known',
        referralCount: r.referralCount,
        shares: words.join(', '),
      }
    })
  return { matches, hidden }
}
