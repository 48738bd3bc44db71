// JSON API v1 for the police referral feed (and partners' systems): one record or a batch, each
// request optionally carrying an Idempotency-Key. Handlers only parse and hand over to intake.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../services/index.ts'
import {
  FileRefusedError,
  IdempotencyConflictError,
  type Reconciliation,
  type RecordOutcome,
  readFeed,
} from '../../services/intake/index.ts'
import { apiAccess } from '../access.ts'
import { actorOf } from '../plugins/enforce-access.ts'

/** Most records one batch request may carry; bigger feeds go in several requests or as a file. */
export const MAX_BATCH_RECORDS = 5000

export type RawBody = { bytes: Buffer; contentType: string }

export const problem = (
  reply: FastifyReply,
  code: number,
  error: string,
  field: string,
  message: string,
  extra = {},
) => reply.code(code).send({ error, field, message, ...extra })

const outcomeJson = (o: RecordOutcome) => ({
  record_number: o.recordNumber,
  receipt_id: o.receiptId,
  referral_id: o.referralId,
  state: o.state,
  reasons: o.reasons,
  warnings: o.warnings,
  victim_id: o.victimId,
  referral_uuid: o.referralUuid,
  duplicate_of: o.duplicateOf,
})

const reconciliationJson = (r: Reconciliation) => ({
  batch_id: r.batchId,
  received: r.received,
  accepted: r.accepted,
  duplicate: r.duplicate,
  quarantined: r.quarantined,
  consent_refused: r.consent_refused,
  records: (r.records ?? []).map(outcomeJson),
})

/** The body's media type without parameters, lower case ('' when the request named none). */
export const mediaType = (raw: RawBody): string => raw.contentType.split(';')[0]?.trim().toLowerCase() ?? ''

/** The body as JSON, or why it is not JSON (the one JSON reading both routes share). */
export function parseJson(raw: RawBody): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(raw.bytes.toString('utf8')) }
  } catch (error) {
    return { ok: false, message: `The body is not JSON: ${(error as Error).message}` }
  }
}

/**
 * Bodies of every type are kept as bytes so the Idempotency-Key check compares exactly what was sent,
 * and each route answers a type it does not take with its own 415 (a form-encoded body too, which the
 * staff pages' parser would otherwise turn into an object). Call it in an API plugin only, so other
 * routes keep Fastify's parsers.
 */
export function keepRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) =>
    done(null, { bytes: body as Buffer, contentType: request.headers['content-type'] ?? '' }),
  )
}

/** The Idempotency-Key header, trimmed; undefined when absent or blank. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key']
  return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined
}

/** sha256 of the route, media type and body: the same key with another body is refused. */
export const requestHashOf = (request: FastifyRequest, raw: RawBody): string =>
  createHash('sha256')
    .update(`${request.routeOptions.url}\n${raw.contentType.split(';')[0]?.trim()}\n`)
    .update(raw.bytes)
    .digest('hex')

export async function referralsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  keepRawBodies(app)

  const receive = async (
    request: FastifyRequest,
    reply: FastifyReply,
    records: unknown[],
    single: boolean,
  ): Promise<FastifyReply> => {
    const client = request.apiClient
    if (!client) return problem(reply, 401, 'unauthorised', 'Authorization', 'Send a valid API key')
    const raw = request.body as RawBody
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
    const requestHash = requestHashOf(request, raw)
    try {
      const source = await services.intake.sourceForOrganisation(client.organisationId)
      const result = await services.intake.receive(records, { ...source, idempotencyKey }, actorOf(request), {
        requestHash,
        includeRecords: true,
      })
      if (result.replayed) reply.header('idempotent-replayed', 'true')
      reply.code(result.replayed ? 200 : 201)
      const body = reconciliationJson(result)
      return reply.send(single ? { batch_id: body.batch_id, ...body.records[0] } : body)
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        return problem(reply, 422, 'idempotency_key_reused', 'Idempotency-Key', error.message)
      }
      throw error
    }
  }

  app.post('/api/v1/referrals', { config: { access: apiAccess('referrals') } }, async (request, reply) => {
    const raw = request.body as RawBody | undefined
    if (!raw || mediaType(raw) !== 'application/json') {
      return problem(
        reply,
        415,
        'unsupported_media_type',
        'Content-Type',
        'Send one referral as application/json',
      )
    }
    const parsed = parseJson(raw)
    if (!parsed.ok) return problem(reply, 400, 'invalid_request', 'body', parsed.message)
    const value = parsed.value
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return problem(
        reply,
        400,
        'invalid_request',
        'body',
        'Send one referral as a JSON object (use /api/v1/referrals/batch for several)',
      )
    }
    return receive(request, reply, [value], true)
  })

  app.post(
    '/api/v1/referrals/batch',
    { config: { access: apiAccess('referrals') } },
    async (request, reply) => {
      const raw = request.body as RawBody | undefined
      if (!raw) return problem(reply, 400, 'invalid_request', 'body', 'Send the referrals in the body')
      const type = mediaType(raw)
      let records: unknown[]
      if (type === 'application/json') {
        const parsed = parseJson(raw)
        if (!parsed.ok) return problem(reply, 400, 'invalid_request', 'body', parsed.message)
        const value = parsed.value
        const list = Array.isArray(value) ? value : (value as { records?: unknown } | null)?.records
        if (!Array.isArray(list)) {
          return problem(
            reply,
            400,
            'invalid_request',
            'records',
            'Send a JSON array of referrals, or {"records": [...]}',
          )
        }
        records = list
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
        return problem(reply, 400, 'invalid_request', 'records', 'The batch holds no referrals')
      if (records.length > MAX_BATCH_RECORDS) {
        return problem(
          reply,
          413,
          'too_many_records',
          'records',
          `At most ${MAX_BATCH_RECORDS} referrals per request (got ${records.length})`,
        )
      }
      return receive(request, reply, records, false)
    },
  )
}
