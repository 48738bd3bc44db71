// JSON API v1 for the police case events feed: one event (a JSON object) or a batch (a JSON array,
// {"records": [...]}, JSON Lines or CSV) in one route, optionally with an Idempotency-Key. Handlers only
// parse and hand over to the case events service; the body reading is the referral API's.
import type { FastifyInstance } from 'fastify'
import {
  type CaseEventOutcome,
  type CaseEventReconciliation,
  CaseEventsIdempotencyConflictError,
} from '../../services/case-events/index.ts'
import type { Services } from '../../services/index.ts'
import { FileRefusedError, readFeed } from '../../services/intake/index.ts'
import { apiAccess } from '../access.ts'
import { actorOf } from '../plugins/enforce-access.ts'
import {
  idempotencyKeyOf,
  keepRawBodies,
  MAX_BATCH_RECORDS,
  mediaType,
  parseJson,
  problem,
  type RawBody,
  requestHashOf,
} from './referrals.ts'

const outcomeJson = (o: CaseEventOutcome) => ({
  record_number: o.recordNumber,
  receipt_id: o.receiptId,
  event_id: o.eventId,
  state: o.state,
  reasons: o.reasons,
  duplicate_of: o.duplicateOf,
})

const reconciliationJson = (r: CaseEventReconciliation) => ({
  batch_id: r.batchId,
  received: r.received,
  accepted: r.accepted,
  held: r.held,
  duplicate: r.duplicate,
  quarantined: r.quarantined,
  records: (r.records ?? []).map(outcomeJson),
})

export async function caseEventsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  keepRawBodies(app)

  app.post(
    '/api/v1/case-events',
    { config: { access: apiAccess('case-events') } },
    async (request, reply) => {
      const client = request.apiClient
      if (!client) return problem(reply, 401, 'unauthorised', 'Authorization', 'Send a valid API key')
      const raw = request.body as RawBody | undefined
      if (!raw) return problem(reply, 400, 'invalid_request', 'body', 'Send the case events in the body')
      const idempotencyKey = idempotencyKeyOf(request)
      if (idempotencyKey !== undefined && idempotencyKey.length > 200) {
        return problem(
          reply,
          400,
          'invalid_request',
          'Idempotency-Key',
          'An Idempotency-Key is at most 200 characters',
        )
      }
      const type = mediaType(raw)
      let records: unknown[]
      let single = false
      if (type === 'application/json') {
        const parsed = parseJson(raw)
        if (!parsed.ok) return problem(reply, 400, 'invalid_request', 'body', parsed.message)
        const value = parsed.value
        if (Array.isArray(value)) records = value
        else if (
          value !== null &&
          typeof value === 'object' &&
          Array.isArray((value as { records?: unknown }).records)
        ) {
          records = (value as { records: unknown[] }).records
        } else if (value !== null && typeof value === 'object') {
          records = [value]
          single = true
        } else {
          return problem(
            reply,
            400,
            'invalid_request',
            'body',
            'Send one case event as a JSON object, or several as a JSON array or {"records": [...]}',
          )
        }
      } else if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'text/csv') {
        records = []
        try {
          for await (const item of readFeed([raw.bytes], type === 'text/csv' ? 'csv' : 'jsonl'))
            records.push(item)
        } catch (error) {
          if (!(error instanceof FileRefusedError)) throw error
          return problem(reply, 400, 'invalid_request', 'body', error.message, { line: error.line })
        }
      } else {
        return problem(
          reply,
          415,
          'unsupported_media_type',
          'Content-Type',
          'Send application/json, application/x-ndjson or text/csv',
        )
      }
      if (records.length === 0)
        return problem(reply, 400, 'invalid_request', 'records', 'The batch holds no case events')
      if (records.length > MAX_BATCH_RECORDS) {
        return problem(
          reply,
          413,
          'too_many_records',
          'records',
          `At most ${MAX_BATCH_RECORDS} case events per request (got ${records.length})`,
        )
      }
      try {
        const result = await services.caseEvents.receive(
          records,
          { organisationId: client.organisationId, idempotencyKey },
          actorOf(request),
          { requestHash: requestHashOf(request, raw), includeRecords: true },
        )
        if (result.replayed) reply.header('idempotent-replayed', 'true')
        reply.code(result.replayed ? 200 : 201)
        const body = reconciliationJson(result)
        return reply.send(single ? { batch_id: body.batch_id, ...body.records[0] } : body)
      } catch (error) {
        if (error instanceof CaseEventsIdempotencyConflictError) {
          return problem(reply, 422, 'idempotency_key_reused', 'Idempotency-Key', error.message)
        }
        throw error
      }
    },
  )
}
