import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createStaffUser, startTestApp, type TestApp } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

// app.inject() connects from 127.0.0.1: here that address is the proxy, and X-Forwarded-For the client.
const behindProxy = (client: string) => ({ 'x-forwarded-for': client, 'x-forwarded-proto': 'https' })

const SELF_REFERRAL_ANSWERS: [string, Record<string, string>][] = [
  [
    'about-you',
    { firstName: 'Ffion', lastName: 'Adeyemi', 'dob-day': '2', 'dob-month': '3', 'dob-year': '1988' },
  ],
  ['what-happened', { crimeType: 'burglary', description: 'Someone broke the back door' }],
  ['police', { toldPolice: 'no', crimeReference: '' }],
  ['contact', { phone: '07700 900456', email: '', addressLine1: '', town: '', postcode: '' }],
  [
    'safe-contact',
    { call: 'yes', text: 'no', voicemail: 'no', preferred: 'call', safeTimes: '', safeWords: '' },
  ],
  ['consent', { consent: 'yes' }],
]

async function referSelf(client: BrowserLikeClient) {
  for (const [page, form] of SELF_REFERRAL_ANSWERS) {
    await client.get(`/refer-yourself/${page}`)
    await client.post(`/refer-yourself/${page}`, form)
  }
  await client.get('/refer-yourself/check-answers')
  return client.post('/refer-yourself/check-answers', {})
}

const signInAttempt = async (client: BrowserLikeClient, email: string) => {
  await client.get('/sign-in')
  return (await client.post('/sign-in', { email, password: 'a wrong guess' })).statusCode
}

describe('client addresses behind a trusted proxy', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp({
      TRUST_PROXY: '127.0.0.1',
      SIGNIN_RATE_LIMIT_PER_MINUTE: '3',
      COOKIE_SECURE: 'true',
    })
  })
  after(async () => t.close())

  it('reads the client address and scheme from the proxy, and audits that address', async () => {
    const user = await createStaffUser(t.services, 'hub_caseworker')
    const client = new BrowserLikeClient(t.app, behindProxy('203.0.113.7'))
    const signedIn = await client.signIn(user)
    assert.equal(signedIn.headers.location, '/staff', 'a secure cookie is set: the proxy said https')
    assert.equal((await client.get('/staff')).statusCode, 200)
    const [row] = await t.services.audit.recent({ recordId: user.id, action: 'sign_in' })
    assert.equal(row?.ip, '203.0.113.7')
  })

  it('one client’s flood of sign-ins does not stop another’s', async () => {
    const flooder = new BrowserLikeClient(t.app, behindProxy('198.51.100.1'))
    const flood = []
    for (let i = 0; i < 5; i++) flood.push(await signInAttempt(flooder, `flood${i}@hub.example`))
    assert.deepEqual(flood, [401, 401, 401, 429, 429])
    const other = new BrowserLikeClient(t.app, behindProxy('198.51.100.2'))
    assert.equal(await signInAttempt(other, 'someone@hub.example'), 401, 'another address is not limited')
  })

  it('limits the attempts at one email address, from however many addresses', async () => {
    const statuses = []
    for (let i = 0; i < 5; i++) {
      const client = new BrowserLikeClient(t.app, behindProxy(`192.0.2.${i + 10}`))
      statuses.push(await signInAttempt(client, 'Target.Person@hub.example'))
    }
    assert.deepEqual(statuses, [401, 401, 401, 429, 429])
    const other = new BrowserLikeClient(t.app, behindProxy('192.0.2.99'))
    assert.equal(await signInAttempt(other, 'another.person@hub.example'), 401)
  })

  it('one client’s flood of self-referrals does not stop another victim referring themselves', async () => {
    const flooder = new BrowserLikeClient(t.app, behindProxy('198.51.100.50'))
    await flooder.get('/refer-yourself/about-you')
    const flood = []
    for (let i = 0; i < 11; i++)
      flood.push((await flooder.post('/refer-yourself/check-answers', {})).statusCode)
    assert.equal(flood.at(-1), 429, 'the flood is limited')
    const victim = new BrowserLikeClient(t.app, behindProxy('198.51.100.51'))
    const sent = await referSelf(victim)
    assert.equal(sent.statusCode, 302)
    assert.equal(sent.headers.location, '/refer-yourself/confirmation')
  })
})

describe('client addresses with no trusted proxy', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp({ SIGNIN_RATE_LIMIT_PER_MINUTE: '3' })
  })
  after(async () => t.close())

  it('ignores X-Forwarded-For, so a client cannot dodge the limit by claiming other addresses', async () => {
    const statuses = []
    for (let i = 0; i < 5; i++) {
      const client = new BrowserLikeClient(t.app, { 'x-forwarded-for': `203.0.113.${i + 1}` })
      statuses.push(await signInAttempt(client, `someone${i}@hub.example`))
    }
    assert.deepEqual(statuses, [401, 401, 401, 429, 429])
  })
})
