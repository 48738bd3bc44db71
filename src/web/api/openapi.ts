import type { FastifyInstance } from 'fastify'
import { CASE_EVENT_STATES } from '../../domain/case-events/decide.ts'
import { CASE_EVENT_FIELDS, CASE_EVENT_TYPES } from '../../domain/case-events/event.ts'
import { FEED_FIELDS, type FieldSpec } from '../../domain/referral-feed/fields.ts'
import { publicAccess } from '../access.ts'

// The referral record's schema is built from the feed's own field list, so the published contract can
// never drift from what intake checks. Values are described as the spec gives them (strings in CSV); the
// hub's checks, not the schema, decide quarantine, so a record that breaks the schema is still received.
function fieldSchema(field: FieldSpec): Record<string, unknown> {
  switch (field.kind) {
    case 'flag':
      return {
        type: ['string', 'boolean', 'null'],
        description: 'Y, N or U (blank = U); JSON true/false accepted',
      }
    case 'code':
      return field.codes
        ? { type: ['string', 'null'], enum: [...field.codes, null] }
        : { type: ['string', 'null'] }
    case 'list':
      return {
        oneOf: [
          { type: 'string', description: `semicolon-separated: ${(field.codes ?? []).join(';')}` },
          { type: 'array', items: { type: 'string', enum: field.codes } },
          { type: 'null' },
        ],
      }
    case 'date':
      return { type: ['string', 'null'], format: 'date' }
    case 'datetime':
      return {
        type: ['string', 'null'],
        description: 'ISO 8601; without an offset it is read as Europe/London',
      }
    case 'email':
      return { type: ['string', 'null'], format: 'email' }
    default:
      return { type: ['string', 'null'] }
  }
}

const referral = {
  type: 'object',
  required: FEED_FIELDS.filter((f) => f.required).map((f) => f.name),
  properties: Object.fromEntries(FEED_FIELDS.map((f) => [f.name, fieldSchema(f)])),
  additionalProperties: true,
  description:
    'One record of the police referral feed, version 1. Unknown extra fields are kept and ignored.',
}

const outcome = {
  type: 'object',
  properties: {
    record_number: { type: 'integer', description: '1-based position of the record in the request' },
    receipt_id: { type: 'string', format: 'uuid' },
    referral_id: { type: ['string', 'null'] },
    state: { enum: ['accepted', 'duplicate', 'quarantined', 'consent_refused'] },
    reasons: {
      type: 'array',
      items: { type: 'string' },
      description: 'why it was quarantined, e.g. missing_field:surname',
    },
    warnings: {
      type: 'array',
      items: { type: 'string' },
      description: 'optional values not used, e.g. invalid_value:email',
    },
    victim_id: { type: ['string', 'null'], format: 'uuid' },
    referral_uuid: { type: ['string', 'null'], format: 'uuid' },
    duplicate_of: { type: ['string', 'null'] },
  },
}

const problem = {
  type: 'object',
  required: ['error', 'field', 'message'],
  properties: { error: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
}

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description:
    'The same key with the same body returns the stored response (200) and changes nothing; with a different body, 422.',
}

const errors = {
  '400': {
    description: 'The body could not be read; `field` names what is wrong',
    content: { 'application/json': { schema: problem } },
  },
  '401': { description: 'No valid API key', content: { 'application/json': { schema: problem } } },
  '403': {
    description: 'The key lacks the referrals scope',
    content: { 'application/json': { schema: problem } },
  },
  '415': { description: 'Unsupported Content-Type', content: { 'application/json': { schema: problem } } },
  '422': {
    description: 'Idempotency-Key reused with a different body',
    content: { 'application/json': { schema: problem } },
  },
}

// The case event's schema comes from the same lists the hub checks events against.
const CASE_EVENT_DATETIMES: ReadonlySet<string> = new Set(['occurred_at', 'sent_at', 'hearing_at'])
const caseEvent = {
  type: 'object',
  required: ['event_id', 'force_code', 'crime_reference', 'event_type', 'occurred_at', 'sent_at'],
  properties: Object.fromEntries(
    CASE_EVENT_FIELDS.map((name) => [
      name,
      name === 'event_type'
        ? { type: ['string', 'null'], enum: [...CASE_EVENT_TYPES, null] }
        : CASE_EVENT_DATETIMES.has(name)
          ? {
              type: ['string', 'null'],
              description: 'ISO 8601; without an offset it is read as Europe/London',
            }
          : { type: ['string', 'null'] },
    ]),
  ),
  additionalProperties: true,
  description: 'One police case event. A re-sent event_id changes nothing.',
}

const caseEventOutcome = {
  type: 'object',
  properties: {
    record_number: { type: 'integer', description: '1-based position of the event in the request' },
    receipt_id: { type: 'string', format: 'uuid' },
    event_id: { type: ['string', 'null'] },
    state: { enum: [...CASE_EVENT_STATES] },
    reasons: {
      type: 'array',
      items: { type: 'string' },
      description: 'why it was quarantined, e.g. unknown_force, missing_field:occurred_at',
    },
    duplicate_of: { type: ['string', 'null'], format: 'uuid' },
  },
}

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Victim Hub API',
    version: '1',
    description:
      'Police forces and partner agencies send referrals to the hub. Every record ends in exactly one state; ' +
      'received = accepted + duplicate + quarantined + consent_refused. Rules: the police referral feed, version 1.',
  },
  servers: [{ url: '/' }],
  security: [{ apiKey: [] }],
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'An organisation key from `victim-hub api-key create`',
      },
    },
    schemas: {
      Referral: referral,
      Outcome: outcome,
      CaseEvent: caseEvent,
      CaseEventOutcome: caseEventOutcome,
      Problem: problem,
    },
  },
  paths: {
    '/api/v1/referrals': {
      post: {
        summary: 'Send one referral',
        parameters: [idempotencyKey],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Referral' } } },
        },
        responses: {
          '201': {
            description: 'Received: its state, reasons and warnings',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/Outcome' },
                    { properties: { batch_id: { type: 'string' } } },
                  ],
                },
              },
            },
          },
          '200': { description: 'A replay of an earlier request with the same Idempotency-Key' },
          ...errors,
        },
      },
    },
    '/api/v1/referrals/batch': {
      post: {
        summary: 'Send many referrals (up to 5,000): a JSON array, {"records": [...]}, JSON Lines or CSV',
        parameters: [idempotencyKey],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'array', items: { $ref: '#/components/schemas/Referral' } },
            },
            'application/x-ndjson': { schema: { type: 'string' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        responses: {
          '201': {
            description: 'The reconciliation and every record’s outcome',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    batch_id: { type: 'string' },
                    received: { type: 'integer' },
                    accepted: { type: 'integer' },
                    duplicate: { type: 'integer' },
                    quarantined: { type: 'integer' },
                    consent_refused: { type: 'integer' },
                    records: { type: 'array', items: { $ref: '#/components/schemas/Outcome' } },
                  },
                },
              },
            },
          },
          '200': { description: 'A replay of an earlier request with the same Idempotency-Key' },
          ...errors,
        },
      },
    },
    '/api/v1/case-events': {
      post: {
        summary:
          'Send police case events (key with the case-events scope): one JSON object, or up to 5,000 as a JSON array, {"records": [...]}, JSON Lines or CSV',
        parameters: [idempotencyKey],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { $ref: '#/components/schemas/CaseEvent' },
                  { type: 'array', items: { $ref: '#/components/schemas/CaseEvent' } },
                ],
              },
            },
            'application/x-ndjson': { schema: { type: 'string' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        responses: {
          '201': {
            description:
              'One event: its outcome and batch_id. A batch: received = accepted + held + duplicate + quarantined, and every event’s outcome',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    {
                      allOf: [
                        { $ref: '#/components/schemas/CaseEventOutcome' },
                        { properties: { batch_id: { type: 'string' } } },
                      ],
                    },
                    {
                      type: 'object',
                      properties: {
                        batch_id: { type: 'string' },
                        received: { type: 'integer' },
                        accepted: { type: 'integer' },
                        held: { type: 'integer' },
                        duplicate: { type: 'integer' },
                        quarantined: { type: 'integer' },
                        records: { type: 'array', items: { $ref: '#/components/schemas/CaseEventOutcome' } },
                      },
                    },
                  ],
                },
              },
            },
          },
          '200': { description: 'A replay of an earlier request with the same Idempotency-Key' },
          ...errors,
          '403': {
            description: 'The key lacks the case-events scope',
            content: { 'application/json': { schema: problem } },
          },
        },
      },
    },
  },
}

export async function openApiRoutes(app: FastifyInstance) {
  app.get('/api/v1/openapi.json', { config: { access: publicAccess } }, async () => OPENAPI_DOCUMENT)
}
