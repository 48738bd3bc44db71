// Which Notify template carries a message, and what fills its ((placeholders)).
//
// A new service needs three templates in Notify, one per channel, whose content is the whole text:
//   text message:  ((body))
//   email:         subject ((subject)), message ((body))
//   letter:        heading ((subject)), body ((body))
// The hub then writes every message itself, from its content source, in English or Welsh. A service
// that wants a message of its own design (a branded letter) names a template for that message type
// and channel; it receives the same personalisation (the content's values, plus subject and body).

import type { MessageChannel, MessageLanguage, MessageText, MessageType } from './message.ts'

export interface TemplateSettings {
  /** The general template per channel (NOTIFY_TEXT_TEMPLATE, NOTIFY_EMAIL_TEMPLATE, NOTIFY_LETTER_TEMPLATE). */
  readonly general: Readonly<Partial<Record<MessageChannel, string>>>
  /**
   * Templates for one message type (NOTIFY_TEMPLATES), keyed `type.channel` (English) or
   * `type.channel.cy` / `type.channel.en`.
   */
  readonly byMessage: Readonly<Record<string, string>>
}

export interface TemplateChoice {
  readonly id: string
  /** `message`: a template made for this message type; `general`: the channel's ((body)) template. */
  readonly kind: 'message' | 'general'
}

/**
 * The template for a message, or null when none is configured. A template named without a language
 * holds English words, so a Welsh message never goes out in it: it takes the general template, which
 * carries the Welsh text the hub wrote.
 */
export function chooseTemplate(
  settings: TemplateSettings,
  type: MessageType,
  channel: MessageChannel,
  language: MessageLanguage,
): TemplateChoice | null {
  const keys = language === 'en' ? [`${type}.${channel}.en`, `${type}.${channel}`] : [`${type}.${channel}.cy`]
  for (const key of keys) {
    const id = settings.byMessage[key]
    if (id) return { id, kind: 'message' }
  }
  const general = settings.general[channel]
  return general ? { id: general, kind: 'general' } : null
}

/** The environment variable that names the general template of a channel. */
export const GENERAL_TEMPLATE_VARIABLE: Readonly<Record<MessageChannel, string>> = {
  text: 'NOTIFY_TEXT_TEMPLATE',
  email: 'NOTIFY_EMAIL_TEMPLATE',
  letter: 'NOTIFY_LETTER_TEMPLATE',
}

/**
 * What fills the template: the content's own values (for a template of its own design) and the whole
 * text as `body`, with `subject` for emails and letters (for the general template).
 */
export function personalisationFor(
  values: Readonly<Record<string, string>>,
  text: MessageText,
): Record<string, string> {
  const out: Record<string, string> = { ...values, body: text.body }
  if (text.subject !== null) out.subject = text.subject
  return out
}
