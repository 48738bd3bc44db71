// The order of the question pages and which of them still need an answer. The next page after any
// answer is the first one not yet complete, so changing an answer from "Check your answers" returns
// there, unless the change opens a new question (new contact details need their own safety answers).
import { channelsOffered } from './forms.ts'
import type { SelfReferralAnswers } from './session.ts'

export const BASE = '/refer-yourself'

export const PAGES = ['about-you', 'what-happened', 'police', 'contact', 'safe-contact', 'consent'] as const
export type PageId = (typeof PAGES)[number]

export function isComplete(page: PageId, answers: SelfReferralAnswers): boolean {
  switch (page) {
    case 'about-you':
      return answers.aboutYou !== undefined
    case 'what-happened':
      return answers.whatHappened !== undefined
    case 'police':
      return answers.police !== undefined
    case 'contact':
      return answers.contact !== undefined
    case 'safe-contact': {
      const safety = answers.safety
      if (!safety) return false
      const offered = channelsOffered(answers.contact)
      return offered.every((c) => safety[c] !== undefined) && offered.some((c) => safety[c] === 'yes')
    }
    case 'consent':
      return answers.consent?.agreed === true
  }
}

export const firstIncomplete = (answers: SelfReferralAnswers): PageId | undefined =>
  PAGES.find((p) => !isComplete(p, answers))

/** Where to go after a page is answered. */
export const nextUrl = (answers: SelfReferralAnswers): string => {
  const page = firstIncomplete(answers)
  return page ? `${BASE}/${page}` : `${BASE}/check-answers`
}

/** The page before this one, for the back link. */
export const backUrl = (page: PageId): string => {
  const index = PAGES.indexOf(page)
  return index <= 0 ? BASE : `${BASE}/${PAGES[index - 1]}`
}
