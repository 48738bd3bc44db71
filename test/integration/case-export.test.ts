import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { createDemoOrganisations } from '../../src/demo/county.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createServices, type Services } from '../../src/services/index.ts'
import { createStaffUser } from '../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'

/** Allocation is done as the first-contact team, which sees every referral. */
const FIRST_CONTACT_VIEWER = {
  id: '00000000-0000-4000-8000-000000000001',
  role: 'team_manager' as const,
  teamPathway: 'general_support',
}

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/victim-hub.js', ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })

const actor = { ...SYSTEM_ACTOR, label: 'test' }

describe('victim-hub export cases', () => {
  let db: TestDatabase
  let services: Services
  let env: Record<string, string>
  const opened: string[] = []

  before(async () => {
    db = await createTestDatabase()
    env = { DATABASE_URL: db.url, VICTIM_HUB_DEMO: 'false' }
    services = createServices(db.pool, loadConfig({ ...env, SESSION_SECRET: 'x'.repeat(40) }))
    await createDemoOrganisations(db.pool)
    await receiveGeneratedReferrals(services, { seed: 8, count: 60, days: 20 })
    await services.triage.triagePending()
    const worker = await createStaffUser(services, 'hub_caseworker')
    const viewer = { id: worker.id, role: 'hub_caseworker' as const, teamPathway: 'general_support' }
    const { rows } = await db.pool.query(
      `SELECT r.id, r.victim_id FROM referrals r JOIN triage t ON t.referral_id = r.id ORDER BY r.id LIMIT 3`,
    )
    for (const row of rows) {
      await db.pool.query(
        `UPDATE victims SET phone_mobile = '+447700900300', safe_to_call = 'Y' WHERE id = $1`,
        [row.victim_id],
      )
      const allocated = await services.triage.allocate(FIRST_CONTACT_VIEWER, row.id, worker.id, actor)
      if (allocated.ok && allocated.caseId && !opened.includes(allocated.caseId))
        opened.push(allocated.caseId)
    }
    const [first, second] = opened as [string, string]
    await services.cases.recordAttempt(
      viewer,
      first,
      { method: 'phone_call', outcome: 'no_answer', notes: '' },
      actor,
      new Date(),
    )
    await services.cases.recordAttempt(
      viewer,
      first,
      { method: 'phone_call', outcome: 'spoke', notes: '' },
      actor,
      new Date(),
    )
    await services.cases.change(
      viewer,
      second,
      { kind: 'close', reason: 'moved_out_of_area', note: '' },
      actor,
      new Date(),
    )
  })
  after(async () => db.drop())

  it('writes one object per case with its referrals, state, first contact, attempts and closure', async () => {
    const result = await run(['export', 'cases', '--format', 'jsonl'], env)
    assert.equal(result.code, 0, result.stderr)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.equal(lines.length, opened.length)
    const first = lines.find((l) => l.case_id === opened[0])
    assert.deepEqual(Object.keys(first).sort(), [
      'case_id',
      'closed_at',
      'closure_reason',
      'contact_attempts',
      'first_contact_due',
      'first_contacted_at',
      'lead_worker',
      'opened_at',
      'referral_ids',
      'state',
      'victim_id',
    ])
    assert.equal(first.state, 'assessing')
    assert.equal(first.lead_worker, 'Test hub_caseworker')
    assert.match(first.first_contact_due, /^\d{4}-\d{2}-\d{2}$/)
    assert.ok(first.first_contacted_at)
    assert.deepEqual(
      first.contact_attempts.map((a: { channel: string; outcome: string }) => [a.channel, a.outcome]),
      [
        ['phone_call', 'no_answer'],
        ['phone_call', 'spoke'],
      ],
    )
    assert.ok(first.referral_ids.length >= 1)
    const closed = lines.find((l) => l.case_id === opened[1])
    assert.equal(closed.state, 'closed')
    assert.equal(closed.closure_reason, 'moved_out_of_area')
    assert.ok(closed.closed_at)
  })

  it('--since leaves out cases neither opened nor changed since; a bad option is refused', async () => {
    const none = await run(['export', 'cases', '--since', '2099-01-01'], env)
    assert.equal(none.code, 0, none.stderr)
    assert.equal(none.stdout.trim(), '')
    const bad = await run(['export', 'cases', '--format', 'csv'], env)
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--format must be jsonl/)
  })
})
