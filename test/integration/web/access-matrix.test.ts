import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Fastify from 'fastify'
import { ROLES, type Role } from '../../../src/domain/staff/roles.ts'
import type { RouteAccessEntry } from '../../../src/web/access.ts'
import { createStaffUser, startTestApp, type TestApp, type TestUser } from '../../support/app.ts'
import { BrowserLikeClient } from '../../support/http-client.ts'

// Path parameters get a well-formed id that matches nothing: access is decided before the record is looked up.
const concrete = (url: string) =>
  url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'application.css')

/**
 * Every route the app serves, against every role: allowed roles get through, every other role gets 403
 * and an audit row, anonymous people are sent to sign in, API routes want a key.
 */
describe('access rules, route by role', () => {
  let t: TestApp
  const users = new Map<Role, TestUser>()
  const clients = new Map<Role, BrowserLikeClient>()

  before(async () => {
    t = await startTestApp()
    for (const role of ROLES) {
      const user = await createStaffUser(t.services, role)
      users.set(role, user)
      const client = new BrowserLikeClient(t.app)
      await client.signIn(user)
      clients.set(role, client)
    }
  })
  after(async () => t.close())

  const request = async (role: Role, route: RouteAccessEntry) => {
    const client = clients.get(role) as BrowserLikeClient
    const home = await client.get('/staff')
    if (home.statusCode !== 200) await client.signIn(users.get(role) as TestUser)
    await client.get('/staff')
    const url = concrete(route.url)
    return route.method === 'GET' ? client.get(url) : client.post(url, {})
  }

  it('every route declares who may use it, and the app refuses a route that does not', async () => {
    assert.ok(t.app.routeAccessTable.length > 10)
    const bare = Fastify()
    bare.addHook('onRoute', (route) => {
      if (!route.config?.access) throw new Error(`Route ${route.url} does not declare who may use it`)
    })
    assert.throws(() => bare.get('/undeclared', async () => 'x'), /does not declare/)
  })

  it('staff routes: allowed roles get through, others get 403 and are audited', async () => {
    const staffRoutes = t.app.routeAccessTable.filter(
      (r) => r.access.kind === 'staff' && r.url !== '/sign-out',
    )
    assert.ok(staffRoutes.length > 0)
    for (const route of staffRoutes) {
      if (route.access.kind !== 'staff') continue
      for (const role of ROLES) {
        const response = await request(role, route)
        const label = `${route.method} ${route.url} as ${role}`
        if (route.access.roles.includes(role)) {
          assert.notEqual(response.statusCode, 403, `${label} should be allowed`)
          assert.notEqual(response.headers.location, '/sign-in', `${label} should not ask to sign in`)
        } else {
          assert.equal(response.statusCode, 403, `${label} should be refused`)
          const audit = await t.services.audit.recent({
            action: 'access.denied',
            recordId: `${route.method} ${route.url}`,
          })
          assert.ok(
            audit.some((row) => row.actorUserId === users.get(role)?.id),
            `${label} should be audited`,
          )
        }
      }
    }
  })

  it('anonymous people are sent to sign in from every staff page', async () => {
    for (const route of t.app.routeAccessTable.filter(
      (r) => r.access.kind === 'staff' && r.method === 'GET',
    )) {
      const response = await t.app.inject({ method: 'GET', url: concrete(route.url) })
      assert.equal(response.statusCode, 302, route.url)
      assert.match(String(response.headers.location), /^\/sign-in/, route.url)
    }
  })

  it('public routes answer anonymous people', async () => {
    for (const route of t.app.routeAccessTable.filter(
      (r) => r.access.kind === 'public' && r.method === 'GET',
    )) {
      const response = await t.app.inject({ method: 'GET', url: concrete(route.url) })
      assert.ok(
        response.statusCode < 400 || response.statusCode === 404,
        `${route.url} gave ${response.statusCode}`,
      )
    }
  })

  it('API routes want a valid key and the right scope', async () => {
    for (const route of t.app.routeAccessTable.filter((r) => r.access.kind === 'api')) {
      const none = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url) })
      assert.equal(none.statusCode, 401, `${route.method} ${route.url} without a key`)
      const bad = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers: { authorization: 'Bearer vh_000000000000_notarealsecretnotarealsecretnotarealsecret1' },
      })
      assert.equal(bad.statusCode, 401, `${route.method} ${route.url} with a made-up key`)
    }
  })
})
