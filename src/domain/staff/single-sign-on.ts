// Single sign-on rules: which role and team a provider's claims give a new account, and whether a
// person signing in with their organisation's provider is let in, matched, made an account or refused.
import { isRole, type Role, roleRequiresSecondFactor } from './roles.ts'

/** One line of a provider's mapping: a claim value (a group, an app role) and what it gives. */
export type RoleMapping = { value: string; role: Role; team: string | null }

/** The mappings as an administrator wrote them: `value=role` or `value=role:Team name`. */
export function parseRoleMapping(text: string): RoleMapping {
  const match = /^([^=]+)=([a-z_]+)(?::(.+))?$/.exec(text.trim())
  if (!match) throw new Error(`"${text}" is not a mapping like "group=role" or "group=role:Team name"`)
  const [, value = '', role = '', team] = match
  if (!isRole(role)) throw new Error(`"${role}" in "${text}" is not a staff role`)
  if (roleRequiresSecondFactor(role))
    throw new Error(`"${text}": administrators sign in with a password and authenticator, not single sign-on`)
  return { value: value.trim(), role, team: team?.trim() || null }
}

/** The values a claim holds: a list, one string, or a space-separated string; nothing else counts. */
function claimValues(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string')
  if (typeof claim === 'string') return claim.split(/\s+/).filter((v) => v !== '')
  return []
}

/** The first mapping whose value the claim holds, in the administrator's order; undefined when none does. */
export function roleFromClaims(
  claims: Record<string, unknown>,
  roleClaim: string,
  mappings: readonly RoleMapping[],
): RoleMapping | undefined {
  const held = new Set(claimValues(claims[roleClaim]))
  return mappings.find((mapping) => held.has(mapping.value))
}

export type KnownAccount = { id: string; disabled: boolean; organisationId: string | null }

export type SsoRefusal = 'disabled' | 'email_not_verified' | 'no_account' | 'no_role' | 'other_organisation'

export type SsoDecision =
  | { kind: 'sign_in'; userId: string }
  | { kind: 'link'; userId: string }
  | { kind: 'create'; mapping: RoleMapping }
  | { kind: 'refused'; reason: SsoRefusal }

/**
 * Who the person is in the hub. An identity already linked signs in; otherwise an account with the same
 * email, of the provider's own organisation, is linked when the provider says it verified the email;
 * otherwise an account is made only where the organisation allows it and a mapping gives a role. A
 * disabled hub account stays out, whatever the provider says.
 */
export function decideSingleSignOn(input: {
  linked: KnownAccount | undefined
  sameEmail: KnownAccount | undefined
  emailVerified: boolean
  providerOrganisationId: string
  createAccounts: boolean
  mapping: RoleMapping | undefined
}): SsoDecision {
  const { linked, sameEmail } = input
  if (linked) return linked.disabled ? refused('disabled') : { kind: 'sign_in', userId: linked.id }
  if (sameEmail) {
    if (sameEmail.disabled) return refused('disabled')
    if (sameEmail.organisationId !== input.providerOrganisationId) return refused('other_organisation')
    if (!input.emailVerified) return refused('email_not_verified')
    return { kind: 'link', userId: sameEmail.id }
  }
  if (!input.createAccounts) return refused('no_account')
  if (!input.emailVerified) return refused('email_not_verified')
  if (!input.mapping) return refused('no_role')
  return { kind: 'create', mapping: input.mapping }
}

const refused = (reason: SsoRefusal): SsoDecision => ({ kind: 'refused', reason })
