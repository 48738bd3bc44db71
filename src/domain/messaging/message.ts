// What a message to a victim is, whichever way it leaves the hub (GOV.UK Notify, or kept in the outbox
// when no Notify key is set). Pure types and rules: the transports live in src/integrations/messaging/.

/** The ways the hub writes to someone; the same words as the safe-contact flags (`safe_to_text`…). */
export const MESSAGE_CHANNELS = ['text', 'email', 'letter'] as const
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number]

/** Languages every message exists in: English and Welsh (the hub serves England and Wales). */
export const MESSAGE_LANGUAGES = ['en', 'cy'] as const
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number]

/**
 * The kinds of message case work sends, and the channels each exists for. The wording of each is in
 * src/content/messages/ (one source for messages, staff pages and the public site).
 */
export const MESSAGE_TYPES = {
  /** The first text or email after a referral: we have been asked to get in touch. */
  'first-contact': ['text', 'email'],
  /** After an attempt by phone that did not reach the victim. */
  'tried-to-reach': ['text', 'email'],
  /** The attempt policy ran out with no contact: a closing letter, only where writing is safe. */
  'closing-no-contact': ['letter', 'email'],
  /** A notice that something is waiting in the victim's own pages; never the message itself. */
  'new-message': ['text', 'email'],
} as const satisfies Record<string, readonly MessageChannel[]>
export type MessageType = keyof typeof MESSAGE_TYPES

export const isMessageType = (value: string): value is MessageType => Object.hasOwn(MESSAGE_TYPES, value)

export const messageTypeHasChannel = (type: MessageType, channel: MessageChannel): boolean =>
  (MESSAGE_TYPES[type] as readonly MessageChannel[]).includes(channel)

/** The words as the recipient will read them. Letters and emails have a subject (a letter's heading). */
export interface MessageText {
  readonly subject: string | null
  readonly body: string
}

interface MessageCommon {
  readonly messageType: MessageType
  readonly language: MessageLanguage
  /**
   * Our own id for the message (the outbox row's), sent to Notify as its `reference` so a message can
   * be found again after a lost answer. Never personal data: see `referenceProblem`.
   */
  readonly reference: string
  /** The Notify template, or null where none is configured (fine when messages stay in the outbox). */
  readonly templateId: string | null
  /** The values the template's ((placeholders)) are filled with; `body` and `subject` included. */
  readonly personalisation: Readonly<Record<string, string>>
  /** What the recipient reads, from the hub's content source: what staff see in the outbox. */
  readonly text: MessageText
}

export type OutgoingMessage =
  | (MessageCommon & { readonly channel: 'text'; readonly phoneNumber: string })
  | (MessageCommon & { readonly channel: 'email'; readonly emailAddress: string })
  | (MessageCommon & { readonly channel: 'letter'; readonly addressLines: readonly string[] })

/** Where a message was given to: Notify, or the hub's own outbox when nothing may leave the machine. */
export type TransportMode = 'notify' | 'outbox-only'

/** A message a transport has taken: Notify's notification id (or the outbox's own) and when. */
export interface AcceptedMessage {
  readonly providerId: string
  readonly reference: string
  readonly transport: TransportMode
  readonly acceptedAt: Date
}

// Letters, emails and texts are all found again by this reference (GET /v2/notifications?reference=),
// so it must identify the message alone. Notify asks that it holds no personal information: our rule
// allows only the characters of ids and codes, so a name, an email address or a sentence cannot pass.
const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/

/** Why a reference may not be sent, or null when it may. */
export function referenceProblem(reference: string): string | null {
  if (REFERENCE_PATTERN.test(reference)) return null
  return 'must be 1 to 100 letters, digits, dots, colons, dashes or underscores (an id, never personal data)'
}

/** What is wrong with a message before any transport takes it (the field, and why), or null. */
export function outgoingMessageProblem(message: OutgoingMessage): { field: string; problem: string } | null {
  const reference = referenceProblem(message.reference)
  if (reference) return { field: 'reference', problem: reference }
  if (message.text.body.trim() === '') return { field: 'body', problem: 'the message has no words' }
  if (message.channel !== 'text' && !message.text.subject?.trim()) {
    return {
      field: 'subject',
      problem: message.channel === 'email' ? 'an email needs a subject' : 'a letter needs a heading',
    }
  }
  switch (message.channel) {
    case 'text':
      return message.phoneNumber.trim() === '' ? { field: 'phone_number', problem: 'no phone number' } : null
    case 'email':
      return message.emailAddress.trim() === ''
        ? { field: 'email_address', problem: 'no email address' }
        : null
    case 'letter': {
      // Notify prints 3 to 7 address lines, the last a UK postcode or a country.
      const lines = message.addressLines.map((line) => line.trim()).filter((line) => line !== '')
      if (lines.length < 3 || lines.length > 7) {
        return { field: 'address', problem: 'a letter needs 3 to 7 address lines, the last a postcode' }
      }
      return null
    }
  }
}
