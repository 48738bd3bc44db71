import { ROLE_LABELS, ROLES } from '../../../domain/staff/roles.ts'
import type { StaffAccount, TeamSummary } from '../../../services/accounts.ts'

export const roleItems = (selected?: string) =>
  ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: role === selected }))

export const teamItems = (teams: TeamSummary[], selected?: string | null) => [
  { value: '', text: 'No team' },
  ...teams.map((t) => ({
    value: t.id,
    text: `${t.name} (${t.organisationName})`,
    selected: t.id === selected,
  })),
]

export const userRows = (users: StaffAccount[]) =>
  users.map((u) => [
    { html: `<a class="govuk-link" href="/staff/users/${u.id}">${escapeHtml(u.displayName)}</a>` },
    { text: u.email },
    { text: ROLE_LABELS[u.role] },
    { text: u.teamName ?? '—' },
    { text: u.disabled ? 'Disabled' : u.lockedUntil && u.lockedUntil > new Date() ? 'Locked' : 'Active' },
    { text: u.totpEnabled ? 'Yes' : 'No' },
  ])

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )
