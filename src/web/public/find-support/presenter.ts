// What the find support pages show, in the page's language: the options and each result's reasons.
import { contentText } from '../../../content/messages/index.ts'
import { SUPPORT_TOPICS } from '../../../domain/directory/entries.ts'
import { type Match, RATHER_NOT_SAY, type Reason, WAYS } from '../../../domain/directory/find-support.ts'
import type { FindSupportValues, Language } from './forms.ts'

export const translator =
  (language: Language) =>
  (key: string, values: Record<string, string> = {}) =>
    contentText(`find-support.${key}`, language, values)

export function questionItems(language: Language, values: Partial<FindSupportValues>) {
  const t = translator(language)
  return {
    topics: [
      ...SUPPORT_TOPICS.map((topic) => ({
        value: topic,
        text: t(`topic.${topic}`),
        checked: values.topic === topic,
      })),
      { divider: t('or') },
      { value: RATHER_NOT_SAY, text: t('ratherNotSay'), checked: values.topic === RATHER_NOT_SAY },
    ],
    ways: WAYS.map((way) => ({
      value: way,
      text: t(`way.${way}`),
      checked: values.ways?.includes(way) ?? false,
    })),
    safe: [
      { value: 'yes', text: t('safeYes'), checked: values.safe === 'yes' },
      { value: 'no', text: t('safeNo'), checked: values.safe === 'no' },
      { value: 'not_sure', text: t('safeNotSure'), checked: values.safe === 'not_sure' },
    ],
  }
}

export function reasonText(reason: Reason, language: Language): string {
  const t = translator(language)
  switch (reason.kind) {
    case 'topic':
      return t('reason.topic', { topic: t(`topicLower.${reason.topic}`) })
    case 'any_crime':
      return t('reason.anyCrime')
    case 'age': {
      const minimum = String(reason.minimumAge ?? '')
      const maximum = String(reason.maximumAge ?? '')
      if (reason.minimumAge !== null && reason.maximumAge !== null)
        return t('reason.ageBoth', { minimum, maximum })
      return reason.minimumAge !== null ? t('reason.ageFrom', { minimum }) : t('reason.ageTo', { maximum })
    }
    case 'area':
      return t('reason.area', { district: reason.district })
    case 'county':
      return t('reason.county')
    case 'national':
      return t('reason.national')
    case 'open_24_hours':
      return t('reason.open24')
    case 'way':
      return t('reason.way', { way: t(`wayLower.${reason.way}`) })
  }
}

export const resultCards = (matches: readonly Match[], language: Language) =>
  matches.map((m) => ({
    id: m.service.id,
    name: m.service.name,
    organisation: m.service.organisationName,
    description: m.service.description,
    phone: m.service.phone,
    openingTimes: m.service.openingTimes,
    cost: m.service.cost,
    wait: m.service.expectedWaitDays,
    urgent: m.service.national && m.service.open24Hours,
    reasons: m.reasons.map((r) => reasonText(r, language)),
    referHref: m.canReferYourself ? `/refer-yourself?service=${encodeURIComponent(m.service.id)}` : null,
  }))
