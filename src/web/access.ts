import { ROLES, type Role } from '../domain/staff/roles.ts'

/**
 * Who may use a route. Every route declares one in its `config.access`; the app refuses to start with a
 * route that does not, and the access tests enumerate them all (see routeAccessTable).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'staff'; roles: readonly Role[] }
  | { kind: 'api'; scope: ApiScope }
  | { kind: 'signing-in' }
  | { kind: 'metrics' }

export type ApiScope = 'referrals' | 'case-events'

export const publicAccess: Access = { kind: 'public' }
/** Pages between password and second factor: only a session that has passed the password may use them. */
export const signingInAccess: Access = { kind: 'signing-in' }
export const staffAccess = (...roles: Role[]): Access => ({ kind: 'staff', roles })
export const anyStaff: Access = { kind: 'staff', roles: ROLES }
/** The monitoring scraper, with the bearer token METRICS_TOKEN. */
export const metricsAccess: Access = { kind: 'metrics' }
export const apiAccess = (scope: ApiScope): Access => ({ kind: 'api', scope })

export type RouteAccessEntry = { method: string; url: string; access: Access }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
    /**
     * The query string carries what a person typed about a victim (a search): it is left out of request
     * logs, audit rows and sign-in return addresses, which keep only the path.
     */
    personalDataInQuery?: boolean
  }
}

/** Whether a signed-in role may use routes with this access: pages link only where the link would open. */
export const allows = (access: Access, role: Role | undefined): boolean =>
  role !== undefined && access.kind === 'staff' && access.roles.includes(role)
