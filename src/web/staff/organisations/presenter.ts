import type { Organisation } from '../../../services/organisations.ts'
import { SENDER_KINDS } from '../../../services/organisations.ts'

const KIND_LABELS: Record<string, string> = {
  ...SENDER_KINDS,
  commissioner: 'Commissioner',
  hub_provider: 'Hub provider',
  specialist_provider: 'Specialist provider',
}

export const organisationRows = (organisations: readonly Organisation[]) =>
  organisations.map((o) => [
    { text: o.name },
    { text: KIND_LABELS[o.kind] ?? o.kind },
    { text: o.forceCode ?? '' },
  ])

/** The radios for the kind of organisation. */
export const kindItems = (chosen: string | undefined) => [
  { value: 'police', text: SENDER_KINDS.police, checked: chosen === 'police' },
  { value: 'partner_agency', text: SENDER_KINDS.partner_agency, checked: chosen === 'partner_agency' },
]

/** Errors for the inputs, by field, as GOV.UK components take them. */
export const errorFor = (errors: readonly { text: string; href: string }[], field: string) => {
  const found = errors.find((e) => e.href === `#${field}`)
  return found ? { text: found.text } : undefined
}
