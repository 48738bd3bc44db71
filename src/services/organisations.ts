// Setting up the organisations that send referrals: police forces (with the force code their feed
// records carry) and partner agencies. Providers and the commissioner come with the service directory.
import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import { findByName, nameKey } from '../domain/organisations/names.ts'
import * as organisations from '../repositories/organisations.ts'
import type { Actor, AuditService } from './audit.ts'
import { InputError } from './errors.ts'

export type { Organisation, OrganisationKind } from '../repositories/organisations.ts'

/** The kinds an administrator sets up here, and how people read them. */
export const SENDER_KINDS = { police: 'Police force', partner_agency: 'Partner agency' } as const
export type SenderKind = keyof typeof SENDER_KINDS

/** A force code as the feed has it (spec: 2–12 characters A–Z/0–9/_), upper-cased as the feed reads it. */
const FORCE_CODE = /^[A-Z0-9_]{2,12}$/

export interface NewOrganisation {
  name: string
  kind: string
  forceCode?: string | null
}

export function createOrganisationsService(pool: pg.Pool, audit: AuditService) {
  return {
    list: () => organisations.listOrganisations(pool),

    /** Adds a police force or a partner agency; every error names its field and nothing is stored. */
    async create(input: NewOrganisation, actor: Actor): Promise<organisations.Organisation> {
      const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ')
      if (name === '') throw new InputError('name', 'Enter the organisation’s name')
      if (name.length > 120) throw new InputError('name', 'The name must be 120 characters or fewer')
      if (!Object.hasOwn(SENDER_KINDS, input.kind)) {
        throw new InputError('kind', 'Select police force or partner agency')
      }
      const kind = input.kind as SenderKind
      const rawCode = (input.forceCode ?? '').trim().toUpperCase()
      let forceCode: string | null = null
      if (kind === 'police') {
        if (rawCode === '')
          throw new InputError('forceCode', 'Enter the force code its feed records carry, like WARKS')
        if (!FORCE_CODE.test(rawCode)) {
          throw new InputError(
            'forceCode',
            'A force code is 2 to 12 letters, digits or underscores, like WARKS',
          )
        }
        forceCode = rawCode
      } else if (rawCode !== '') {
        throw new InputError('forceCode', 'Only a police force has a force code')
      }
      return withTransaction(pool, async (client) => {
        await client.query('LOCK TABLE organisations IN SHARE ROW EXCLUSIVE MODE')
        const existing = await organisations.listOrganisations(client)
        const same = findByName(existing, name) ?? existing.find((o) => nameKey(o.name) === nameKey(name))
        if (same) throw new InputError('name', `There is already an organisation called "${same.name}"`)
        const sharing = forceCode === null ? undefined : existing.find((o) => o.forceCode === forceCode)
        if (sharing)
          throw new InputError('forceCode', `${sharing.name} already has the force code ${forceCode}`)
        const id = await organisations.insertOrganisation(client, { name, kind, forceCode })
        await audit.recordWith(client, actor, {
          action: 'organisation.created',
          recordType: 'organisation',
          recordId: id,
          details: { name, kind, forceCode },
        })
        return { id, name, kind, forceCode }
      })
    },
  }
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>
