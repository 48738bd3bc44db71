import { z } from 'zod'
import { parseForm } from '../../forms.ts'

// The service checks the name and force code fully (and names the field); the form only reads them.
const newOrganisationSchema = z.object({
  name: z.string({ message: 'Enter the organisation’s name' }).trim().min(1, 'Enter the organisation’s name'),
  kind: z.enum(['police', 'partner_agency'], { message: 'Select police force or partner agency' }),
  forceCode: z.string().trim().optional(),
})

export const parseNewOrganisationForm = (body: unknown) => parseForm(newOrganisationSchema, body)
