import type { z } from 'zod'

export type FormError = { text: string; href: string }
export type ParsedForm<T> = { ok: true; values: T } | { ok: false; values: Partial<T>; errors: FormError[] }

/** Validates a posted form with zod; on failure keeps what was typed (never passwords) for the page to show again. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): ParsedForm<T> {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, values: parsed.data }
  const errors = parsed.error.issues.map((issue) => ({
    text: issue.message,
    href: `#${String(issue.path[0] ?? '')}`,
  }))
  const values = Object.fromEntries(
    Object.entries(raw).filter(([key]) => key !== 'password' && key !== '_csrf'),
  ) as Partial<T>
  return { ok: false, values, errors }
}
