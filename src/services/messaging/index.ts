// Messages to victims: words from the content source, the template from the settings, and the
// transport the configuration chooses (GOV.UK Notify with a key; the outbox only without one).
// The outbox and its job (written in the same transaction as the action that causes a message, sent
// with retries) call `compose` when the action happens and `send` from the job.
import type { NotifyConfig } from '../../config/notify.ts'
import { messagePlaceholders, messageText } from '../../content/messages/index.ts'
import type { DeliveryReport } from '../../domain/messaging/delivery-status.ts'
import {
  type AcceptedMessage,
  MESSAGE_TYPES,
  type MessageChannel,
  type MessageLanguage,
  type MessageType,
  type OutgoingMessage,
  type TransportMode,
} from '../../domain/messaging/message.ts'
import type { MessageTransport, TransportCheck } from '../../domain/messaging/port.ts'
import {
  chooseTemplate,
  GENERAL_TEMPLATE_VARIABLE,
  personalisationFor,
  type TemplateSettings,
} from '../../domain/messaging/templates.ts'
import { createNotifyTransport } from '../../integrations/messaging/notify-transport.ts'
import {
  createOutboxOnlyTransport,
  type KeptMessage,
} from '../../integrations/messaging/outbox-only-transport.ts'
import type { ExpectedTemplate } from '../../integrations/messaging/template-fit.ts'

export type Recipient =
  | { phoneNumber: string }
  | { emailAddress: string }
  | { addressLines: readonly string[] }

export interface ComposeRequest {
  readonly type: MessageType
  readonly channel: MessageChannel
  readonly language: MessageLanguage
  /** The content's {{placeholders}}: firstName, senderName, contactPhone… */
  readonly values: Readonly<Record<string, string>>
  /** The outbox row's id: Notify's `reference`, never personal data. */
  readonly reference: string
  readonly recipient: Recipient
}

export interface MessagingService {
  readonly mode: TransportMode
  /** The message as it will be sent: words, template and personalisation. Throws ContentError. */
  compose(request: ComposeRequest): OutgoingMessage
  send(message: OutgoingMessage): Promise<AcceptedMessage>
  status(providerId: string): Promise<DeliveryReport>
  findByReference(reference: string): Promise<DeliveryReport[]>
  /** Is the key accepted, and do the templates fit? Sends nothing. */
  check(): Promise<TransportCheck>
}

export interface MessagingOptions {
  /** Another transport (tests); by default the configuration's. */
  readonly transport?: MessageTransport
  /** Outbox only: where a kept message is recorded (the outbox table, once it exists). */
  readonly keep?: (kept: KeptMessage) => void | Promise<void>
}

const ADDRESS_LINES = Array.from({ length: 7 }, (_, i) => `address_line_${i + 1}`)

/** Every configured template, with the personalisation the hub sends it (what `check` compares). */
export function expectedTemplates(settings: TemplateSettings): ExpectedTemplate[] {
  const out: ExpectedTemplate[] = []
  const channelFills = (channel: MessageChannel, values: string[]) => [
    ...values,
    'body',
    ...(channel === 'text' ? [] : ['subject']),
    ...(channel === 'letter' ? ADDRESS_LINES : []),
  ]
  for (const [channel, templateId] of Object.entries(settings.general) as [MessageChannel, string][]) {
    const values = [
      ...new Set(
        (Object.keys(MESSAGE_TYPES) as MessageType[]).flatMap((type) =>
          (MESSAGE_TYPES[type] as readonly MessageChannel[]).includes(channel)
            ? messagePlaceholders(type, channel)
            : [],
        ),
      ),
    ]
    out.push({
      setting: GENERAL_TEMPLATE_VARIABLE[channel],
      templateId,
      channel,
      kind: 'general',
      fills: channelFills(channel, values),
    })
  }
  for (const [key, templateId] of Object.entries(settings.byMessage)) {
    const [type, channel] = key.split('.') as [MessageType, MessageChannel]
    out.push({
      setting: `NOTIFY_TEMPLATES "${key}"`,
      templateId,
      channel,
      kind: 'message',
      fills: channelFills(channel, messagePlaceholders(type, channel)),
    })
  }
  return out
}

export function createMessagingService(
  config: NotifyConfig,
  options: MessagingOptions = {},
): MessagingService {
  const expected = expectedTemplates(config.templates)
  const transport =
    options.transport ??
    (config.apiKey
      ? createNotifyTransport({ apiKey: config.apiKey, baseUrl: config.baseUrl, expectedTemplates: expected })
      : createOutboxOnlyTransport({
          expectedTemplates: expected,
          ...(options.keep ? { keep: options.keep } : {}),
        }))

  function compose(request: ComposeRequest): OutgoingMessage {
    const text = messageText(request.type, request.channel, request.language, request.values)
    const template = chooseTemplate(config.templates, request.type, request.channel, request.language)
    const common = {
      messageType: request.type,
      language: request.language,
      reference: request.reference,
      templateId: template?.id ?? null,
      personalisation: personalisationFor(request.values, text),
      text,
    }
    const r = request.recipient
    if (request.channel === 'text' && 'phoneNumber' in r)
      return { ...common, channel: 'text', phoneNumber: r.phoneNumber }
    if (request.channel === 'email' && 'emailAddress' in r) {
      return { ...common, channel: 'email', emailAddress: r.emailAddress }
    }
    if (request.channel === 'letter' && 'addressLines' in r) {
      return { ...common, channel: 'letter', addressLines: r.addressLines }
    }
    throw new TypeError(
      {
        text: 'A text message needs a phone number',
        email: 'An email needs an email address',
        letter: 'A letter needs a postal address',
      }[request.channel],
    )
  }

  return {
    mode: transport.mode,
    compose,
    send: (message) => transport.send(message),
    status: (id) => transport.status(id),
    findByReference: (reference) => transport.findByReference(reference),
    check: () => transport.check(),
  }
}
