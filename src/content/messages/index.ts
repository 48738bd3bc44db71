// The hub's one source of wording for what victims read: texts, emails and letters, and the standard
// statements that staff pages and the public site show (the "core standard messages"). English in
// en.json, Welsh in cy.json, same keys and same {{placeholders}} (content.test.ts holds them to it).
// i18next does the look-up and interpolation; see docs/adr/0024-message-content-and-welsh.md.
import i18next, { type i18n } from 'i18next'
import {
  type MessageChannel,
  type MessageLanguage,
  type MessageText,
  type MessageType,
  messageTypeHasChannel,
} from '../../domain/messaging/message.ts'
import cy from './cy.json' with { type: 'json' }
import en from './en.json' with { type: 'json' }

export const MESSAGE_CONTENT: Readonly<Record<MessageLanguage, unknown>> = { en, cy }

/** Thrown when wording is asked for that does not exist or a placeholder has no value: nothing is sent. */
export class ContentError extends Error {
  override readonly name = 'ContentError'
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g

/** The {{placeholders}} a piece of wording needs, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))]
}

const instance: i18n = i18next.createInstance()
void instance.init({
  resources: { en: { content: en }, cy: { content: cy } },
  ns: ['content'],
  defaultNS: 'content',
  lng: 'en',
  // A missing Welsh text must never quietly become English in a message to a Welsh speaker.
  fallbackLng: false,
  initAsync: false,
  returnNull: false,
  // Texts, emails and letters are plain text, and pages escape on output (Nunjucks autoescape).
  interpolation: { escapeValue: false },
  missingInterpolationHandler: (text: string, match: unknown) => {
    const name = Array.isArray(match) ? String(match[1]).trim() : 'a placeholder'
    throw new ContentError(`No value for {{${name}}} in "${text.slice(0, 60)}…"`)
  },
})

/** One piece of wording, filled in. Throws ContentError for an unknown key or a missing value. */
export function contentText(
  key: string,
  language: MessageLanguage,
  values: Readonly<Record<string, string>> = {},
): string {
  if (!instance.exists(key, { lng: language })) {
    throw new ContentError(`There is no ${language === 'cy' ? 'Welsh' : 'English'} wording for "${key}"`)
  }
  const text = instance.t(key, { ...values, lng: language, returnObjects: false }) as unknown
  if (typeof text !== 'string') throw new ContentError(`"${key}" is a group of wordings, not one`)
  return text
}

/** The words of a message: a text message has a body only; emails and letters a subject too. */
export function messageText(
  type: MessageType,
  channel: MessageChannel,
  language: MessageLanguage,
  values: Readonly<Record<string, string>>,
): MessageText {
  if (!messageTypeHasChannel(type, channel)) {
    throw new ContentError(`The message "${type}" is not sent by ${channel}`)
  }
  if (channel === 'text') return { subject: null, body: contentText(`${type}.text`, language, values) }
  return {
    subject: contentText(`${type}.${channel}.subject`, language, values),
    body: contentText(`${type}.${channel}.body`, language, values),
  }
}

/** Every placeholder a message type needs on a channel (the same in both languages). */
export function messagePlaceholders(type: MessageType, channel: MessageChannel): string[] {
  const content = en as unknown as Record<string, Record<string, string | Record<string, string>>>
  const entry = content[type]?.[channel]
  if (entry === undefined) return []
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry)
  return [...new Set(texts.flatMap(placeholdersOf))]
}
