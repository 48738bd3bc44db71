// The GOV.UK Notify settings: which key and address messages go through, and which templates carry
// them. With no NOTIFY_API_KEY nothing leaves the machine: messages are kept in the outbox for staff.
import { z } from 'zod'
import {
  isMessageType,
  MESSAGE_CHANNELS,
  MESSAGE_LANGUAGES,
  messageTypeHasChannel,
} from '../domain/messaging/message.ts'
import type { TemplateSettings } from '../domain/messaging/templates.ts'

/** Notify's own address, used unless NOTIFY_BASE_URL says otherwise. */
export const NOTIFY_PRODUCTION_URL = 'https://api.notifications.service.gov.uk'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
// A Notify API key is "{key name}-{service id}-{secret}", both ids being UUIDs (Notify's API keys page;
// notifications-node-client reads the last 73 characters this way). A key of any other shape would be
// refused by Notify on the first message, so it is refused here, at start-up.
const API_KEY_PATTERN = new RegExp(`^[^\\s]+-${UUID}-${UUID}$`, 'i')
const TEMPLATE_ID_PATTERN = new RegExp(`^${UUID}$`, 'i')
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const templateId = z.string().regex(TEMPLATE_ID_PATTERN, 'must be a Notify template id (a UUID)')

/** Variables whose values are secrets: a configuration error names them but never prints them. */
export const SECRET_NOTIFY_VARIABLES = new Set(['NOTIFY_API_KEY'])

export const notifyEnvironment = {
  NOTIFY_API_KEY: z
    .string()
    .regex(
      API_KEY_PATTERN,
      'must be a GOV.UK Notify API key as Notify shows it: the key name, the service id and the secret joined by dashes',
    )
    .optional(),
  NOTIFY_BASE_URL: z
    .url({ message: 'must be an absolute URL' })
    .refine((value) => {
      if (!URL.canParse(value)) return true // the URL check above has said so already
      const url = new URL(value)
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
    }, 'must be an https:// address (http:// only for this machine, e.g. a test server)')
    .optional(),
  NOTIFY_TEXT_TEMPLATE: templateId.optional(),
  NOTIFY_EMAIL_TEMPLATE: templateId.optional(),
  NOTIFY_LETTER_TEMPLATE: templateId.optional(),
  NOTIFY_TEMPLATES: z
    .string()
    .transform((text, context) => {
      const map = parseTemplateMap(text)
      if (typeof map === 'string') {
        context.addIssue({ code: 'custom', message: map })
        return z.NEVER
      }
      return map
    })
    .optional(),
}

type NotifyEnvironment = z.output<z.ZodObject<typeof notifyEnvironment>>

export interface NotifyConfig {
  /** Unset: outbox only, nothing is sent. */
  readonly apiKey: string | undefined
  readonly baseUrl: string
  readonly templates: TemplateSettings
}

export function notifyConfig(e: NotifyEnvironment): NotifyConfig {
  const general: Partial<Record<(typeof MESSAGE_CHANNELS)[number], string>> = {}
  if (e.NOTIFY_TEXT_TEMPLATE) general.text = e.NOTIFY_TEXT_TEMPLATE
  if (e.NOTIFY_EMAIL_TEMPLATE) general.email = e.NOTIFY_EMAIL_TEMPLATE
  if (e.NOTIFY_LETTER_TEMPLATE) general.letter = e.NOTIFY_LETTER_TEMPLATE
  return {
    apiKey: e.NOTIFY_API_KEY,
    baseUrl: (e.NOTIFY_BASE_URL ?? NOTIFY_PRODUCTION_URL).replace(/\/+$/, ''),
    templates: { general, byMessage: e.NOTIFY_TEMPLATES ?? {} },
  }
}

/**
 * NOTIFY_TEMPLATES: a JSON object from "message-type.channel" (or "message-type.channel.cy") to a
 * template id, e.g. {"closing-no-contact.letter": "…", "closing-no-contact.letter.cy": "…"}.
 * Returns the map, or what is wrong with it.
 */
function parseTemplateMap(text: string): Record<string, string> | string {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return 'must be a JSON object, e.g. {"first-contact.text": "<template id>"}'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'must be a JSON object, e.g. {"first-contact.text": "<template id>"}'
  }
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(parsed)) {
    const [type = '', channel = '', language, ...rest] = key.split('.')
    if (!isMessageType(type)) return `"${key}": "${type}" is not a message type`
    if (!(MESSAGE_CHANNELS as readonly string[]).includes(channel)) {
      return `"${key}": "${channel}" is not a channel (text, email or letter)`
    }
    if (!messageTypeHasChannel(type, channel as (typeof MESSAGE_CHANNELS)[number])) {
      return `"${key}": the message "${type}" is not sent by ${channel}`
    }
    if (
      rest.length > 0 ||
      (language !== undefined && !(MESSAGE_LANGUAGES as readonly string[]).includes(language))
    ) {
      return `"${key}": the language must be en or cy`
    }
    if (typeof value !== 'string' || !TEMPLATE_ID_PATTERN.test(value)) {
      return `"${key}": must be a Notify template id (a UUID)`
    }
    out[key] = value
  }
  return out
}
