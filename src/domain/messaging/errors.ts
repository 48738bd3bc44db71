// Why a message was not sent, in three kinds that call for three different responses:
//   permanent      this message can never go as it is (a number that is not a mobile, a template
//                  placeholder with no value): do not retry; a caseworker fixes the contact details.
//   retryable      try the same message again later (rate limit, daily limit, Notify down, network).
//   configuration  the hub's own setup is wrong (API key, clock, template id): every message will fail
//                  the same way until an administrator fixes it; keep the messages and raise the alarm.

/** One entry of Notify's `errors` array (`{"error": "ValidationError", "message": "…"}`). */
export interface ProviderError {
  readonly error: string
  readonly message: string
}

export type NotSentReason = 'permanent' | 'retryable' | 'configuration'

export abstract class MessageNotSentError extends Error {
  abstract readonly reason: NotSentReason
  constructor(
    message: string,
    /** The HTTP status Notify answered with, or null when no answer came. */
    public readonly httpStatus: number | null,
    public readonly providerErrors: readonly ProviderError[],
  ) {
    super(message)
  }
}

export class PermanentMessageError extends MessageNotSentError {
  readonly reason = 'permanent'
  override readonly name = 'PermanentMessageError'
  constructor(
    message: string,
    httpStatus: number | null,
    providerErrors: readonly ProviderError[],
    /** The field at fault, as Notify names it (`phone_number`, `email_address`, `personalisation`…). */
    public readonly field: string | null,
  ) {
    super(message, httpStatus, providerErrors)
  }
}

/**
 * `not-sent`: Notify said no (429, 5xx before taking it), so sending again cannot make a duplicate.
 * `unknown`: the answer was lost (connection dropped, timed out): Notify may have taken the message, so
 * look it up by its reference before sending again.
 */
export type SendOutcome = 'not-sent' | 'unknown'

export class RetryableMessageError extends MessageNotSentError {
  readonly reason = 'retryable'
  override readonly name = 'RetryableMessageError'
  constructor(
    message: string,
    httpStatus: number | null,
    providerErrors: readonly ProviderError[],
    /** The soonest a retry is worth trying. */
    public readonly retryAfterSeconds: number,
    public readonly outcome: SendOutcome,
  ) {
    super(message, httpStatus, providerErrors)
  }
}

export class MessagingConfigurationError extends MessageNotSentError {
  readonly reason = 'configuration'
  override readonly name = 'MessagingConfigurationError'
  constructor(
    message: string,
    httpStatus: number | null,
    providerErrors: readonly ProviderError[],
    /** The environment variable an administrator should look at, when one is to blame. */
    public readonly variable: string | null,
  ) {
    super(message, httpStatus, providerErrors)
  }
}
