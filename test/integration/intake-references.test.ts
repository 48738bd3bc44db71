// The intake tables' references are checked once per statement (migration 0103) instead of by row-level
// foreign keys. These tests hold that the rule itself did not change: nothing can point at a missing
// batch, victim or receipt, and nothing still pointed at can be deleted or have its id changed.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { SAMPLE_NOW, sampleReferral } from '../../src/domain/referral-feed/sample.ts'
import { createAuditService, SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createIntakeService } from '../../src/services/intake/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

describe('intake references', () => {
  let db: TestDatabase
  let accepted: { receiptId: string; referralUuid: string; victimId: string; batchId: string }

  before(async () => {
    db = await createTestDatabase()
    const intake = createIntakeService(db.pool, createAuditService(db.pool), undefined, {
      clock: () => new Date(SAMPLE_NOW),
    })
    const result = await intake.receive(
      [sampleReferral({ referral_id: 'REF-1' })],
      { kind: 'police_feed', organisationId: null },
      SYSTEM_ACTOR,
      { includeRecords: true },
    )
    const outcome = result.records?.[0]
    assert.equal(outcome?.state, 'accepted')
    accepted = {
      receiptId: outcome.receiptId,
      referralUuid: outcome.referralUuid as string,
      victimId: outcome.victimId as string,
      batchId: result.batchId,
    }
  })
  after(async () => db.drop())

  /** Runs `sql` in a transaction that is always rolled back, expecting a foreign-key violation. */
  const refused = async (sql: string, params: unknown[], message: RegExp) => {
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      await assert.rejects(client.query(sql, params), (error: { code?: string; message: string }) => {
        assert.equal(error.code, '23503')
        assert.match(error.message, message)
        return true
      })
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  }

  it('refuses a receipt for a batch or victim that does not exist', async () => {
    const insert = `INSERT INTO referral_receipts (batch_id, record_number, received_at, source, raw, state, victim_id)
                    VALUES ($1, 99, now(), 'police_feed', '{}', 'accepted', $2)`
    await refused(insert, [randomUUID(), accepted.victimId], /refers to a batch that does not exist/)
    await refused(insert, [accepted.batchId, randomUUID()], /refers to a victim that does not exist/)
  })

  it('refuses pointing an existing referral or receipt at a missing victim', async () => {
    await refused(
      'UPDATE referrals SET victim_id = $2 WHERE id = $1',
      [accepted.referralUuid, randomUUID()],
      /referrals row .* refers to a victim/,
    )
    await refused(
      'UPDATE referral_receipts SET original_victim_id = $2 WHERE id = $1',
      [accepted.receiptId, randomUUID()],
      /referral_receipts row .* refers to a victim/,
    )
  })

  it('refuses a referral without its receipt, and an identity without its victim', async () => {
    await refused(
      `INSERT INTO referrals (receipt_id, victim_id, original_victim_id, source, force_code, crime_reference,
         crime_category, victim_type, reported_at, sent_at, received_at, record, consent_to_refer, enhanced)
       SELECT $1, victim_id, original_victim_id, source, force_code, 'OTHER', crime_category, victim_type,
         reported_at, sent_at, received_at, record, consent_to_refer, enhanced FROM referrals WHERE id = $2`,
      [randomUUID(), accepted.referralUuid],
      /refers to a receipt that does not exist/,
    )
    await refused(
      "INSERT INTO victim_identities (victim_id, subject) VALUES ($1, '{}')",
      [randomUUID()],
      /victim_identities row .* refers to a victim/,
    )
  })

  it('refuses deleting a victim, receipt or batch that is still referred to', async () => {
    await refused(
      'DELETE FROM victims WHERE id = $1',
      [accepted.victimId],
      /victims row .* still referred to/,
    )
    await refused(
      'DELETE FROM referral_receipts WHERE id = $1',
      [accepted.receiptId],
      /referral_receipts row .* still referred to/,
    )
    await refused(
      'DELETE FROM import_batches WHERE id = $1',
      [accepted.batchId],
      /import_batches row .* still referred to/,
    )
    await refused(
      'UPDATE victims SET id = $2 WHERE id = $1',
      [accepted.victimId, randomUUID()],
      /never change/,
    )
  })

  it('lets a victim nobody refers to be deleted', async () => {
    const id = randomUUID()
    await db.pool.query("INSERT INTO victims (id, forename, surname) VALUES ($1, 'Ada', 'Lovelace')", [id])
    await db.pool.query('DELETE FROM victims WHERE id = $1', [id])
    const { rowCount } = await db.pool.query('SELECT 1 FROM victims WHERE id = $1', [id])
    assert.equal(rowCount, 0)
  })
})
