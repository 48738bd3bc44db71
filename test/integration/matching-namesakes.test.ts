// No two strangers become one victim, and one person recorded twice becomes one again: intake against a
// real database, with the hub's name counts (docs/adr/0030) and merges on a link to both (docs/adr/0031).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { type RawFeedRecord, SAMPLE_NOW, sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { createAuditService, SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createIntakeService, type IntakeService } from '../../src/services/intake/index.ts'
import { createVictimsService, type VictimsService } from '../../src/services/victims/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

let counter = 0
/** A referral with its own referral id, crime, contacts and person id unless overridden. */
const referral = (overrides: RawFeedRecord): RawFeedRecord => {
  counter++
  return sampleReferral({
    referral_id: `NS-${counter}`,
    crime_reference: `NS/${counter}`,
    victim_person_ref: `PN${counter}`,
    phone_mobile: `07700 9${String(counter).padStart(5, '0')}`,
    phone_other: '',
    email: `person${counter}@example.org`,
    address_line1: `${counter} Larkspur Close`,
    ...overrides,
  })
}

/** John Smith of Rugby and John Smith of Coventry: one name, one birthday, nothing else in common. */
const rugby = {
  forename: 'John',
  surname: 'Smith',
  date_of_birth: '1980-03-07',
  town: 'Rugby',
  postcode: 'CV21 3AB',
}
const coventry = { ...rugby, town: 'Coventry', postcode: 'CV6 1LY' }

describe('matching at a hub where many victims share a name', () => {
  let db: TestDatabase
  let intake: IntakeService
  const receive = async (records: RawFeedRecord[]) => {
    const result = await intake.receive(
      records,
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      {
        includeRecords: true,
      },
    )
    return result.records ?? []
  }
  const one = async (record: RawFeedRecord) => {
    const [outcome] = await receive([record])
    assert.equal(outcome?.state, 'accepted', JSON.stringify(outcome?.reasons))
    return outcome as typeof outcome & { victimId: string }
  }

  before(async () => {
    db = await createTestDatabase()
    const audit = createAuditService(db.pool)
    const clock = () => new Date(SAMPLE_NOW)
    intake = createIntakeService(db.pool, audit, undefined, { clock })
    // Twenty other John Smiths, each born on another day: the name is common among the hub's victims.
    // Police systems write it in more ways than one.
    await receive(
      Array.from({ length: 20 }, (_, i) =>
        referral({
          forename: ['John', 'Mr JOHN', 'john paul'][i % 3],
          surname: ['Smith', 'SMITH', "Smith'"][i % 3],
          date_of_birth: `1960-01-${String(i + 1).padStart(2, '0')}`,
        }),
      ),
    )
  })
  after(async () => db.drop())

  it('keeps two strangers of a common name and birthday in different towns apart, for a person to check', async () => {
    const first = await one(referral(rugby))
    const second = await one(referral(coventry))
    assert.notEqual(second.victimId, first.victimId)
    const { rows } = await db.pool.query(
      'SELECT candidate_victim_id, evidence FROM match_reviews WHERE incoming_victim_id = $1',
      [second.victimId],
    )
    assert.equal(rows[0]?.candidate_victim_id, first.victimId)
    assert.ok(rows[0]?.evidence.includes('date of birth agrees'))
    assert.ok(
      rows[0]?.evidence.some((e: string) => /^2\d victims have this name/.test(e)),
      rows[0]?.evidence.join('; '),
    )
  })

  it('keeps them apart when one of them later moves near the other', async () => {
    const first = await one(referral({ ...rugby, date_of_birth: '1975-11-30' }))
    const secondInCoventry = referral({ ...coventry, date_of_birth: '1975-11-30' })
    const second = await one(secondInCoventry)
    // He moves into the first one's postcode sector, with his own mobile as before.
    const moved = await one(
      referral({
        ...rugby,
        date_of_birth: '1975-11-30',
        postcode: 'CV21 3ZZ',
        address_line1: '4 Hillmorton Road',
        phone_mobile: secondInCoventry.phone_mobile,
      }),
    )
    assert.notEqual(second.victimId, first.victimId)
    assert.equal(moved.victimId, second.victimId)
  })

  it('still links a rare name on name and date of birth alone', async () => {
    const first = await one(
      referral({ forename: 'Eulalie', surname: 'Quartermaine', date_of_birth: '1969-05-02' }),
    )
    const again = await one(
      referral({
        forename: 'Eulalie',
        surname: 'Quartermaine',
        date_of_birth: '1969-05-02',
        postcode: 'B49 5AA',
      }),
    )
    assert.equal(again.victimId, first.victimId)
  })

  it('counts the victims of each name as intake creates them', async () => {
    const { rows } = await db.pool.query(
      "SELECT victims FROM victim_name_counts WHERE full_name IN ('john smith', 'eulalie quartermaine') ORDER BY full_name",
    )
    assert.deepEqual(
      rows.map((r) => r.victims),
      [1, 24],
    )
  })

  it('counts victims already in the hub as intake does, when the counts are first made', async () => {
    const migration = readFileSync(
      new URL('../../src/db/migrations/0120_victim_name_counts.sql', import.meta.url),
      'utf8',
    )
    const backfill = migration.slice(migration.indexOf('SELECT full_name, count(*)')).replace(/;\s*$/, '')
    const fromMigration = await db.pool.query(`${backfill} ORDER BY full_name`)
    const kept = await db.pool.query('SELECT full_name, victims FROM victim_name_counts ORDER BY full_name')
    assert.deepEqual(
      fromMigration.rows.map((r) => [r.full_name, Number(r.count)]),
      kept.rows.map((r) => [r.full_name, r.victims]),
    )
  })
})

describe('a record that links to two victims of one person', () => {
  let db: TestDatabase
  let intake: IntakeService
  let victims: VictimsService
  const one = async (record: RawFeedRecord) => {
    const result = await intake.receive(
      [record],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      {
        includeRecords: true,
      },
    )
    const outcome = result.records?.[0]
    assert.equal(outcome?.state, 'accepted', JSON.stringify(outcome?.reasons))
    return outcome as NonNullable<typeof outcome> & { victimId: string }
  }

  before(async () => {
    db = await createTestDatabase()
    const audit = createAuditService(db.pool)
    const clock = () => new Date(SAMPLE_NOW)
    intake = createIntakeService(db.pool, audit, undefined, { clock })
    victims = createVictimsService(db.pool, audit, { clock })
  })
  after(async () => db.drop())

  it('merges them, audited, the merged victim restricted and as careful about contact as either', async () => {
    const person = { forename: 'Morwenna', surname: 'Trelawny' }
    // Known by her mobile and date of birth; it is safe to call her.
    const a = await one(
      referral({ ...person, date_of_birth: '1988-08-18', phone_mobile: '07700 900801', safe_to_call: 'Y' }),
    )
    // A referral with her email and person id but no date of birth, from a new address: missed, a new
    // victim. It is a domestic abuse referral, and it says not to call.
    const b = await one(
      referral({
        ...person,
        victim_person_ref: 'PM77',
        date_of_birth: '',
        email: 'morwenna@example.org',
        postcode: 'B50 4QQ',
        domestic_abuse: 'Y',
        safe_to_call: 'N',
      }),
    )
    assert.notEqual(b.victimId, a.victimId)
    // Her mobile, her email and that person id on one referral: both victims are her.
    const c = await one(
      referral({
        ...person,
        victim_person_ref: 'PM77',
        date_of_birth: '1988-08-18',
        phone_mobile: '07700 900801',
        email: 'morwenna@example.org',
      }),
    )
    assert.equal(c.victimId, a.victimId)

    const merged = await victims.victimWithReferrals(b.victimId)
    assert.equal(merged?.victim.id, a.victimId)
    assert.equal(merged?.mergedFrom, b.victimId)
    assert.equal(merged?.referrals.length, 3)
    assert.equal(merged?.victim.safeToCall, 'N')

    const [entry] = await createAuditService(db.pool).recent({
      recordId: a.victimId,
      action: 'victim.merged',
    })
    const details = entry?.details as Record<string, unknown> | undefined
    assert.equal(details?.merged, b.victimId)
    assert.equal(details?.automatic, true)
    assert.equal(details?.receipt, c.receiptId)
    assert.equal(details?.referrals, 1)
    assert.ok((details?.evidence as string[] | undefined)?.includes('email agrees'))

    // The domestic abuse referral makes the merged victim a restricted record.
    const outsider = { role: 'hub_caseworker' as const, teamPathway: 'fraud', actor: SYSTEM_ACTOR }
    const page = await victims.page(a.victimId, outsider)
    assert.equal(page?.withheld, true)
    assert.deepEqual(page?.pathways, ['domestic_abuse'])

    // A later referral of hers links to the one victim.
    const d = await one(
      referral({ ...person, date_of_birth: '', email: 'morwenna@example.org', postcode: 'B50 4QQ' }),
    )
    assert.equal(d.victimId, a.victimId)
  })
})
