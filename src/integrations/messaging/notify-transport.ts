// The production adapter: messages through GOV.UK Notify with its official client
// (notifications-node-client, docs.notifications.service.gov.uk/node.html). The client signs every
// request with a fresh HS256 token from the API key; this file maps the hub's messages to the
// client's calls and Notify's answers and errors back to the hub's terms.
import axios from 'axios'
import { NotifyClient } from 'notifications-node-client'
import { type DeliveryReport, outcomeOfNotifyStatus } from '../../domain/messaging/delivery-status.ts'
import { MessagingConfigurationError, PermanentMessageError } from '../../domain/messaging/errors.ts'
import {
  type AcceptedMessage,
  type MessageChannel,
  type OutgoingMessage,
  outgoingMessageProblem,
} from '../../domain/messaging/message.ts'
import type { MessageTransport, TemplateCheck, TransportCheck } from '../../domain/messaging/port.ts'
import { classifyNotifyFailure } from './notify-errors.ts'
import { type ExpectedTemplate, templateProblem } from './template-fit.ts'

export interface NotifyTransportOptions {
  readonly apiKey: string
  readonly baseUrl: string
  /** The templates `check` looks up, with what the hub fills each with. */
  readonly expectedTemplates: readonly ExpectedTemplate[]
  /** Give up on an answer after this long (a hung connection must not hold the job for ever). */
  readonly timeoutMs?: number
}

const NOTIFY_TYPE: Readonly<Record<MessageChannel, 'sms' | 'email' | 'letter'>> = {
  text: 'sms',
  email: 'email',
  letter: 'letter',
}
const CHANNEL_FOR_TYPE: Readonly<Record<string, MessageChannel>> = {
  sms: 'text',
  email: 'email',
  letter: 'letter',
}

/** Notify's timestamps: "2024-05-17T15:58:38.342838Z" (older answers: "2024-05-17 15:58:38.342838"). */
function notifyTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null
  const iso = value.includes('T') ? value : `${value.replace(' ', 'T')}Z`
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

interface NotificationBody {
  id: string
  reference?: string | null
  type: string
  status: string
  created_at?: string
  sent_at?: string | null
  completed_at?: string | null
}

function reportOf(n: NotificationBody): DeliveryReport {
  return {
    ...outcomeOfNotifyStatus(n.status),
    providerId: n.id,
    reference: n.reference ?? null,
    channel: CHANNEL_FOR_TYPE[n.type] ?? 'text',
    providerStatus: n.status,
    createdAt: notifyTime(n.created_at) ?? new Date(0),
    sentAt: notifyTime(n.sent_at),
    completedAt: notifyTime(n.completed_at),
  }
}

/** Notify's letter personalisation names the address lines address_line_1 to address_line_7. */
function addressPersonalisation(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .forEach((line, index) => {
      out[`address_line_${index + 1}`] = line
    })
  return out
}

export function createNotifyTransport(options: NotifyTransportOptions): MessageTransport {
  const client = new NotifyClient(options.baseUrl, options.apiKey)
  // The client's own axios has no time-out. (axios ships separate type files for import and require:
  // the same instance, two type names.)
  const http = axios.create({ timeout: options.timeoutMs ?? 15_000 })
  client.setClient(http as unknown as Parameters<NotifyClient['setClient']>[0])

  const settingFor = (message: OutgoingMessage): string | null =>
    options.expectedTemplates.find(
      (t) => t.templateId === message.templateId && t.channel === message.channel,
    )?.setting ?? null

  const fail = (
    error: unknown,
    action: 'send' | 'status' | 'look-up' | 'check',
    setting: string | null = null,
  ) => {
    throw classifyNotifyFailure(error, { action, setting })
  }

  async function send(message: OutgoingMessage): Promise<AcceptedMessage> {
    const problem = outgoingMessageProblem(message)
    if (problem) {
      throw new PermanentMessageError(
        `Not sent: ${problem.field}: ${problem.problem}`,
        null,
        [],
        problem.field,
      )
    }
    const templateId = message.templateId
    if (templateId === null) {
      throw new MessagingConfigurationError(
        `No Notify template is set for ${message.channel} messages`,
        null,
        [],
        { text: 'NOTIFY_TEXT_TEMPLATE', email: 'NOTIFY_EMAIL_TEMPLATE', letter: 'NOTIFY_LETTER_TEMPLATE' }[
          message.channel
        ],
      )
    }
    const common = { personalisation: { ...message.personalisation }, reference: message.reference }
    try {
      const response =
        message.channel === 'text'
          ? await client.sendSms(templateId, message.phoneNumber, common)
          : message.channel === 'email'
            ? await client.sendEmail(templateId, message.emailAddress, common)
            : await client.sendLetter(templateId, {
                ...common,
                personalisation: {
                  ...common.personalisation,
                  ...addressPersonalisation(message.addressLines),
                },
              })
      return {
        providerId: response.data.id,
        reference: message.reference,
        transport: 'notify',
        acceptedAt: new Date(),
      }
    } catch (error) {
      return fail(error, 'send', settingFor(message))
    }
  }

  async function status(providerId: string): Promise<DeliveryReport> {
    try {
      const response = await client.getNotificationById(providerId)
      return reportOf(response.data as NotificationBody)
    } catch (error) {
      return fail(error, 'status')
    }
  }

  async function findByReference(reference: string): Promise<DeliveryReport[]> {
    try {
      const response = await client.getNotifications(undefined, undefined, reference)
      return (response.data.notifications as NotificationBody[]).map(reportOf)
    } catch (error) {
      return fail(error, 'look-up')
    }
  }

  async function check(): Promise<TransportCheck> {
    // Listing the service's templates proves the key (a wrong one answers 403) and sends nothing.
    let templates: { id: string; type: string; body: string; subject?: string }[]
    try {
      templates = (await client.getAllTemplates()).data.templates
    } catch (error) {
      return fail(error, 'check')
    }
    const checks: TemplateCheck[] = options.expectedTemplates.map((expected) => ({
      channel: expected.channel,
      setting: expected.setting,
      templateId: expected.templateId,
      problem: templateProblem(
        expected,
        templates.find((t) => t.id === expected.templateId),
        NOTIFY_TYPE[expected.channel],
      ),
    }))
    const withGeneral = new Set(
      options.expectedTemplates.filter((t) => t.kind === 'general').map((t) => t.channel),
    )
    return {
      mode: 'notify',
      destination: options.baseUrl,
      templates: checks,
      channelsWithoutTemplate: (['text', 'email', 'letter'] as const).filter((c) => !withGeneral.has(c)),
    }
  }

  return { mode: 'notify', send, status, findByReference, check }
}
