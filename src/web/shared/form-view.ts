import type { FormError } from '../forms.ts'

export type FieldErrors = Record<string, { text: string }>

/** Error messages keyed by field id, for the `errorMessage` of each govuk macro. First error per field wins. */
export function fieldErrors(errors: readonly FormError[]): FieldErrors {
  const out: FieldErrors = {}
  for (const e of errors) {
    const id = e.href.replace(/^#/, '')
    out[id] ??= { text: e.text }
    // A date input's error belongs to the whole group as well as the part it points at.
    const group = id.replace(/-(day|month|year)$/, '')
    if (group !== id) out[group] ??= { text: e.text }
  }
  return out
}

/** What a question page renders after a failed post: the values typed, the summary and per-field errors. */
export const withErrors = (values: unknown, errors: readonly FormError[]) => ({
  values: (values ?? {}) as Record<string, unknown>,
  errors,
  fieldErrors: fieldErrors(errors),
})
