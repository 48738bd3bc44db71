import { z } from 'zod'

export type FormError = { text: string; href: string }
export type ParsedForm<T> = { ok: true; values: T } | { ok: false; values: Partial<T>; errors: FormError[] }

/** Turns a zod failure into GOV.UK error-summary entries that link to the field. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): ParsedForm<T> {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, values: parsed.data }
  const errors = parsed.error.issues.map((issue) => ({ text: issue.message, href: `#${String(issue.path[0] ?? '')}` }))
  const values = Object.fromEntries(
    Object.entries(raw).filter(([key]) => key !== 'password' && key !== '_csrf'),
  ) as Partial<T>
  return { ok: false, values, errors }
}

const signInSchema = z.object({
  email: z.string({ message: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(320),
  password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password').max(256),
  next: z.string().optional(),
})

export const parseSignInForm = (body: unknown) => parseForm(signInSchema, body)

const codeSchema = z.object({
  code: z
    .string({ message: 'Enter the 6-digit code from your authenticator app' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app')),
})

export const parseCodeForm = (body: unknown) => parseForm(codeSchema, body)

export const lockedMessage = (until: Date) =>
  `This account is locked after too many attempts. Try again after ${new Intl.DateTimeFormat('en-GB', {
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(until)}, or ask an administrator.`
