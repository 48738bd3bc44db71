// Whether a template held in Notify fits what the hub sends it. Notify writes placeholders as
// ((name)), or ((name??text)) for text shown only when name is "yes"; it matches personalisation
// keys ignoring case, spaces, dashes and underscores ("First name" is filled by first_name or firstName).
import type { MessageChannel } from '../../domain/messaging/message.ts'

export interface ExpectedTemplate {
  /** The variable or NOTIFY_TEMPLATES key that names the template, for messages to an administrator. */
  readonly setting: string
  readonly templateId: string
  readonly channel: MessageChannel
  readonly kind: 'general' | 'message'
  /** Every personalisation key the hub sends it. */
  readonly fills: readonly string[]
}

interface NotifyTemplate {
  readonly type: string
  readonly body: string
  readonly subject?: string | null
}

const NOTIFY_PLACEHOLDER = /\(\(([^()]+?)\)\)/g
const TYPE_NAME: Readonly<Record<string, string>> = { sms: 'text message', email: 'email', letter: 'letter' }

export const notifyKey = (name: string): string => name.replace(/[\s_-]/g, '').toLowerCase()

/** The placeholder names of a Notify template text, without their ??conditional part. */
export function notifyPlaceholders(text: string): string[] {
  return [...text.matchAll(NOTIFY_PLACEHOLDER)].map((m) => (m[1] as string).split('??')[0]?.trim() ?? '')
}

/** Null when the template fits; otherwise what an administrator should change. */
export function templateProblem(
  expected: ExpectedTemplate,
  template: NotifyTemplate | undefined,
  notifyType: string,
): string | null {
  if (!template) return 'Notify has no template with this id in this service'
  if (template.type !== notifyType) {
    return `this is ${template.type === 'email' ? 'an' : 'a'} ${TYPE_NAME[template.type] ?? template.type} template, not ${
      notifyType === 'email' ? 'an' : 'a'
    } ${TYPE_NAME[notifyType]} template`
  }
  const bodyNames = notifyPlaceholders(template.body).map(notifyKey)
  const subjectNames = notifyPlaceholders(template.subject ?? '').map(notifyKey)
  if (expected.kind === 'general') {
    if (!bodyNames.includes('body')) return 'its message must be ((body)): the hub writes the whole text'
    if (notifyType !== 'sms' && !subjectNames.includes('subject')) {
      return `its ${notifyType === 'letter' ? 'heading' : 'subject'} must be ((subject))`
    }
  }
  const filled = new Set(expected.fills.map(notifyKey))
  const unfilled = [...new Set([...subjectNames, ...bodyNames])].filter((name) => !filled.has(name))
  if (unfilled.length > 0) {
    return `it asks for ${unfilled.map((n) => `((${n}))`).join(', ')}, which the hub does not fill (it fills ${[
      ...filled,
    ].join(', ')})`
  }
  return null
}
