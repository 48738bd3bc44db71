// Rows leave the repositories with camelCase names, as the rest of the code speaks. SQL keeps its
// snake_case columns; this turns one into the other once per column name, so a query's row type is
// written once, in camelCase, and no repository hand-writes a mapper that only renames fields.
import type { Queryable } from '../db/transaction.ts'

/** `first_contact_due` → `firstContactDue`, at the type level. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

const known = new Map<string, string>()

/** `first_contact_due` → `firstContactDue`. */
export function camelCase(column: string): string {
  let name = known.get(column)
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
    known.set(column, name)
  }
  return name
}

/** One row with its columns renamed; values are kept as the driver read them. */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {}
  for (const column in row) out[camelCase(column)] = row[column]
  return out as T
}

export const camelRows = <T>(rows: readonly Record<string, unknown>[]): T[] => rows.map((r) => camelRow<T>(r))

/** Every row a query returns, camelCased. */
export async function selectRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const { rows } = await db.query(sql, params)
  return camelRows<T>(rows)
}

/** The first row a query returns, camelCased, or undefined when there is none. */
export async function selectRow<T>(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  const { rows } = await db.query(sql, params)
  return rows[0] ? camelRow<T>(rows[0]) : undefined
}
