import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { REQUIRED_FIELD_NAMES } from '../../../src/domain/referral-feed/fields.ts'
import { startTestApp, type TestApp } from '../../support/app.ts'

describe('the published API description', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('describes every API route the app serves, and the feed record as the checks read it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    assert.equal(response.statusCode, 200)
    const doc = response.json() as {
      openapi: string
      paths: Record<string, Record<string, unknown>>
      components: { schemas: { Referral: { required: string[]; properties: Record<string, unknown> } } }
    }
    assert.equal(doc.openapi, '3.1.0')
    const served = t.app.routeAccessTable
      .filter((r) => r.access.kind === 'api')
      .map((r) => `${r.method.toLowerCase()} ${r.url}`)
      .sort()
    const described = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
      .sort()
    assert.deepEqual(described, served)
    assert.deepEqual([...doc.components.schemas.Referral.required].sort(), [...REQUIRED_FIELD_NAMES].sort())
    for (const field of ['consent_to_refer', 'safe_to_call', 'thrive_risk', 'victim_person_ref']) {
      assert.ok(field in doc.components.schemas.Referral.properties, field)
    }
  })
})
