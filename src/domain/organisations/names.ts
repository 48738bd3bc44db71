// How a typed name finds an organisation or a team: the one rule behind the CLI's --organisation, an
// API key's organisation, a staff member's team and the organisation a police referrer works for.
// Names are compared as people read them: case, spacing and Unicode forms do not matter.

/** The form two spellings of one name share: NFKC, trimmed, inner spaces as one, lower case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB')
}

export const sameName = (a: string, b: string): boolean => nameKey(a) === nameKey(b)

/**
 * The item called `name`: the one spelt exactly so, otherwise the only one whose name reads the same.
 * When two read the same and neither is spelt exactly so, there is no telling which was meant: none.
 */
export function findByName<T extends { readonly name: string }>(
  items: readonly T[],
  name: string,
): T | undefined {
  const exact = items.find((item) => item.name === name)
  if (exact) return exact
  const key = nameKey(name)
  const alike = items.filter((item) => nameKey(item.name) === key)
  return alike.length === 1 ? alike[0] : undefined
}
