import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { type FakeNotify, startFakeNotify } from '../support/fake-notify/index.ts'

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/victim-hub.js', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })

describe('victim-hub notify check', () => {
  let fake: FakeNotify
  let env: Record<string, string>

  before(async () => {
    fake = await startFakeNotify()
    const templates = fake.addGeneralTemplates()
    env = {
      NOTIFY_API_KEY: fake.createApiKey({ name: 'hub_live' }),
      NOTIFY_BASE_URL: fake.baseUrl,
      NOTIFY_TEXT_TEMPLATE: templates.text,
      NOTIFY_EMAIL_TEMPLATE: templates.email,
    }
  })
  after(() => fake.close())

  it('says the key works and which templates fit, and sends nothing', async () => {
    const result = await run(['notify', 'check'], env)
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /accepted the key "hub_live"\. Nothing was sent\./)
    assert.match(result.stdout, /NOTIFY_TEXT_TEMPLATE: .* fits/)
    assert.match(result.stdout, /No template for letters: set NOTIFY_LETTER_TEMPLATE/)
    assert.doesNotMatch(
      result.stdout,
      new RegExp(env.NOTIFY_API_KEY?.slice(-36) ?? 'x'),
      'the secret is not printed',
    )
    assert.equal(fake.received.length, 0)
  })

  it('fails with the reason when Notify refuses the key', async () => {
    const wrong = `hub_live-${fake.serviceId}-${crypto.randomUUID()}`
    const result = await run(['notify', 'check'], { ...env, NOTIFY_API_KEY: wrong })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /Notify refused the API key: Invalid token: API key not found/)
  })

  it('fails when a template does not fit', async () => {
    const result = await run(['notify', 'check', '--json'], {
      ...env,
      NOTIFY_TEXT_TEMPLATE: env.NOTIFY_EMAIL_TEMPLATE ?? '',
    })
    assert.equal(result.code, 1)
    const check = JSON.parse(result.stdout)
    assert.equal(check.ok, false)
    assert.match(check.templates[0].problem, /an email template, not a text message template/)
  })

  it('without a key, says messages stay in the outbox', async () => {
    const result = await run(['notify', 'check'], { NOTIFY_API_KEY: '', NOTIFY_BASE_URL: '' })
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /No NOTIFY_API_KEY is set: messages are kept in the outbox/)
  })
})
