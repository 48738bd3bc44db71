import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../../src/config/config.ts'
import { createDemoOrganisations } from '../../../src/demo/county.ts'
import { generateReferrals } from '../../../src/demo/referrals.ts'
import { SYSTEM_ACTOR } from '../../../src/services/audit.ts'
import { createServices } from '../../../src/services/index.ts'
import { TEST_ENCRYPTION_KEY } from '../../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { type HubProcess, startWebProcess } from '../../support/hub-process.ts'

const BATCHES = 16
const PER_BATCH = 500

type Reply = { batchId: string; received: number; accepted: number }

describe('the web process killed with SIGKILL during batch API posts', () => {
  let db: TestDatabase
  let folder: string
  let apiKey: string
  const running: HubProcess[] = []
  const records = generateReferrals({
    seed: 44,
    count: BATCHES * PER_BATCH,
    from: '2026-06-01T00:00:00Z',
    to: '2026-11-30T00:00:00Z',
  })
  const batch = (i: number) => records.slice(i * PER_BATCH, (i + 1) * PER_BATCH)
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: db.url,
    VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    VICTIM_HUB_DATA_DIR: folder,
    VICTIM_HUB_DEMO: 'false',
    VICTIM_HUB_WORKER: 'false',
    VICTIM_HUB_AUDIT_CHECKPOINT: join(folder, 'checkpoint.json'),
    LOG_LEVEL: 'info',
    SESSION_SECRET: '',
  })
  const post = async (url: string, i: number): Promise<{ status: number; body: Reply }> => {
    const response = await fetch(`${url}/api/v1/referrals/batch`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': `fault-batch-${i}`,
      },
      body: JSON.stringify(batch(i)),
    })
    const json = (await response.json()) as { batch_id: string; reconciliation?: Reply } & Record<
      string,
      unknown
    >
    const c = (json.reconciliation ?? json) as Record<string, number>
    return {
      status: response.status,
      body: { batchId: json.batch_id, received: Number(c.received), accepted: Number(c.accepted) },
    }
  }
  const count = async (sql: string) =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n ?? 0

  before(async () => {
    db = await createTestDatabase()
    folder = await mkdtemp(join(tmpdir(), 'vh-web-killed-'))
    const services = createServices(
      db.pool,
      loadConfig({ VICTIM_HUB_DEMO: 'false', VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }),
    )
    await createDemoOrganisations(db.pool)
    apiKey = (
      await services.apiKeys.create(
        { organisation: 'County Police', label: 'feed', scopes: ['referrals'] },
        SYSTEM_ACTOR,
      )
    ).key
  })
  after(async () => {
    await Promise.all(running.map((p) => p.stop()))
    await db?.drop()
    await rm(folder, { recursive: true, force: true })
  })

  it('resending every batch with the same Idempotency-Key loses and duplicates nothing', async () => {
    const first = await startWebProcess(env())
    running.push(first)
    // Four senders at once; the process is killed once some batches are answered and others are in flight.
    const answered = new Map<number, Reply>()
    let next = 0
    let killed = false
    const sender = async () => {
      while (next < BATCHES && !killed) {
        const i = next++
        try {
          const reply = await post(first.url, i)
          if (reply.status === 201) answered.set(i, reply.body)
          if (answered.size >= 4 && !killed) {
            killed = true
            first.child.kill('SIGKILL')
          }
        } catch {
          // The connection died with the process: this batch's fate is unknown to the sender.
        }
      }
    }
    await Promise.all([sender(), sender(), sender(), sender()])
    await first.exited
    assert.ok(killed, 'the process was killed during the posts')
    const storedAtKill = await count('referral_receipts')
    const batchesAtKill = await count('import_batches')
    assert.ok(storedAtKill < BATCHES * PER_BATCH, `${storedAtKill} records stored when killed`)

    const second = await startWebProcess(env())
    running.push(second)
    const finals = new Map<number, { status: number; body: Reply }>()
    for (let i = 0; i < BATCHES; i++) finals.set(i, await post(second.url, i))

    for (const [i, reply] of finals) {
      assert.ok(reply.status === 200 || reply.status === 201, `batch ${i} answered ${reply.status}`)
      assert.equal(reply.body.received, PER_BATCH, `batch ${i}`)
      const before = answered.get(i)
      // A batch answered before the kill is replayed as it was, not stored again.
      if (before) {
        assert.equal(reply.status, 200, `batch ${i} is a replay`)
        assert.deepEqual(reply.body, before)
      }
    }
    // Nothing lost, nothing twice: one receipt per record of each batch, one batch per key.
    assert.equal(await count('import_batches'), BATCHES)
    assert.equal(await count(`import_batches WHERE status = 'finished' AND received = ${PER_BATCH}`), BATCHES)
    assert.equal(await count('referral_receipts'), BATCHES * PER_BATCH)
    assert.equal(
      await count(
        '(SELECT batch_id, record_number FROM referral_receipts GROUP BY 1, 2 HAVING count(*) > 1) twice',
      ),
      0,
    )
    const accepted = [...finals.values()].reduce((sum, r) => sum + r.body.accepted, 0)
    assert.equal(await count('referrals'), accepted)
    console.log(
      `killed with ${answered.size} batches answered, ${batchesAtKill} begun and ${storedAtKill} records stored; after resending: ${BATCHES * PER_BATCH} records, each once`,
    )
  })
})
