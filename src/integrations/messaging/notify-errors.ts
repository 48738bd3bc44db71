// GOV.UK Notify's error answers, read into the hub's three kinds (src/domain/messaging/errors.ts).
// Notify answers an error with `{"status_code": N, "errors": [{"error": "<type>", "message": "…"}]}`
// (notifications-api app/v2/errors.py; the error tables of docs.notifications.service.gov.uk/node.html):
//   400 ValidationError / BadRequestError  the request: phone_number, email_address, template_id,
//                                          "Missing personalisation: …", "Template not found",
//                                          team-only key or trial mode recipients
//   403 AuthError                          the key or the token: "Invalid token: API key not found",
//                                          "Error: Your system clock must be accurate to within 30 seconds"
//   403 BadRequestError                    "Cannot send letters with a team api key"
//   404 NoResultFound                      no such notification (Notify keeps them for 7 days)
//   429 RateLimitError                     "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"
//   429 TooManyRequestsError               "Exceeded send limits (…) for today"
//   500 Exception                          "Internal server error"
// Notify asks clients to use the status and the error type, not the message text; the text is read
// only to name the field at fault and to tell a clock problem from a wrong key.
import { DateTime } from 'luxon'
import {
  type MessageNotSentError,
  MessagingConfigurationError,
  PermanentMessageError,
  type ProviderError,
  RetryableMessageError,
} from '../../domain/messaging/errors.ts'

/** What a failed call looked like; `setting` names the variable that chose the template, if any. */
export interface FailedCall {
  readonly action: 'send' | 'status' | 'look-up' | 'check'
  readonly setting: string | null
}

interface HttpFailure {
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> }
  code?: string
  isAxiosError?: boolean
}

const RATE_LIMIT_WINDOW_SECONDS = 60
const SERVER_ERROR_RETRY_SECONDS = 30
const NETWORK_RETRY_SECONDS = 30

function providerErrors(data: unknown): ProviderError[] {
  if (typeof data !== 'object' || data === null) return []
  const errors = (data as { errors?: unknown }).errors
  if (!Array.isArray(errors)) return []
  return errors
    .filter((e): e is { error: unknown; message: unknown } => typeof e === 'object' && e !== null)
    .map((e) => ({ error: String(e.error), message: String(e.message) }))
}

const FIELD_PREFIXES = ['phone_number', 'email_address', 'personalisation', 'reference', 'template_id', 'id']

function fieldOf(message: string): string | null {
  const first = message.split(' ', 1)[0] ?? ''
  if (FIELD_PREFIXES.includes(first)) return first
  if (/postcode|address/i.test(message)) return 'address'
  return null
}

function secondsUntilLondonMidnight(now: Date): number {
  const london = DateTime.fromJSDate(now).setZone('Europe/London')
  return Math.max(60, Math.ceil(london.plus({ days: 1 }).startOf('day').diff(london, 'seconds').seconds))
}

/** True for an error thrown by the HTTP client (an answer or a failed connection), not by our own code. */
export function isHttpFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as HttpFailure).isAxiosError === true
}

/** Reads a failed Notify call into a typed error. Errors not from the HTTP client are returned as they are. */
export function classifyNotifyFailure(
  error: unknown,
  call: FailedCall,
  now = new Date(),
): MessageNotSentError | unknown {
  if (!isHttpFailure(error)) return error
  const failure = error as HttpFailure
  const response = failure.response
  if (!response) {
    // No answer at all. A refused connection means Notify never saw the request; anything else (reset,
    // time-out) may have happened after Notify took the message.
    const refused = failure.code === 'ECONNREFUSED' || failure.code === 'ENOTFOUND'
    return new RetryableMessageError(
      `Notify could not be reached (${failure.code ?? 'no answer'})`,
      null,
      [],
      NETWORK_RETRY_SECONDS,
      refused || call.action !== 'send' ? 'not-sent' : 'unknown',
    )
  }
  const status = response.status
  const errors = providerErrors(response.data)
  const first = errors[0] ?? { error: 'Unknown', message: `HTTP ${status}` }
  const said = errors.map((e) => e.message).join('; ') || `HTTP ${status}`

  if (status === 429) {
    const daily = errors.some((e) => e.error === 'TooManyRequestsError')
    return new RetryableMessageError(
      daily ? `Notify's daily sending limit is reached: ${said}` : `Notify's rate limit is reached: ${said}`,
      status,
      errors,
      daily ? secondsUntilLondonMidnight(now) : RATE_LIMIT_WINDOW_SECONDS,
      'not-sent',
    )
  }
  if (status >= 500) {
    return new RetryableMessageError(
      `Notify had a fault (${status}): ${said}`,
      status,
      errors,
      SERVER_ERROR_RETRY_SECONDS,
      call.action === 'send' ? 'unknown' : 'not-sent',
    )
  }
  if (status === 401 || status === 403) {
    if (/clock/i.test(said)) {
      return new MessagingConfigurationError(
        `Notify refused the request because this machine's clock is more than 30 seconds out: ${said}`,
        status,
        errors,
        null,
      )
    }
    return new MessagingConfigurationError(
      `Notify refused the API key: ${said}`,
      status,
      errors,
      'NOTIFY_API_KEY',
    )
  }
  if (status === 404 && call.action !== 'send') {
    return new PermanentMessageError(
      `Notify has no such message (it keeps them for 7 days): ${said}`,
      status,
      errors,
      'id',
    )
  }
  if (status === 400) {
    if (errors.some((e) => /team-only API key|trial mode/i.test(e.message))) {
      return new MessagingConfigurationError(
        `Notify will only send to the team's own numbers and addresses with this key: ${said}`,
        status,
        errors,
        'NOTIFY_API_KEY',
      )
    }
    if (
      errors.some((e) =>
        /^Missing personalisation|^Template not found|^template_id|not suitable for/i.test(e.message),
      )
    ) {
      return new MessagingConfigurationError(
        `The Notify template does not fit this message: ${said}`,
        status,
        errors,
        call.setting,
      )
    }
    return new PermanentMessageError(
      `Notify refused the message: ${said}`,
      status,
      errors,
      fieldOf(first.message),
    )
  }
  return new PermanentMessageError(
    `Notify refused the request (${status}): ${said}`,
    status,
    errors,
    fieldOf(first.message),
  )
}
