import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Secret } from 'otpauth'
import { loadConfig } from '../../src/config/config.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createServices } from '../../src/services/index.ts'
import { withRuntimeSecrets } from '../../src/services/runtime-secrets.ts'
import { rotateEncryptionKey } from '../../src/services/secrets/index.ts'
import { createApp } from '../../src/web/app.ts'
import { createStaffUser, startTestApp, type TestApp, totpCode } from '../support/app.ts'
import { BrowserLikeClient } from '../support/http-client.ts'

const newKey = () => randomBytes(32).toString('base64')
const storedTotp = async (t: TestApp, userId: string) =>
  (await t.db.pool.query('SELECT totp_secret FROM users WHERE id = $1', [userId])).rows[0]
    ?.totp_secret as string

/** The same database seen by a hub whose environment holds other keys. */
async function signInWithKeys(
  t: TestApp,
  env: Record<string, string>,
  user: { email: string; password: string; totpSecret?: string },
) {
  const config = loadConfig({
    SESSION_SECRET: 'x'.repeat(40),
    LOG_LEVEL: 'silent',
    SIGNIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  })
  const app = await createApp(createServices(t.db.pool, config), { logger: false })
  try {
    const client = new BrowserLikeClient(app)
    const response = await client.signIn({ id: '', role: 'administrator', ...user })
    return response.statusCode === 302 ? response.headers.location : String(response.statusCode)
  } finally {
    await app.close()
  }
}

const runCli = (t: TestApp, env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/victim-hub.js', ...args], {
    env: { ...process.env, DATABASE_URL: t.db.url, ...env },
    encoding: 'utf8',
  })

describe('secrets at rest', () => {
  const firstKey = newKey()
  let t: TestApp
  before(async () => {
    t = await startTestApp({ VICTIM_HUB_ENCRYPTION_KEY: firstKey })
  })
  after(async () => t.close())

  it('keeps an authenticator secret set up at sign-in encrypted, never as the key shown', async () => {
    const email = 'secret.keeper@hub.example'
    const id = await t.services.accounts.createUser(
      {
        email,
        displayName: 'Keeper',
        role: 'administrator',
        teamName: 'Hub administration',
        password: 'a long enough password',
      },
      { userId: null, label: 'test', ip: null, requestId: null },
    )
    const client = new BrowserLikeClient(t.app)
    await client.get('/sign-in')
    await client.post('/sign-in', { email, password: 'a long enough password' })
    const page = await client.get('/sign-in/two-factor/set-up')
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)?.[1] as string
    const stored = await storedTotp(t, id)
    assert.ok(!stored.includes(secret), 'the database does not hold the secret')
    assert.match(stored, /^vh1\./)
    assert.equal(
      (await client.post('/sign-in/two-factor/set-up', { code: totpCode(secret) })).headers.location,
      '/staff',
    )
    assert.equal(
      await signInWithKeys(
        t,
        { VICTIM_HUB_ENCRYPTION_KEY: newKey() },
        { email, password: 'a long enough password', totpSecret: secret },
      ),
      '401',
    )
  })

  it('an encrypted secret copied to another account does not open there', async () => {
    const a = await createStaffUser(t.services, 'administrator')
    const b = await createStaffUser(t.services, 'administrator')
    await t.db.pool.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [
      b.id,
      await storedTotp(t, a.id),
    ])
    const client = new BrowserLikeClient(t.app)
    const response = await client.signIn({ ...b, totpSecret: a.totpSecret as string })
    assert.equal(response.statusCode, 401)
  })

  it('encrypts secrets left in plain text when the hub starts, and they still work', async () => {
    const user = await createStaffUser(t.services, 'administrator')
    const plain = new Secret({ size: 20 }).base32
    await t.db.pool.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [user.id, plain])
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(40), VICTIM_HUB_ENCRYPTION_KEY: firstKey })
    await withRuntimeSecrets({ pool: t.db.pool, embedded: false }, config)
    const stored = await storedTotp(t, user.id)
    assert.match(stored, /^vh1\./)
    assert.ok(!stored.includes(plain))
    const signIn = await new BrowserLikeClient(t.app).signIn({ ...user, totpSecret: plain })
    assert.equal(signIn.headers.location, '/staff')
  })

  it('`secrets rotate-key` moves every secret to the new key; the old key no longer opens them', async () => {
    const user = await createStaffUser(t.services, 'administrator')
    const secondKey = newKey()
    const refused = runCli(t, { VICTIM_HUB_ENCRYPTION_KEY: secondKey }, 'secrets', 'rotate-key')
    assert.equal(refused.status, 1, refused.stdout)
    assert.match(
      refused.stderr,
      /encrypted with a key that is not in VICTIM_HUB_ENCRYPTION_KEY or VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS/,
    )
    assert.equal(
      await signInWithKeys(t, { VICTIM_HUB_ENCRYPTION_KEY: firstKey }, user),
      '/staff',
      'nothing was changed',
    )

    const rotated = runCli(
      t,
      { VICTIM_HUB_ENCRYPTION_KEY: secondKey, VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS: firstKey },
      'secrets',
      'rotate-key',
    )
    assert.equal(rotated.status, 0, rotated.stderr)
    assert.match(rotated.stdout, /Re-encrypted \d+ secrets with the new key/)
    assert.equal(await signInWithKeys(t, { VICTIM_HUB_ENCRYPTION_KEY: secondKey }, user), '/staff')
    assert.equal(await signInWithKeys(t, { VICTIM_HUB_ENCRYPTION_KEY: firstKey }, user), '401')
    const [row] = await t.services.audit.recent({ action: 'secrets.key_rotated', limit: 1 })
    assert.ok(row, 'the rotation is audited')
  })

  it('a server database without a key refuses to start, naming the variable', async () => {
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: t.db.url })
    await assert.rejects(
      withRuntimeSecrets({ pool: t.db.pool, embedded: false }, config),
      /VICTIM_HUB_ENCRYPTION_KEY/,
    )
  })
})

describe('the encryption key on the embedded database', () => {
  let folder: string
  let t: TestApp
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'victim-hub-keys-'))
    t = await startTestApp()
  })
  after(async () => {
    await t.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('is made once and kept in the data directory, readable by the hub’s user only', async () => {
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(40), VICTIM_HUB_DATA_DIR: folder })
    const first = await withRuntimeSecrets({ pool: t.db.pool, embedded: true }, config)
    const second = await withRuntimeSecrets({ pool: t.db.pool, embedded: true }, config)
    assert.ok(first.encryption.key)
    assert.equal(second.encryption.key, first.encryption.key)
    const file = join(folder, 'encryption-keys.json')
    assert.equal((await stat(file)).mode & 0o077, 0, 'no one but the owner may read it')
    assert.ok((await readFile(file, 'utf8')).includes(first.encryption.key as string))
  })

  it('`secrets rotate-key` makes a new key there and keeps every secret readable', async () => {
    const config = await withRuntimeSecrets(
      { pool: t.db.pool, embedded: true },
      loadConfig({ SESSION_SECRET: 'x'.repeat(40), VICTIM_HUB_DATA_DIR: folder }),
    )
    const hub = createServices(t.db.pool, config)
    const user = await createStaffUser(hub, 'administrator')
    const before = await storedTotp(t, user.id)
    const result = await rotateEncryptionKey(t.db.pool, config.encryption, hub.audit, SYSTEM_ACTOR)
    assert.ok(result.resealed >= 1)
    assert.equal(result.keyFile, true)
    const keys = JSON.parse(await readFile(join(folder, 'encryption-keys.json'), 'utf8'))
    assert.notEqual(keys.current, config.encryption.key)
    assert.deepEqual(keys.previous, [], 'the old key is gone once nothing needs it')
    assert.notEqual(await storedTotp(t, user.id), before)
    // The hub that was running holds the old key only: it reads the file again and goes on.
    assert.equal(
      await hub.accounts
        .checkSecondFactor(user.id, totpCode(user.totpSecret as string), SYSTEM_ACTOR)
        .then((r) => r.outcome),
      'signed_in',
    )
  })
})
