// How many victims the hub knows by each full name: read for the names of a chunk being decided, added
// to by what it decided (docs/adr/0030). One indexed row a name, so a chunk costs one lookup and one
// upsert however many victims the hub holds.
import type { Queryable } from '../db/transaction.ts'

/** Victims known by each of `names`; a name the hub has not seen is left out. */
export async function victimNameCounts(
  db: Queryable,
  names: readonly string[],
): Promise<Map<string, number>> {
  if (names.length === 0) return new Map()
  const { rows } = await db.query<{ full_name: string; victims: number }>(
    'SELECT full_name, victims FROM victim_name_counts WHERE full_name = ANY($1::text[])',
    [names],
  )
  return new Map(rows.map((r) => [r.full_name, r.victims]))
}

/** Adds to the counts (names in any order; each once). */
export async function addVictimNameCounts(db: Queryable, added: ReadonlyMap<string, number>): Promise<void> {
  if (added.size === 0) return
  // Sorted, so two transactions adding overlapping names lock their rows in one order.
  const names = [...added.keys()].sort()
  await db.query(
    `INSERT INTO victim_name_counts (full_name, victims)
     SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (full_name) DO UPDATE SET victims = victim_name_counts.victims + EXCLUDED.victims`,
    [names, names.map((n) => added.get(n) as number)],
  )
}
