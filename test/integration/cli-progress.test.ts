import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { toCsv } from '../../src/demo/feed-files.ts'
import { generateReferrals } from '../../src/demo/referrals.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

type Output = { code: number; stdout: string; stderr: string }

const collect = (command: string, args: string[], env: Record<string, string>) =>
  new Promise<Output>((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env, LOG_LEVEL: 'silent' } })
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

/** The command with its output piped, as a script or a log file would take it. */
const piped = (args: string[], env: Record<string, string>) =>
  collect(process.execPath, ['bin/victim-hub.js', ...args], env)

/** The command on a terminal (a pseudo-terminal made by `script`), as a person at a prompt runs it. */
const onTerminal = (args: string[], env: Record<string, string>) =>
  collect(
    'script',
    [
      '-q',
      '-e',
      '-c',
      [process.execPath, 'bin/victim-hub.js', ...args].map((a) => `'${a}'`).join(' '),
      '/dev/null',
    ],
    { ...env, COLUMNS: '160' },
  )

describe('progress of long commands', () => {
  let db: TestDatabase
  let dir: string
  let env: Record<string, string>
  const records = generateReferrals({
    seed: 8,
    count: 600,
    from: '2025-06-01T00:00:00Z',
    to: '2025-11-30T00:00:00Z',
  })

  before(async () => {
    db = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'vh-progress-'))
    env = { DATABASE_URL: db.url, VICTIM_HUB_DEMO: 'false' }
  })
  after(async () => {
    await db.drop()
    await rm(dir, { recursive: true, force: true })
  })

  it('an import on a terminal shows the file being checked, then records done, the rate and the time left', async () => {
    const file = join(dir, 'terminal.csv')
    await writeFile(file, toCsv(records.slice(0, 300)))
    const out = await onTerminal(['import', 'referrals', file], env)
    assert.equal(out.code, 0, out.stdout)
    assert.match(out.stdout, /Checking terminal\.csv .*\d+% \| time left/)
    assert.match(out.stdout, /terminal\.csv .*\d+\/300 records \| [\d,–]+ records\/s \| time left/)
    assert.match(out.stdout, /received\s+300/)
  })

  it('piped, or with --json, an import prints its result and nothing else', async () => {
    const file = join(dir, 'piped.csv')
    await writeFile(file, toCsv(records.slice(300, 450)))
    const out = await piped(['import', 'referrals', file], env)
    assert.equal(out.code, 0, out.stderr)
    assert.equal(out.stderr, '')
    assert.doesNotMatch(out.stdout, /records\/s|time left/)
    assert.ok(!out.stdout.includes('\u001b'), 'no terminal escape codes')
    assert.match(out.stdout, /^.*piped\.csv: batch [0-9a-f-]+\n {2}received\s+150\n/)

    const jsonFile = join(dir, 'json.csv')
    await writeFile(jsonFile, toCsv(records.slice(450, 600)))
    const json = await onTerminal(['import', 'referrals', jsonFile, '--json'], env)
    assert.equal(json.code, 0, json.stdout)
    assert.doesNotMatch(json.stdout, /records\/s|time left/)
    assert.equal(JSON.parse(json.stdout)[0].reconciliation.received, 150)
  })

  it('piped, an export writes the records and nothing else', async () => {
    const out = await piped(['export', 'referrals'], env)
    assert.equal(out.code, 0, out.stderr)
    assert.equal(out.stderr, '')
    const lines = out.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 600)
    for (const line of lines) JSON.parse(line)
  })
})
