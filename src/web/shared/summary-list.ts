// Rows for the govukSummaryList macro. Values are escaped here because multi-line values go in as HTML.

export type SummaryRow = {
  key: { text: string }
  value: { html: string }
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] }
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** One row; `lines` are shown one per line, blanks dropped; nothing given shows `empty`. */
export function row(
  key: string,
  lines: readonly (string | null | undefined)[],
  change?: { href: string },
  empty = 'Not given',
): SummaryRow {
  const shown = lines.filter((l): l is string => typeof l === 'string' && l.trim() !== '')
  const out: SummaryRow = {
    key: { text: key },
    value: { html: shown.length ? shown.map(escapeHtml).join('<br>') : escapeHtml(empty) },
  }
  if (change)
    out.actions = { items: [{ href: change.href, text: 'Change', visuallyHiddenText: key.toLowerCase() }] }
  return out
}

export const formatIsoDate = (iso: string | null | undefined): string | null =>
  iso
    ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      )
    : null
