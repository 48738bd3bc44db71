import { z } from 'zod'
import { ROLES } from '../../../domain/staff/roles.ts'
import { parseForm } from '../../forms.ts'

const newUserSchema = z.object({
  name: z.string({ message: 'Enter the person’s name' }).trim().min(1, 'Enter the person’s name').max(200),
  email: z
    .string({ message: 'Enter an email address' })
    .trim()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address like name@example.org'),
  role: z.enum(ROLES, { message: 'Select a role' }),
  team: z.string().trim().optional(),
})

export const parseNewUserForm = (body: unknown) => parseForm(newUserSchema, body)

const changeRoleSchema = z.object({
  role: z.enum(ROLES, { message: 'Select a role' }),
  teamId: z.string().trim().optional(),
})

export const parseChangeRoleForm = (body: unknown) => parseForm(changeRoleSchema, body)
