import { randomUUID } from 'node:crypto'
import * as oidc from 'openid-client'
import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import {
  decideSingleSignOn,
  parseRoleMapping,
  type RoleMapping,
  roleFromClaims,
  type SsoRefusal,
} from '../domain/staff/single-sign-on.ts'
import * as providers from '../repositories/identity-providers.ts'
import * as organisations from '../repositories/organisations.ts'
import * as staff from '../repositories/staff.ts'
import type { SignedInUser } from './accounts.ts'
import type { Actor, AuditService } from './audit.ts'
import { InputError } from './errors.ts'
import { identityProviderSecretContext, type SecretBox } from './secrets/secret-box.ts'

/** What the session keeps between sending a person to their provider and their coming back. */
export type PendingSignIn = { slug: string; state: string; nonce: string; codeVerifier: string; next: string }

/** Why a sign-in through a provider was refused; the sign-in page explains each one. */
export type SsoRefusalReason =
  | SsoRefusal
  | 'state' // the answer does not belong to a sign-in this browser started (a replay, or another tab)
  | 'issuer'
  | 'signature'
  | 'expired'
  | 'nonce'
  | 'provider_error' // the provider answered with an error (the person cancelled, or it refused them)
  | 'provider_unreachable'
  | 'invalid_response'

export type SsoResult =
  | { outcome: 'signed_in'; user: SignedInUser; next: string }
  | { outcome: 'refused'; reason: SsoRefusalReason; providerName: string }

/** Plain http is allowed only to a provider on this machine (tests and a local Keycloak); never in between. */
const isLoopback = (issuer: URL) =>
  issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname)

/** Which check an openid-client error failed, from the claim or attribute its cause names. */
function reasonOf(error: unknown): SsoRefusalReason {
  if (error instanceof oidc.AuthorizationResponseError) return 'provider_error'
  // openid-client wraps the failed check (oauth4webapi's error) in its own: read the innermost one.
  let inner = error
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause
  const e = inner as { code?: string; message?: string; cause?: Record<string, unknown> }
  const named = String(e.cause?.claim ?? e.cause?.attribute ?? e.cause?.parameter ?? '')
  const message = String(e.message ?? '')
  if (/signature verification failed/i.test(message)) return 'signature'
  if (named === 'exp' || /"exp"/.test(message)) return 'expired'
  if (named === 'nonce' || /"nonce"/.test(message)) return 'nonce'
  if (named === 'iss' || named === 'issuer' || /"iss"|issuer/.test(message)) return 'issuer'
  if (named === 'state' || /"state"/.test(message)) return 'state'
  if (inner instanceof TypeError || e.code === 'ECONNREFUSED') return 'provider_unreachable'
  return 'invalid_response'
}

export function createSingleSignOnService(pool: pg.Pool, audit: AuditService, secrets: SecretBox) {
  const discovered = new Map<string, Promise<oidc.Configuration>>()

  /** The provider's published configuration, read once per process (and again after a failure). */
  const configurationOf = async (provider: providers.IdentityProvider): Promise<oidc.Configuration> => {
    let found = discovered.get(provider.id)
    if (!found) {
      const issuer = new URL(provider.issuer)
      found = secrets
        .open(provider.clientSecret, identityProviderSecretContext(provider.id))
        .then((secret) =>
          oidc.discovery(issuer, provider.clientId, secret, undefined, {
            ...(isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
            timeout: 10,
          }),
        )
        // The ID token's signature is checked against the provider's published keys, not only trusted
        // for having come over the provider's connection.
        .then((configuration) => {
          oidc.enableNonRepudiationChecks(configuration)
          return configuration
        })
      discovered.set(provider.id, found)
      found.catch(() => discovered.delete(provider.id))
    }
    return found
  }

  const refuse = async (
    provider: providers.IdentityProvider,
    reason: SsoRefusalReason,
    actor: Actor,
    details: Record<string, unknown> = {},
  ): Promise<SsoResult> => {
    await audit.record(actor, {
      action: 'sign_in.single_sign_on_refused',
      recordType: 'identity_provider',
      recordId: provider.id,
      details: { provider: provider.slug, reason, ...details },
    })
    return { outcome: 'refused', reason, providerName: provider.displayName }
  }

  return {
    /** The providers the sign-in page offers, by name. */
    async list(): Promise<{ slug: string; displayName: string; organisationName: string }[]> {
      return (await providers.listIdentityProviders(pool)).map((p) => ({
        slug: p.slug,
        displayName: p.displayName,
        organisationName: p.organisationName,
      }))
    },

    /** Adds a provider an organisation's staff sign in with; the client secret is sealed at rest. */
    async add(
      input: {
        organisation: string
        slug: string
        displayName: string
        issuer: string
        clientId: string
        clientSecret: string
        roleClaim?: string | undefined
        roleMappings?: readonly string[] | undefined
        createAccounts?: boolean | undefined
      },
      actor: Actor,
    ): Promise<string> {
      const organisation = await organisations.findOrganisationByName(pool, input.organisation)
      if (!organisation)
        throw new InputError('organisation', `No organisation is called "${input.organisation}"`)
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.slug))
        throw new InputError('slug', 'The short name may hold lower-case letters, digits and hyphens')
      let issuer: URL
      try {
        issuer = new URL(input.issuer)
      } catch {
        throw new InputError('issuer', `The issuer must be a URL (got "${input.issuer}")`)
      }
      if (issuer.protocol !== 'https:' && !isLoopback(issuer))
        throw new InputError('issuer', 'The issuer must be an https:// address')
      if (!input.clientId.trim()) throw new InputError('clientId', 'Enter the client id')
      if (!input.clientSecret) throw new InputError('clientSecret', 'Enter the client secret')
      let roleMappings: RoleMapping[]
      try {
        roleMappings = (input.roleMappings ?? []).map(parseRoleMapping)
      } catch (error) {
        throw new InputError('map', (error as Error).message)
      }
      for (const mapping of roleMappings) {
        if (mapping.team && !(await organisations.findTeamByName(pool, mapping.team)))
          throw new InputError('map', `No team is called "${mapping.team}"`)
      }
      if (await providers.findIdentityProviderBySlug(pool, input.slug))
        throw new InputError('slug', `A provider called "${input.slug}" exists already`)
      const id = randomUUID()
      await withTransaction(pool, async (client) => {
        await providers.insertIdentityProvider(client, {
          id,
          organisationId: organisation.id,
          slug: input.slug,
          displayName: input.displayName.trim() || organisation.name,
          issuer: input.issuer,
          clientId: input.clientId.trim(),
          clientSecret: secrets.seal(input.clientSecret, identityProviderSecretContext(id)),
          roleClaim: input.roleClaim?.trim() || 'groups',
          roleMappings,
          createAccounts: input.createAccounts ?? false,
        })
        await audit.recordWith(client, actor, {
          action: 'identity_provider.added',
          recordType: 'identity_provider',
          recordId: id,
          details: {
            organisation: organisation.name,
            slug: input.slug,
            issuer: input.issuer,
            createAccounts: input.createAccounts ?? false,
            roleMappings,
          },
        })
      })
      return id
    },

    /**
     * The address to send the person to at their provider (authorisation code with PKCE, a fresh state
     * and nonce), and what the session must keep until they come back.
     */
    async begin(
      slug: string,
      redirectUri: string,
      next: string,
    ): Promise<
      | { outcome: 'redirect'; url: string; pending: PendingSignIn }
      | { outcome: 'unknown_provider' }
      | { outcome: 'refused'; reason: SsoRefusalReason; providerName: string }
    > {
      const provider = await providers.findIdentityProviderBySlug(pool, slug)
      if (!provider) return { outcome: 'unknown_provider' }
      let configuration: oidc.Configuration
      try {
        configuration = await configurationOf(provider)
      } catch {
        return { outcome: 'refused', reason: 'provider_unreachable', providerName: provider.displayName }
      }
      const codeVerifier = oidc.randomPKCECodeVerifier()
      const pending: PendingSignIn = {
        slug,
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier,
        next,
      }
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      })
      return { outcome: 'redirect', url: url.href, pending }
    },

    /**
     * The person is back from their provider at `callbackUrl`. The answer must belong to the sign-in
     * this session started (state), come from the provider's issuer, and carry an ID token signed by
     * it, unexpired, with this sign-in's nonce; then the account rules decide who they are.
     */
    async complete(
      slug: string,
      callbackUrl: URL,
      pending: PendingSignIn | undefined,
      actor: Actor,
    ): Promise<SsoResult | { outcome: 'unknown_provider' }> {
      const provider = await providers.findIdentityProviderBySlug(pool, slug)
      if (!provider) return { outcome: 'unknown_provider' }
      if (!pending || pending.slug !== slug || callbackUrl.searchParams.get('state') !== pending.state)
        return refuse(provider, 'state', actor)
      let claims: Record<string, unknown>
      try {
        const configuration = await configurationOf(provider)
        const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        })
        const idClaims = tokens.claims() as Record<string, unknown>
        claims = { ...idClaims }
        if (configuration.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(configuration, tokens.access_token, String(idClaims.sub))
          claims = { ...info, ...idClaims }
        }
      } catch (error) {
        return refuse(provider, reasonOf(error), actor, {
          error: String((error as Error).message).slice(0, 300),
        })
      }
      const subject = String(claims.sub)
      const email = typeof claims.email === 'string' ? claims.email.trim() : ''
      const emailVerified = claims.email_verified === true
      const linkedId = await providers.findLinkedUserId(pool, provider.id, subject)
      const linkedUser = linkedId ? await staff.findUserById(pool, linkedId) : undefined
      const sameEmail = !linkedUser && email ? await staff.findUserByEmail(pool, email) : undefined
      const mapping = roleFromClaims(claims, provider.roleClaim, provider.roleMappings)
      const decision = decideSingleSignOn({
        linked: linkedUser,
        sameEmail,
        emailVerified,
        providerOrganisationId: provider.organisationId,
        createAccounts: provider.createAccounts,
        mapping,
      })
      if (decision.kind === 'refused')
        return refuse(provider, decision.reason, actor, { subject, email: email.slice(0, 200) })

      const userId = await withTransaction(pool, async (client) => {
        let id: string
        if (decision.kind === 'create') {
          const team = decision.mapping.team
            ? await organisations.findTeamByName(client, decision.mapping.team)
            : undefined
          id = await staff.insertUser(client, {
            email,
            displayName: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email,
            role: decision.mapping.role,
            teamId: team?.id ?? null,
            passwordHash: null,
          })
          await audit.recordWith(client, actor, {
            action: 'user.created',
            recordType: 'user',
            recordId: id,
            details: {
              email,
              role: decision.mapping.role,
              team: team?.name ?? null,
              provider: provider.slug,
            },
          })
        } else id = decision.userId
        if (decision.kind === 'sign_in') await providers.touchIdentity(client, provider.id, subject)
        else {
          await providers.linkIdentity(client, provider.id, subject, id)
          await audit.recordWith(client, actor, {
            action: 'identity.linked',
            recordType: 'user',
            recordId: id,
            details: { provider: provider.slug, subject },
          })
        }
        await staff.recordSuccessfulSignIn(client, id)
        await audit.recordWith(
          client,
          { ...actor, userId: id, label: email || actor.label },
          { action: 'sign_in', recordType: 'user', recordId: id, details: { provider: provider.slug } },
        )
        return id
      })
      const user = (await staff.findUserById(pool, userId)) as staff.StaffUser
      return {
        outcome: 'signed_in',
        next: pending.next,
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          role: user.role,
          teamId: user.teamId,
          teamName: user.teamName,
          teamPathway: user.teamPathway,
          organisationName: user.organisationName,
          secondFactorEnabled: user.totpEnabled,
        },
      }
    },
  }
}

export type SingleSignOnService = ReturnType<typeof createSingleSignOnService>
