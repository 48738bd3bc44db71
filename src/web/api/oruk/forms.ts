import { z } from 'zod'

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max)
const optionalText = z.string().trim().min(1).max(200).optional()

/** The query parameters the Open Referral UK list endpoints take (unknown ones are ignored). */
export const listQuery = z.object({
  page: integer(1, 100_000).default(1),
  per_page: integer(1, 100).default(20),
  search: optionalText,
  taxonomy_term_id: optionalText,
  taxonomy_id: optionalText,
  minimum_age: z.coerce.number().min(0).max(150).optional(),
  maximum_age: z.coerce.number().min(0).max(150).optional(),
  postcode: optionalText,
  proximity: z.coerce.number().positive().max(1_000_000).optional(),
})

export type ListQuery = z.infer<typeof listQuery>
