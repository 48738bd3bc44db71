import { z } from 'zod'
import { parseForm } from '../../forms.ts'

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
