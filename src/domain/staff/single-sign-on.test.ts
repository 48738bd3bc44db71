import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ROLES } from './roles.ts'
import {
  decideSingleSignOn,
  type KnownAccount,
  parseRoleMapping,
  type RoleMapping,
  roleFromClaims,
} from './single-sign-on.ts'

const ORG = 'org-police'
const account = (overrides: Partial<KnownAccount> = {}): KnownAccount => ({
  id: 'u1',
  disabled: false,
  organisationId: ORG,
  ...overrides,
})
const caseworker: RoleMapping = { value: 'vh-caseworkers', role: 'hub_caseworker', team: 'First contact' }
const base = {
  linked: undefined,
  sameEmail: undefined,
  emailVerified: true,
  providerOrganisationId: ORG,
  createAccounts: true,
  mapping: caseworker,
}

describe('single sign-on decisions', () => {
  it('a disabled hub account stays disabled whatever else is true', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (viaLink, verified, create) => {
        const disabled = account({ disabled: true })
        const decision = decideSingleSignOn({
          ...base,
          linked: viaLink ? disabled : undefined,
          sameEmail: viaLink ? undefined : disabled,
          emailVerified: verified,
          createAccounts: create,
        })
        assert.deepEqual(decision, { kind: 'refused', reason: 'disabled' })
      }),
    )
  })

  it('links an account of the same email only when the provider verified it and it is the same organisation', () => {
    assert.deepEqual(decideSingleSignOn({ ...base, sameEmail: account() }), { kind: 'link', userId: 'u1' })
    assert.deepEqual(decideSingleSignOn({ ...base, sameEmail: account(), emailVerified: false }), {
      kind: 'refused',
      reason: 'email_not_verified',
    })
    assert.deepEqual(decideSingleSignOn({ ...base, sameEmail: account({ organisationId: 'org-other' }) }), {
      kind: 'refused',
      reason: 'other_organisation',
    })
  })

  it('makes an account only where the organisation allows it and a claim gives a role', () => {
    assert.deepEqual(decideSingleSignOn(base), { kind: 'create', mapping: caseworker })
    assert.deepEqual(decideSingleSignOn({ ...base, createAccounts: false }), {
      kind: 'refused',
      reason: 'no_account',
    })
    assert.deepEqual(decideSingleSignOn({ ...base, mapping: undefined }), {
      kind: 'refused',
      reason: 'no_role',
    })
  })

  it('the first mapping the claim holds wins, from a list or a space-separated string', () => {
    const manager: RoleMapping = { value: 'vh-managers', role: 'team_manager', team: null }
    const mappings = [manager, caseworker]
    assert.equal(roleFromClaims({ groups: ['vh-caseworkers', 'vh-managers'] }, 'groups', mappings), manager)
    assert.equal(roleFromClaims({ roles: 'other vh-caseworkers' }, 'roles', mappings), caseworker)
    assert.equal(roleFromClaims({ groups: 42 }, 'groups', mappings), undefined)
    assert.equal(roleFromClaims({}, 'groups', mappings), undefined)
  })

  it('reads mappings written as value=role:Team and refuses the administrator role', () => {
    assert.deepEqual(parseRoleMapping('vh-caseworkers=hub_caseworker:First contact'), caseworker)
    assert.deepEqual(parseRoleMapping('managers=team_manager'), {
      value: 'managers',
      role: 'team_manager',
      team: null,
    })
    assert.throws(() => parseRoleMapping('admins=administrator'), /administrators sign in with a password/)
    assert.throws(() => parseRoleMapping('x=wizard'), /not a staff role/)
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        fc.constantFrom(...ROLES.filter((r) => r !== 'administrator')),
        (value, role) => {
          assert.deepEqual(parseRoleMapping(`${value}=${role}`), { value, role, team: null })
        },
      ),
    )
  })
})
