// A feed file imported through the worker thread (receiveFile) must come out exactly as the same records
// handed over in memory (receive): the worker only moves the checks to another core.
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { toCsv, toJsonl } from '../../src/demo/feed-files.ts'
import { generateReferrals } from '../../src/demo/referrals.ts'
import { createAuditService, SYSTEM_ACTOR } from '../../src/services/audit.ts'
import {
  createIntakeService,
  FileRefusedError,
  type IntakeService,
  readFeedFile,
} from '../../src/services/intake/index.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

const NOW = new Date('2025-12-01T12:00:00Z')
const records = generateReferrals({
  seed: 11,
  count: 240,
  from: '2025-06-01T00:00:00Z',
  to: '2025-11-30T00:00:00Z',
})

describe('intake from a feed file (worker thread)', () => {
  let dir: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vh-intake-file-'))
  })
  after(async () => rm(dir, { recursive: true, force: true }))

  /** A fresh database and intake service, so two runs can be compared record by record. */
  const freshIntake = async (): Promise<{ db: TestDatabase; intake: IntakeService }> => {
    const db = await createTestDatabase()
    const intake = createIntakeService(db.pool, createAuditService(db.pool), undefined, { clock: () => NOW })
    return { db, intake }
  }
  const outcomes = (r: Awaited<ReturnType<IntakeService['receive']>>) =>
    (r.records ?? []).map((o) => [o.recordNumber, o.state, o.reasons.join(','), o.warnings.join(',')])

  for (const format of ['csv', 'jsonl'] as const) {
    it(`decides a ${format} file exactly as the same records received in memory`, async () => {
      const file = join(dir, `feed.${format}`)
      await writeFile(file, format === 'csv' ? toCsv(records) : toJsonl(records))
      const source = { kind: 'police_feed' as const, organisationId: null }

      const a = await freshIntake()
      const b = await freshIntake()
      try {
        const fromFile = await a.intake.receiveFile(file, format, source, SYSTEM_ACTOR, {
          includeRecords: true,
          chunkSize: 50,
        })
        const inMemory = await b.intake.receive(readFeedFile(file, format), source, SYSTEM_ACTOR, {
          includeRecords: true,
          chunkSize: 50,
        })
        assert.equal(fromFile.received, records.length)
        assert.deepEqual(outcomes(fromFile), outcomes(inMemory))
        assert.ok(fromFile.accepted > 0 && fromFile.quarantined > 0 && fromFile.duplicate > 0)
      } finally {
        await a.db.drop()
        await b.db.drop()
      }
    })
  }

  it('carries on after the last stored record when a run stopped part-way', async () => {
    const file = join(dir, 'resume.csv')
    await writeFile(file, toCsv(records))
    const { db, intake } = await freshIntake()
    try {
      const source = { kind: 'police_feed' as const, organisationId: null, idempotencyKey: 'resume-file' }
      await assert.rejects(
        intake.receiveFile(file, 'csv', source, SYSTEM_ACTOR, {
          chunkSize: 40,
          afterChunk: (k) => {
            if (k === 3) throw new Error('simulated crash')
          },
        }),
        /simulated crash/,
      )
      const rerun = await intake.receiveFile(file, 'csv', source, SYSTEM_ACTOR, { chunkSize: 40 })
      assert.equal(rerun.resumed, true)
      assert.equal(rerun.received, records.length)
      const { rows } = await db.pool.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT record_number)::int AS distinct FROM referral_receipts',
      )
      assert.deepEqual(rows[0], { n: records.length, distinct: records.length })
    } finally {
      await db.drop()
    }
  })

  it('reports a file that turns out unreadable part-way, naming the line', async () => {
    const file = join(dir, 'broken.csv')
    const good = toCsv(records.slice(0, 3)).trimEnd()
    await writeFile(file, `${good}\r\n"an unterminated quote,\r\n`)
    const { db, intake } = await freshIntake()
    try {
      await assert.rejects(
        intake.receiveFile(file, 'csv', { kind: 'police_feed', organisationId: null }, SYSTEM_ACTOR),
        (error: unknown) => {
          assert.ok(error instanceof FileRefusedError)
          assert.match(error.message, /not readable as CSV/)
          // The header and three records come first: the quote opens on line 5.
          assert.ok(error.line !== null && error.line >= 5, `line ${error.line}`)
          return true
        },
      )
    } finally {
      await db.drop()
    }
  })
})
