// The fake Notify itself, spoken to with hand-made tokens and bodies: it must refuse what GOV.UK Notify
// refuses, with the same status, error type and message, or the adapter's tests prove nothing.
import assert from 'node:assert/strict'
import { createHmac, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { GENERAL_TOKEN_ERROR_MESSAGE } from '../support/fake-notify/auth.ts'
import { type FakeNotify, startFakeNotify } from '../support/fake-notify/index.ts'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
function token(secret: string, claims: Record<string, unknown>, alg = 'HS256'): string {
  const input = `${b64({ typ: 'JWT', alg })}.${b64(claims)}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}
const nowSeconds = () => Math.floor(Date.now() / 1000)

describe('the fake GOV.UK Notify', () => {
  let fake: FakeNotify
  let secret: string
  let templates: { text: string; email: string; letter: string }

  const call = async (
    path: string,
    options: { auth?: string | null; body?: unknown; method?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    const auth =
      options.auth === undefined
        ? `Bearer ${token(secret, { iss: fake.serviceId, iat: nowSeconds() })}`
        : options.auth
    if (auth !== null) headers.authorization = auth
    const response = await fetch(`${fake.baseUrl}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  const refusal = (status: number, error: string, message: string) => ({
    status,
    body: { status_code: status, errors: [{ error, message }] },
  })
  const sms = (phone_number: string, extra: Record<string, unknown> = {}) =>
    call('/v2/notifications/sms', {
      body: { phone_number, template_id: templates.text, personalisation: { body: 'Hello' }, ...extra },
    })

  before(async () => {
    fake = await startFakeNotify()
    secret = fake.createApiKey({ name: 'raw' }).slice(-36)
    templates = fake.addGeneralTemplates()
  })
  after(() => fake.close())

  describe('checks the token as Notify does', () => {
    it('asks for a bearer token', async () => {
      assert.deepEqual(
        await call('/v2/templates', { auth: null }),
        refusal(401, 'AuthError', 'Unauthorized: authentication token must be provided'),
      )
      assert.deepEqual(
        await call('/v2/templates', { auth: 'Basic dXNlcjpwYXNz' }),
        refusal(401, 'AuthError', 'Unauthorized: authentication bearer scheme must be used'),
      )
    })

    it('refuses a token that is not a JWT, has no iss, or an iss that is not this service', async () => {
      assert.deepEqual(
        await call('/v2/templates', { auth: 'Bearer not-a-token' }),
        refusal(403, 'AuthError', GENERAL_TOKEN_ERROR_MESSAGE),
      )
      assert.deepEqual(
        await call('/v2/templates', { auth: `Bearer ${token(secret, { iat: nowSeconds() })}` }),
        refusal(403, 'AuthError', 'Invalid token: iss field not provided'),
      )
      assert.deepEqual(
        await call('/v2/templates', {
          auth: `Bearer ${token(secret, { iss: 'my-service', iat: nowSeconds() })}`,
        }),
        refusal(403, 'AuthError', 'Invalid token: service id is not the right data type'),
      )
      assert.deepEqual(
        await call('/v2/templates', {
          auth: `Bearer ${token(secret, { iss: randomUUID(), iat: nowSeconds() })}`,
        }),
        refusal(403, 'AuthError', 'Invalid token: service not found'),
      )
    })

    it('accepts HS256 only, signed with a key of the service, with an iat', async () => {
      const claims = { iss: fake.serviceId, iat: nowSeconds() }
      assert.deepEqual(
        await call('/v2/templates', { auth: `Bearer ${token(secret, claims, 'HS512')}` }),
        refusal(403, 'AuthError', 'Invalid token: algorithm used is not HS256'),
      )
      assert.deepEqual(
        await call('/v2/templates', { auth: `Bearer ${token(randomUUID(), claims)}` }),
        refusal(403, 'AuthError', 'Invalid token: API key not found'),
      )
      assert.deepEqual(
        await call('/v2/templates', { auth: `Bearer ${token(secret, { iss: fake.serviceId })}` }),
        refusal(403, 'AuthError', 'Invalid token: API key not found'),
      )
    })

    it('allows a clock 30 seconds out either way, and no more', async () => {
      const at = (iat: number) => ({ auth: `Bearer ${token(secret, { iss: fake.serviceId, iat })}` })
      const clock = refusal(
        403,
        'AuthError',
        'Error: Your system clock must be accurate to within 30 seconds',
      )
      assert.equal((await call('/v2/templates', at(nowSeconds() - 29))).status, 200)
      assert.equal((await call('/v2/templates', at(nowSeconds() + 29))).status, 200)
      assert.deepEqual(await call('/v2/templates', at(nowSeconds() - 31)), clock)
      assert.deepEqual(await call('/v2/templates', at(nowSeconds() + 32)), clock)
    })
  })

  describe('answers a send as Notify does', () => {
    it('201 with the v2 response body', async () => {
      const { status, body } = await sms('+44 7700 900123', { reference: 'ref-1' })
      assert.equal(status, 201)
      assert.deepEqual(Object.keys(body).sort(), [
        'content',
        'id',
        'reference',
        'scheduled_for',
        'template',
        'uri',
      ])
      assert.equal(body.reference, 'ref-1')
      assert.deepEqual(body.content, { body: 'Hello', from_number: 'GOVUK' })
      assert.equal(body.uri, `${fake.baseUrl}/v2/notifications/${body.id}`)
      assert.deepEqual(body.template, {
        id: templates.text,
        version: 1,
        uri: `${fake.baseUrl}/services/${fake.serviceId}/templates/${templates.text}`,
      })
      const read = await call(`/v2/notifications/${body.id}`)
      assert.equal(read.status, 200)
      assert.equal(read.body.status, 'created')
      assert.equal(read.body.type, 'sms')
      assert.equal(read.body.phone_number, '+44 7700 900123')
      assert.match(String(read.body.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
    })

    it('400 ValidationError for the schema: fields, UUIDs, phone numbers and email addresses', async () => {
      assert.deepEqual(
        await call('/v2/notifications/sms', { body: { template_id: templates.text } }),
        refusal(400, 'ValidationError', 'phone_number is a required property'),
      )
      assert.deepEqual(
        await call('/v2/notifications/sms', { body: { phone_number: '07700900123', template_id: 'x' } }),
        refusal(400, 'ValidationError', 'template_id is not a valid UUID'),
      )
      assert.deepEqual(
        await sms('020 7946 0000'),
        refusal(400, 'ValidationError', 'phone_number Not a UK mobile number'),
      )
      assert.deepEqual(
        await sms('07700 900 1234'),
        refusal(400, 'ValidationError', 'phone_number Too many digits'),
      )
      assert.deepEqual(
        await sms('+999 1234 5678'),
        refusal(400, 'ValidationError', 'phone_number Not a valid country prefix'),
      )
      assert.deepEqual(
        await call('/v2/notifications/email', {
          body: {
            email_address: 'sam@',
            template_id: templates.email,
            personalisation: { body: 'x', subject: 'y' },
          },
        }),
        refusal(400, 'ValidationError', 'email_address Not a valid email address'),
      )
    })

    it('400 BadRequestError for the template, the personalisation and recipients the service may not send to', async () => {
      assert.deepEqual(
        await sms('07700900123', { template_id: randomUUID() }),
        refusal(400, 'BadRequestError', 'Template not found'),
      )
      assert.deepEqual(
        await sms('07700900123', { template_id: templates.email }),
        refusal(400, 'BadRequestError', 'email template is not suitable for sms notification'),
      )
      assert.deepEqual(
        await sms('07700900123', { personalisation: {} }),
        refusal(400, 'BadRequestError', 'Missing personalisation: body'),
      )
      assert.deepEqual(
        await sms('+1 202 555 0100'),
        refusal(400, 'BadRequestError', 'Cannot send to international mobile numbers'),
      )
    })

    it('checks a letter address: at least 3 lines, the last a postcode or a country', async () => {
      const letter = (personalisation: Record<string, string>) =>
        call('/v2/notifications/letter', {
          body: {
            template_id: templates.letter,
            personalisation: { subject: 's', body: 'b', ...personalisation },
          },
        })
      assert.deepEqual(
        await letter({}),
        refusal(400, 'ValidationError', 'personalisation address_line_1 is a required property'),
      )
      assert.deepEqual(
        await letter({ address_line_1: 'A', address_line_2: 'CV34 4AA' }),
        refusal(400, 'ValidationError', 'Address must be at least 3 lines'),
      )
      assert.deepEqual(
        await letter({ address_line_1: 'A', address_line_2: 'B', address_line_3: 'Nowhere' }),
        refusal(400, 'ValidationError', 'Last line of address must be a real UK postcode or another country'),
      )
      const ok = await letter({ address_line_1: 'A', address_line_2: 'B', address_line_3: 'CV34 4AA' })
      assert.equal(ok.status, 201)
      assert.deepEqual(ok.body.content, { body: 'b', subject: 's' })
    })

    it('404 NoResultFound for a message it does not have, 400 for an id that is not a UUID', async () => {
      assert.deepEqual(
        await call(`/v2/notifications/${randomUUID()}`),
        refusal(404, 'NoResultFound', 'No result found'),
      )
      assert.deepEqual(
        await call('/v2/notifications/42'),
        refusal(400, 'ValidationError', 'id is not a valid UUID'),
      )
    })

    it('answers a forced 500, drops a connection when told, and logs every request', async () => {
      fake.forceNext('server-error')
      assert.deepEqual(await sms('07700900123'), refusal(500, 'Exception', 'Internal server error'))
      fake.forceNext('drop-connection')
      await assert.rejects(sms('07700900123'))
      const last = fake.requests.slice(-2)
      assert.deepEqual(
        last.map((r) => [r.method, r.path, r.status]),
        [
          ['POST', '/v2/notifications/sms', 500],
          ['POST', '/v2/notifications/sms', 'dropped'],
        ],
      )
      assert.equal(last[0]?.keyName, 'raw')
    })
  })
})
