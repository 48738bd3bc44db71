// The fake Notify's checks of a POST /v2/notifications/{type} body, in the real API's order
// (notifications-api post_notifications.py): the JSON schema (required fields, UUIDs, the phone number
// or email address format) as ValidationError; the daily limit as TooManyRequestsError; the template
// (exists, right type, every placeholder filled) and team-key recipients as BadRequestError.
import { randomUUID } from 'node:crypto'
import type { FakeApiKey, KeyType } from './auth.ts'
import {
  fillTemplate,
  InvalidRecipient,
  validateEmailAddress,
  validateLetterAddress,
  validatePhoneNumber,
} from './validation.ts'

export type TemplateType = 'sms' | 'email' | 'letter'

export interface ReceivedNotification {
  readonly id: string
  readonly type: TemplateType
  readonly templateId: string
  readonly templateVersion: number
  readonly personalisation: Readonly<Record<string, unknown>>
  readonly reference: string | null
  readonly phoneNumber?: string
  readonly emailAddress?: string
  readonly addressLines?: readonly string[]
  /** The text as Notify filled it in from the template. */
  readonly body: string
  readonly subject: string | null
  readonly keyType: KeyType
  readonly keyName: string
  readonly createdAt: Date
  status: string
  statusChangedAt: Date
}

interface TemplateLike {
  readonly id: string
  readonly type: TemplateType
  readonly body: string
  readonly subject: string | null
  readonly version: number
}

export interface SendContext {
  readonly templates: ReadonlyMap<string, TemplateLike>
  readonly key: FakeApiKey
  readonly guestList: ReadonlySet<string>
  readonly overDailyLimit: boolean
  readonly dailyLimit: number
  readonly now: Date
}

export type SendOutcome =
  | { ok: true; notification: ReceivedNotification }
  | { ok: false; status: 400 | 403 | 429; error: string; message: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const RECIPIENT_FIELD: Readonly<Record<TemplateType, string | null>> = {
  sms: 'phone_number',
  email: 'email_address',
  letter: null,
}

// With a test key nothing is sent: every message is "delivered", except for the numbers and addresses
// Notify keeps for trying failures (docs: API keys, "Test").
function testKeyStatus(type: TemplateType, recipient: string): string {
  if (type === 'letter') return 'received'
  const r = recipient.replace(/\s/g, '').toLowerCase()
  if (r === '07700900003' || r === 'temp-fail@simulator.notify') return 'temporary-failure'
  if (r === '07700900002' || r === 'perm-fail@simulator.notify') return 'permanent-failure'
  return 'delivered'
}

const fail = (status: 400 | 403 | 429, error: string, message: string): SendOutcome => ({
  ok: false,
  status,
  error,
  message,
})

export function validateNotification(type: TemplateType, body: unknown, context: SendContext): SendOutcome {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(400, 'ValidationError', `${JSON.stringify(body)} is not of type object`)
  }
  const request = body as Record<string, unknown>
  const schemaErrors: string[] = []
  const recipientField = RECIPIENT_FIELD[type]
  let recipient = ''
  if (recipientField) {
    const value = request[recipientField]
    if (value === undefined) schemaErrors.push(`${recipientField} is a required property`)
    else if (typeof value !== 'string')
      schemaErrors.push(`${recipientField} ${JSON.stringify(value)} is not of type string`)
    else {
      try {
        if (type === 'sms') validatePhoneNumber(value)
        recipient = type === 'sms' ? value : validateEmailAddress(value)
      } catch (error) {
        if (!(error instanceof InvalidRecipient)) throw error
        schemaErrors.push(`${recipientField} ${error.message}`)
      }
    }
  }
  const templateId = request.template_id
  if (templateId === undefined) schemaErrors.push('template_id is a required property')
  else if (typeof templateId !== 'string' || !UUID.test(templateId))
    schemaErrors.push('template_id is not a valid UUID')
  const personalisation = request.personalisation
  if (type === 'letter' && personalisation === undefined)
    schemaErrors.push('personalisation is a required property')
  if (
    personalisation !== undefined &&
    (typeof personalisation !== 'object' || personalisation === null || Array.isArray(personalisation))
  ) {
    schemaErrors.push(`personalisation ${JSON.stringify(personalisation)} is not of type object`)
  }
  if (
    request.reference !== undefined &&
    request.reference !== null &&
    typeof request.reference !== 'string'
  ) {
    schemaErrors.push(`reference ${JSON.stringify(request.reference)} is not of type string`)
  }
  const values = (personalisation ?? {}) as Record<string, unknown>
  let addressLines: string[] | undefined
  if (type === 'letter' && schemaErrors.length === 0) {
    try {
      addressLines = validateLetterAddress(values)
    } catch (error) {
      if (!(error instanceof InvalidRecipient)) throw error
      schemaErrors.push(error.message)
    }
  }
  // The real API answers every schema error at once, each its own entry; the fake answers with the first.
  if (schemaErrors.length > 0) return fail(400, 'ValidationError', schemaErrors[0] as string)

  if (type === 'letter' && context.key.type === 'team') {
    return fail(403, 'BadRequestError', 'Cannot send letters with a team api key')
  }
  if (context.overDailyLimit && context.key.type !== 'test') {
    return fail(
      429,
      'TooManyRequestsError',
      `Exceeded send limits (${type}: ${context.dailyLimit}) for today`,
    )
  }
  const template = context.templates.get(templateId as string)
  if (!template) return fail(400, 'BadRequestError', 'Template not found')
  if (template.type !== type) {
    return fail(400, 'BadRequestError', `${template.type} template is not suitable for ${type} notification`)
  }
  let filled: string[]
  try {
    filled = fillTemplate([template.body, template.subject ?? ''], values)
  } catch (error) {
    if (!(error instanceof InvalidRecipient)) throw error
    return fail(400, 'BadRequestError', error.message)
  }
  if (type === 'sms' && validatePhoneNumber(recipient).international) {
    return fail(400, 'BadRequestError', 'Cannot send to international mobile numbers')
  }
  if (
    type !== 'letter' &&
    context.key.type === 'team' &&
    !context.guestList.has(recipient.replace(/\s/g, '').toLowerCase())
  ) {
    return fail(400, 'BadRequestError', "Can't send to this recipient using a team-only API key")
  }

  const status =
    context.key.type === 'test' ? testKeyStatus(type, recipient) : type === 'letter' ? 'accepted' : 'created'
  return {
    ok: true,
    notification: {
      id: randomUUID(),
      type,
      templateId: template.id,
      templateVersion: template.version,
      personalisation: values,
      reference: typeof request.reference === 'string' ? request.reference : null,
      ...(type === 'sms' ? { phoneNumber: recipient } : {}),
      ...(type === 'email' ? { emailAddress: recipient } : {}),
      ...(addressLines ? { addressLines } : {}),
      body: filled[0] as string,
      subject: type === 'sms' ? null : (filled[1] as string),
      keyType: context.key.type,
      keyName: context.key.name,
      createdAt: context.now,
      status,
      statusChangedAt: context.now,
    },
  }
}
