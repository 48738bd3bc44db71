// A fake GOV.UK Notify for tests: the network edge of the hub's messages, started on loopback by the
// tests that need it. It answers as the real API does, in the shapes of its v2 schemas:
//   POST /v2/notifications/sms|email|letter   201 {id, reference, content, uri, template, scheduled_for}
//   GET  /v2/notifications/{id}                200 the notification with its status
//   GET  /v2/notifications?reference=&status=&template_type=
//   GET  /v2/template/{id}, GET /v2/templates?type=
// and errors as `{"status_code": N, "errors": [{"error": "<type>", "message": "…"}]}`: 401/403 AuthError
// for the token (./auth.ts), 400 ValidationError / BadRequestError for the request (./validation.ts),
// 429 RateLimitError and TooManyRequestsError for the limits, 500 Exception.
// Sources: notifications-api app/v2/notifications (notification_schemas.py, create_response.py,
// post_notifications.py), app/v2/errors.py; docs.notifications.service.gov.uk/node.html.
//
// What a test controls: keys (live, team, test; revoked), templates, a guest list for team keys, the
// fake's clock (to make tokens look expired), the rate and daily limits, forced answers for the next
// requests (429, 500, a dropped connection, or taking the message and then dropping the connection),
// and each message's status. What a test reads: every message received, and every request answered.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { authenticate, type FakeApiKey, type KeyType } from './auth.ts'
import { type ReceivedNotification, type TemplateType, validateNotification } from './notifications.ts'

export type { ReceivedNotification } from './notifications.ts'

export interface FakeTemplate {
  readonly id: string
  readonly name: string
  readonly type: TemplateType
  readonly body: string
  readonly subject: string | null
  readonly version: number
  readonly createdAt: Date
}

export type ForcedAnswer =
  | 'rate-limit'
  | 'daily-limit'
  | 'server-error'
  /** Close the connection without an answer, before taking the message. */
  | 'drop-connection'
  /** Take the message (it is stored and counted), then close the connection without an answer. */
  | 'accept-then-drop'

export interface AnsweredRequest {
  readonly method: string
  readonly path: string
  readonly status: number | 'dropped'
  readonly error: string | null
  readonly keyName: string | null
}

/** The Notify statuses a test may set (docs: "Get message status"). */
export type NotifyStatus =
  | 'created'
  | 'sending'
  | 'pending'
  | 'sent'
  | 'delivered'
  | 'permanent-failure'
  | 'temporary-failure'
  | 'technical-failure'
  | 'accepted'
  | 'received'
  | 'cancelled'

export interface FakeNotify {
  readonly baseUrl: string
  readonly serviceId: string
  /** A key as Notify shows it: "{name}-{service id}-{secret}". */
  createApiKey(options?: { name?: string; type?: KeyType }): string
  revokeApiKey(apiKey: string): void
  addTemplate(template: { type: TemplateType; body: string; subject?: string; name?: string }): string
  /** The three templates a new service starts with: ((body)), and ((subject)) for email and letter. */
  addGeneralTemplates(): { text: string; email: string; letter: string }
  /** Numbers and addresses a team key may send to. */
  addToGuestList(recipient: string): void
  /** The fake's clock runs this many seconds ahead of this machine's (negative: behind). */
  setClockOffset(seconds: number): void
  setRateLimit(requestsPerMinute: number): void
  setDailyLimit(type: TemplateType, messages: number): void
  /** The next request(s) after a valid token get this answer instead. */
  forceNext(answer: ForcedAnswer, times?: number): void
  setStatus(notificationId: string, status: NotifyStatus): void
  readonly received: readonly ReceivedNotification[]
  readonly requests: readonly AnsweredRequest[]
  close(): Promise<void>
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const RATE_WINDOW_MS = 60_000
/** Notify's datetime format in v2 answers (DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S.%fZ"). */
const notifyTime = (date: Date | null) => (date ? date.toISOString().replace('Z', '000Z') : null)

export async function startFakeNotify(): Promise<FakeNotify> {
  const serviceId = randomUUID()
  const keys: FakeApiKey[] = []
  const templates = new Map<string, FakeTemplate>()
  const guestList = new Set<string>()
  const received: ReceivedNotification[] = []
  const requests: AnsweredRequest[] = []
  const forced: ForcedAnswer[] = []
  const dailyLimits = new Map<TemplateType, number>()
  const recentRequests = new Map<KeyType, number[]>()
  let rateLimit = 3000
  let clockOffsetMs = 0
  const now = () => new Date(Date.now() + clockOffsetMs)

  let baseUrl = ''
  const server = createServer((request, response) => {
    let raw = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      raw += chunk
    })
    request.on('end', () => handle(request, response, raw))
  })

  function handle(request: IncomingMessage, response: ServerResponse, raw: string) {
    const url = new URL(request.url ?? '/', baseUrl)
    const method = request.method ?? 'GET'
    let keyName: string | null = null
    const log = (status: number | 'dropped', error: string | null) =>
      requests.push({ method, path: url.pathname + url.search, status, error, keyName })
    const answer = (status: number, body: unknown) => {
      const errors = (body as { errors?: { error: string }[] }).errors
      log(status, errors?.[0]?.error ?? null)
      response.writeHead(status, JSON_HEADERS).end(JSON.stringify(body))
    }
    const error = (status: number, type: string, message: string) =>
      answer(status, { status_code: status, errors: [{ error: type, message }] })
    const drop = () => {
      log('dropped', null)
      response.socket?.destroy()
    }

    const auth = authenticate(
      request.headers.authorization,
      serviceId,
      keys,
      Math.floor(now().getTime() / 1000),
    )
    if (!auth.ok) return error(auth.status, 'AuthError', auth.message)
    const key = auth.key
    keyName = key.name

    // Notify counts every request of a service's keys of one type against its rate limit (3,000 a minute).
    const t = now().getTime()
    const recent = (recentRequests.get(key.type) ?? []).filter((at) => at > t - RATE_WINDOW_MS)
    recent.push(t)
    recentRequests.set(key.type, recent)
    const next = forced.shift()
    if (next === 'rate-limit' || recent.length > rateLimit) {
      return error(
        429,
        'RateLimitError',
        `Exceeded rate limit for key type ${key.type.toUpperCase()} of ${rateLimit} requests per 60 seconds`,
      )
    }
    if (next === 'server-error') return error(500, 'Exception', 'Internal server error')
    if (next === 'drop-connection') return drop()

    const sendMatch = /^\/v2\/notifications\/(sms|email|letter)$/.exec(url.pathname)
    if (method === 'POST' && sendMatch) {
      const type = sendMatch[1] as TemplateType
      let body: unknown
      try {
        body = JSON.parse(raw || '{}')
      } catch {
        return error(400, 'BadRequestError', 'Invalid JSON supplied in POST data')
      }
      const sentToday = received.filter((n) => n.type === type && n.keyType !== 'test').length
      const outcome = validateNotification(type, body, {
        templates,
        key,
        guestList,
        overDailyLimit:
          next === 'daily-limit' || sentToday >= (dailyLimits.get(type) ?? Number.POSITIVE_INFINITY),
        dailyLimit: dailyLimits.get(type) ?? 250_000,
        now: now(),
      })
      if (!outcome.ok) return error(outcome.status, outcome.error, outcome.message)
      received.push(outcome.notification)
      if (next === 'accept-then-drop') return drop()
      return answer(201, postResponse(outcome.notification))
    }

    const oneMatch = /^\/v2\/notifications\/([^/]+)$/.exec(url.pathname)
    if (method === 'GET' && oneMatch) {
      const id = oneMatch[1] as string
      if (!/^[0-9a-f-]{36}$/i.test(id)) return error(400, 'ValidationError', 'id is not a valid UUID')
      const found = received.find((n) => n.id === id)
      if (!found) return error(404, 'NoResultFound', 'No result found')
      return answer(200, notificationBody(found))
    }
    if (method === 'GET' && url.pathname === '/v2/notifications') {
      const q = url.searchParams
      const list = received
        .filter((n) => !q.get('reference') || n.reference === q.get('reference'))
        .filter((n) => !q.get('status') || n.status === q.get('status'))
        .filter((n) => !q.get('template_type') || n.type === q.get('template_type'))
        .reverse()
        .slice(0, 250)
      return answer(200, {
        notifications: list.map(notificationBody),
        links: { current: `${baseUrl}/v2/notifications${url.search}` },
      })
    }
    const templateMatch = /^\/v2\/template\/([^/]+)$/.exec(url.pathname)
    if (method === 'GET' && templateMatch) {
      const id = templateMatch[1] as string
      if (!/^[0-9a-f-]{36}$/i.test(id))
        return error(400, 'ValidationError', 'template_id is not a valid UUID')
      const template = templates.get(id)
      return template ? answer(200, templateBody(template)) : error(404, 'NoResultFound', 'No result found')
    }
    if (method === 'GET' && url.pathname === '/v2/templates') {
      const type = url.searchParams.get('type')
      const list = [...templates.values()].filter((t) => !type || t.type === type)
      return answer(200, { templates: list.map(templateBody) })
    }
    log(404, null)
    response.writeHead(404, JSON_HEADERS).end(JSON.stringify({ result: 'error', message: 'Not found' }))
  }

  function postResponse(n: ReceivedNotification) {
    const template = {
      id: n.templateId,
      version: n.templateVersion,
      uri: `${baseUrl}/services/${serviceId}/templates/${n.templateId}`,
    }
    const common = { id: n.id, reference: n.reference, uri: `${baseUrl}/v2/notifications/${n.id}`, template }
    if (n.type === 'sms')
      return { ...common, content: { body: n.body, from_number: 'GOVUK' }, scheduled_for: null }
    if (n.type === 'email') {
      return {
        ...common,
        content: { body: n.body, subject: n.subject, from_email: 'victim.hub@notifications.service.gov.uk' },
        scheduled_for: null,
      }
    }
    return { ...common, content: { body: n.body, subject: n.subject }, scheduled_for: null }
  }

  function notificationBody(n: ReceivedNotification) {
    const lines = n.addressLines ?? []
    const final = !['created', 'sending', 'pending', 'accepted'].includes(n.status)
    return {
      id: n.id,
      reference: n.reference,
      email_address: n.emailAddress ?? null,
      phone_number: n.phoneNumber ?? null,
      line_1: lines[0] ?? null,
      line_2: lines[1] ?? null,
      line_3: lines[2] ?? null,
      line_4: lines[3] ?? null,
      line_5: lines[4] ?? null,
      line_6: lines[5] ?? null,
      line_7: lines[6] ?? null,
      postage: n.type === 'letter' ? 'second' : null,
      type: n.type,
      status: n.status,
      template: {
        id: n.templateId,
        version: n.templateVersion,
        uri: `/v2/template/${n.templateId}/${n.templateVersion}`,
      },
      body: n.body,
      subject: n.subject,
      created_at: notifyTime(n.createdAt),
      created_by_name: null,
      sent_at: n.status === 'created' ? null : notifyTime(n.createdAt),
      completed_at: final ? notifyTime(n.statusChangedAt) : null,
      scheduled_for: null,
      is_cost_data_ready: false,
    }
  }

  function templateBody(t: FakeTemplate) {
    return {
      id: t.id,
      name: t.name,
      type: t.type,
      created_at: notifyTime(t.createdAt),
      updated_at: null,
      created_by: 'someone@example.gov.uk',
      version: t.version,
      body: t.body,
      subject: t.subject,
      ...(t.type === 'letter' ? { letter_contact_block: null, postage: 'second' } : {}),
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const addTemplate: FakeNotify['addTemplate'] = ({ type, body, subject, name }) => {
    const id = randomUUID()
    templates.set(id, {
      id,
      name: name ?? `${type} template`,
      type,
      body,
      subject: type === 'sms' ? null : (subject ?? 'Subject'),
      version: 1,
      createdAt: now(),
    })
    return id
  }

  return {
    baseUrl,
    serviceId,
    createApiKey: ({ name = 'victim_hub_test', type = 'live' } = {}) => {
      const secret = randomUUID()
      keys.push({ name, secret, type, revoked: false })
      return `${name}-${serviceId}-${secret}`
    },
    revokeApiKey: (apiKey) => {
      for (const key of keys) if (apiKey.endsWith(key.secret)) key.revoked = true
    },
    addTemplate,
    addGeneralTemplates: () => ({
      text: addTemplate({ type: 'sms', body: '((body))', name: 'Any text message' }),
      email: addTemplate({ type: 'email', subject: '((subject))', body: '((body))', name: 'Any email' }),
      letter: addTemplate({ type: 'letter', subject: '((subject))', body: '((body))', name: 'Any letter' }),
    }),
    addToGuestList: (recipient) => {
      guestList.add(recipient.replace(/\s/g, '').toLowerCase())
    },
    setClockOffset: (seconds) => {
      clockOffsetMs = seconds * 1000
    },
    setRateLimit: (perMinute) => {
      rateLimit = perMinute
    },
    setDailyLimit: (type, messages) => {
      dailyLimits.set(type, messages)
    },
    forceNext: (answer, times = 1) => {
      for (let i = 0; i < times; i++) forced.push(answer)
    },
    setStatus: (id, status) => {
      const found = received.find((n) => n.id === id)
      if (!found) throw new Error(`The fake Notify has no notification ${id}`)
      found.status = status
      found.statusChangedAt = now()
    },
    get received() {
      return [...received]
    },
    get requests() {
      return [...requests]
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}
