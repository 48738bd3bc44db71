// The find support questions. Every answer but "what happened" and "are you safe" is optional; the
// messages come from the content source in the page's language.
import { contentText } from '../../../content/messages/index.ts'
import { SUPPORT_TOPICS } from '../../../domain/directory/entries.ts'
import {
  type FindSupportAnswers,
  RATHER_NOT_SAY,
  WAYS,
  type Way,
} from '../../../domain/directory/find-support.ts'
import { findDistrict } from '../../../domain/directory/places.ts'
import type { FormError } from '../../forms.ts'

export type Language = 'en' | 'cy'
export const languageOf = (value: unknown): Language => (value === 'cy' ? 'cy' : 'en')

/** What was typed, kept as text to show again. */
export interface FindSupportValues {
  topic: string
  age: string
  place: string
  ways: string[]
  safe: string
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '')

export function readValues(body: unknown): FindSupportValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const ways = Array.isArray(b.ways) ? b.ways : b.ways === undefined ? [] : [b.ways]
  return {
    topic: text(b.topic, 40),
    age: text(b.age, 10),
    place: text(b.place, 60),
    ways: ways.map((w) => text(w, 20)).filter((w) => (WAYS as readonly string[]).includes(w)),
    safe: text(b.safe, 10),
  }
}

export type Parsed =
  | { ok: true; answers: FindSupportAnswers; values: FindSupportValues }
  | { ok: false; values: FindSupportValues; errors: FormError[] }

export function parseFindSupport(body: unknown, language: Language): Parsed {
  const values = readValues(body)
  const t = (key: string) => contentText(`find-support.${key}`, language)
  const errors: FormError[] = []
  const topics: readonly string[] = [...SUPPORT_TOPICS, RATHER_NOT_SAY]
  if (!topics.includes(values.topic)) errors.push({ text: t('errorTopic'), href: '#topic' })
  const age = values.age === '' ? null : /^\d{1,3}$/.test(values.age) ? Number(values.age) : Number.NaN
  if (age !== null && (Number.isNaN(age) || age > 120)) errors.push({ text: t('errorAge'), href: '#age' })
  const district = values.place === '' ? null : (findDistrict(values.place)?.code ?? undefined)
  if (district === undefined) errors.push({ text: t('errorPlace'), href: '#place' })
  if (!['yes', 'no', 'not_sure'].includes(values.safe)) errors.push({ text: t('errorSafe'), href: '#safe' })
  if (errors.length > 0) return { ok: false, values, errors }
  return {
    ok: true,
    values,
    answers: {
      topic: values.topic as FindSupportAnswers['topic'],
      age,
      district: district ?? null,
      ways: values.ways as Way[],
      inDanger: values.safe !== 'yes',
    },
  }
}
