import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

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

describe('victim-hub organisation', () => {
  let db: TestDatabase
  let env: Record<string, string>
  before(async () => {
    db = await createTestDatabase()
    env = { DATABASE_URL: db.url, VICTIM_HUB_DEMO: 'false' }
  })
  after(async () => db.drop())

  it('sets up a new force on an empty hub, so that it can be given an API key', async () => {
    const refused = await run(['api-key', 'create', '--organisation', 'Police', '--label', 'feed'], env)
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /No organisation is called "Police"/)

    const created = await run(
      ['organisation', 'create', '--name', 'Police', '--kind', 'police', '--force-code', 'warks'],
      env,
    )
    assert.equal(created.code, 0, created.stderr)
    assert.match(created.stdout, /Added Police \(Police force, force code WARKS\)/)
    const partner = await run(
      ['organisation', 'create', '--name', 'County Council', '--kind', 'partner-agency', '--json'],
      env,
    )
    assert.equal(partner.code, 0, partner.stderr)
    assert.equal(JSON.parse(partner.stdout).kind, 'partner_agency')

    const key = await run(['api-key', 'create', '--organisation', 'Police', '--label', 'feed'], env)
    assert.equal(key.code, 0, key.stderr)
    assert.match(key.stdout, /^vh_/m)

    const list = await run(['organisation', 'list', '--json'], env)
    assert.deepEqual(
      JSON.parse(list.stdout).map((o: { name: string; kind: string; forceCode: string | null }) => [
        o.name,
        o.kind,
        o.forceCode,
      ]),
      [
        ['County Council', 'partner_agency', null],
        ['Police', 'police', 'WARKS'],
      ],
    )
    const audit = await db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'organisation.created'",
    )
    assert.equal(audit.rows[0].n, 2)
  })

  it('refuses a name or force code already taken, a force without a code, naming the field, adding nothing', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--name', ' police ', '--kind', 'police', '--force-code', 'WMP'],
        /name: There is already an organisation called "Police"/,
      ],
      [
        ['--name', 'Other Police', '--kind', 'police', '--force-code', 'WARKS'],
        /forceCode: Police already has the force code WARKS/,
      ],
      [['--name', 'Other Police', '--kind', 'police'], /forceCode: Enter the force code/],
      [
        ['--name', 'Other Police', '--kind', 'police', '--force-code', 'W'],
        /forceCode: A force code is 2 to 12/,
      ],
      [
        ['--name', 'Charity', '--kind', 'partner-agency', '--force-code', 'XX'],
        /forceCode: Only a police force/,
      ],
      [['--name', 'Charity', '--kind', 'provider'], /kind: Select police force or partner agency/],
    ]
    for (const [args, message] of cases) {
      const out = await run(['organisation', 'create', ...args], env)
      assert.equal(out.code, 2, args.join(' '))
      assert.match(out.stderr, message)
    }
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM organisations')
    assert.equal(rows[0].n, 2)
  })
})
