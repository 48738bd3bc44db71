// The port every sender of messages talks to. Two adapters implement it (src/integrations/messaging/):
// GOV.UK Notify through its official client, and "outbox only" when no Notify key is set, where
// nothing leaves the machine and staff read the messages in the outbox.
//
// Every method either answers or throws one of the typed errors of ./errors.ts, so a caller (the
// outbox job) knows whether to give up, retry, or stop and call an administrator.

import type { DeliveryReport } from './delivery-status.ts'
import type { AcceptedMessage, MessageChannel, OutgoingMessage, TransportMode } from './message.ts'

export interface TemplateCheck {
  readonly channel: MessageChannel
  /** The variable or NOTIFY_TEMPLATES key that names it. */
  readonly setting: string
  readonly templateId: string
  /** Null when the template is fit to use; otherwise what is wrong with it. */
  readonly problem: string | null
}

export interface TransportCheck {
  readonly mode: TransportMode
  /** Where messages go: Notify's address, or "the outbox (nothing leaves this machine)". */
  readonly destination: string
  /** Each configured template, looked up (Notify) or listed (outbox only). */
  readonly templates: readonly TemplateCheck[]
  /** Channels with no general template: messages on them cannot be sent through Notify. */
  readonly channelsWithoutTemplate: readonly MessageChannel[]
}

export interface MessageTransport {
  readonly mode: TransportMode
  /** Hands the message over. Throws PermanentMessageError, RetryableMessageError or MessagingConfigurationError. */
  send(message: OutgoingMessage): Promise<AcceptedMessage>
  /** What became of a message, by the id `send` returned. */
  status(providerId: string): Promise<DeliveryReport>
  /**
   * Messages Notify holds with this reference, newest first: after a lost answer (`outcome: 'unknown'`)
   * the caller looks here before sending again, so a retry never sends twice.
   */
  findByReference(reference: string): Promise<DeliveryReport[]>
  /** Whether the setup works, without sending anything: the key is accepted and the templates exist. */
  check(): Promise<TransportCheck>
}
