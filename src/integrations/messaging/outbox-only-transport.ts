// "Outbox only": the transport when no NOTIFY_API_KEY is set. Nothing leaves the machine; each message
// is handed to `keep` (the outbox, where staff read what would have been sent) and reported as "kept".
// It refuses what the Notify transport would refuse before sending, so a message that works here is
// one that is well formed for Notify too.
import { randomUUID } from 'node:crypto'
import { type DeliveryReport, outcomeOf } from '../../domain/messaging/delivery-status.ts'
import { PermanentMessageError } from '../../domain/messaging/errors.ts'
import {
  type AcceptedMessage,
  type OutgoingMessage,
  outgoingMessageProblem,
} from '../../domain/messaging/message.ts'
import type { MessageTransport, TransportCheck } from '../../domain/messaging/port.ts'
import type { ExpectedTemplate } from './template-fit.ts'

export interface KeptMessage {
  readonly providerId: string
  readonly message: OutgoingMessage
  readonly keptAt: Date
}

export interface OutboxOnlyOptions {
  /** Where a kept message is recorded; by default a list in memory (see `kept`). */
  readonly keep?: (kept: KeptMessage) => void | Promise<void>
  readonly expectedTemplates?: readonly ExpectedTemplate[]
  readonly now?: () => Date
}

export const OUTBOX_ONLY_DESTINATION = 'the outbox (no NOTIFY_API_KEY is set: nothing leaves this machine)'

// Until the outbox table holds them, a bounded number are remembered here (for tests and the demo).
const KEPT_IN_MEMORY = 1000

export function createOutboxOnlyTransport(
  options: OutboxOnlyOptions = {},
): MessageTransport & { kept(): readonly KeptMessage[] } {
  const now = options.now ?? (() => new Date())
  const memory: KeptMessage[] = []
  const keep =
    options.keep ??
    ((kept: KeptMessage) => {
      memory.push(kept)
      if (memory.length > KEPT_IN_MEMORY) memory.shift()
    })
  const byReference = new Map<string, KeptMessage>()

  const reportOf = (kept: KeptMessage): DeliveryReport => ({
    ...outcomeOf('kept'),
    providerId: kept.providerId,
    reference: kept.message.reference,
    channel: kept.message.channel,
    providerStatus: 'kept',
    createdAt: kept.keptAt,
    sentAt: null,
    completedAt: null,
  })

  return {
    mode: 'outbox-only',
    async send(message): Promise<AcceptedMessage> {
      const problem = outgoingMessageProblem(message)
      if (problem) {
        throw new PermanentMessageError(
          `Not kept: ${problem.field}: ${problem.problem}`,
          null,
          [],
          problem.field,
        )
      }
      // The same reference twice is the same message (a retry): keep it once.
      const earlier = byReference.get(message.reference)
      const kept = earlier ?? { providerId: randomUUID(), message, keptAt: now() }
      if (!earlier) {
        await keep(kept)
        byReference.set(message.reference, kept)
        const oldest = byReference.keys().next()
        if (byReference.size > KEPT_IN_MEMORY && !oldest.done) byReference.delete(oldest.value)
      }
      return {
        providerId: kept.providerId,
        reference: message.reference,
        transport: 'outbox-only',
        acceptedAt: kept.keptAt,
      }
    },
    async status(providerId) {
      const kept = [...byReference.values()].find((k) => k.providerId === providerId)
      if (!kept) throw new PermanentMessageError(`No message ${providerId} is kept here`, null, [], 'id')
      return reportOf(kept)
    },
    async findByReference(reference) {
      const kept = byReference.get(reference)
      return kept ? [reportOf(kept)] : []
    },
    async check(): Promise<TransportCheck> {
      const templates = options.expectedTemplates ?? []
      const withGeneral = new Set(templates.filter((t) => t.kind === 'general').map((t) => t.channel))
      return {
        mode: 'outbox-only',
        destination: OUTBOX_ONLY_DESTINATION,
        templates: templates.map((t) => ({
          channel: t.channel,
          setting: t.setting,
          templateId: t.templateId,
          problem: null,
        })),
        channelsWithoutTemplate: (['text', 'email', 'letter'] as const).filter((c) => !withGeneral.has(c)),
      }
    },
    kept: () => [...memory],
  }
}
