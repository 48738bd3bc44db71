import assert from 'node:assert/strict'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createPool } from '../../src/db/database.ts'

type Started = { child: ChildProcess; output: () => string; url?: string; exitCode: Promise<number | null> }

/** Runs `npm start`'s entry point the way a person would, on an embedded database in its own folder. */
function startHub(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Started {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VICTIM_HUB_DATA_DIR: dataDir,
    PORT: '0',
    VICTIM_HUB_DEMO: 'false',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  }
  delete env.DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exitCode }
}

async function waitForUrl(hub: Started, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = /Victim Hub is running: (http:\/\/\S+)/.exec(hub.output())
    if (match) return match[1] as string
    if (hub.child.exitCode !== null) throw new Error(`hub exited early:\n${hub.output()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`hub did not start:\n${hub.output()}`)
}

describe('starting and stopping the hub on its embedded database', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'victim-hub-start-'))
  })
  after(async () => rm(dataDir, { recursive: true, force: true }))

  it('starts, refuses a second process on the same data, survives SIGKILL and stops cleanly', async () => {
    const first = startHub(dataDir)
    const url = await waitForUrl(first)
    const ready = await fetch(`${url}/health/ready`)
    assert.equal(ready.status, 200)
    assert.equal((await fetch(`${url}/sign-in`)).status, 200)

    const second = startHub(dataDir)
    assert.equal(await second.exitCode, 1)
    assert.match(
      second.output(),
      /data directory .* is already in use by another Victim Hub process \(pid \d+\)/,
    )

    first.child.kill('SIGKILL')
    await first.exitCode
    assert.ok(
      existsSync(join(dataDir, 'postgres', 'postmaster.pid')),
      'the killed process left its database running',
    )

    const third = startHub(dataDir)
    const thirdUrl = await waitForUrl(third)
    assert.equal((await fetch(`${thirdUrl}/health/ready`)).status, 200)
    // A command run beside the hub writes audit rows; the hub checkpoints the log's end in the data folder.
    const env: NodeJS.ProcessEnv = { ...process.env, VICTIM_HUB_DATA_DIR: dataDir }
    delete env.DATABASE_URL
    const created = spawnSync(
      process.execPath,
      [
        'bin/victim-hub.js',
        'create-user',
        '--email',
        'a@hub.example',
        '--name',
        'A',
        '--role',
        'commissioner',
      ],
      { env, encoding: 'utf8' },
    )
    assert.equal(created.status, 0, created.stderr)
    third.child.kill('SIGTERM')
    assert.equal(await third.exitCode, 0)
    const checkpoints = JSON.parse(await readFile(join(dataDir, 'audit-checkpoint.json'), 'utf8'))
    const [head] = Object.values(checkpoints.chains) as { rows: number }[]
    assert.ok((head?.rows ?? 0) >= 1, 'the audit log’s end is checkpointed outside the database')
    assert.equal(
      existsSync(join(dataDir, 'postgres', 'postmaster.pid')),
      false,
      'a clean stop stops the database too',
    )
  })
})

/** A connection of our own to the embedded cluster a running hub serves, as an operator's psql would be. */
async function connectToHubDatabase(dataDir: string) {
  const { port } = JSON.parse(await readFile(join(dataDir, 'embedded-runtime.json'), 'utf8'))
  const { user, password } = JSON.parse(await readFile(join(dataDir, 'embedded-postgres.json'), 'utf8'))
  return createPool(`postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/victim_hub`, 1)
}

describe('the hub when the database ends its connections', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'victim-hub-dropped-'))
  })
  after(async () => rm(dataDir, { recursive: true, force: true }))

  it('logs each lost connection, carries on with new ones and keeps the embedded database running', async () => {
    // The worker on, so the job queue's own connections are ended too.
    const hub = startHub(dataDir, { VICTIM_HUB_WORKER: 'true' })
    const url = await waitForUrl(hub)
    const operator = await connectToHubDatabase(dataDir)
    try {
      for (let round = 1; round <= 3; round++) {
        // Some connections busy in a query at the moment they are ended, the rest idle in the pools.
        const busy = Array.from({ length: 4 }, () => fetch(`${url}/health/ready`).then((r) => r.status))
        const ended = await operator.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE application_name LIKE 'victim-hub%' AND pid <> pg_backend_pid()`,
        )
        assert.ok((ended.rows[0]?.n ?? 0) > 0, `round ${round} ended some of the hub's connections`)
        await Promise.allSettled(busy)
        await new Promise((r) => setTimeout(r, 500))
        assert.equal(
          hub.child.exitCode,
          null,
          `the hub is still running after round ${round}:\n${hub.output()}`,
        )
        assert.equal((await fetch(`${url}/health/ready`)).status, 200, 'new connections answer')
        assert.equal((await fetch(`${url}/sign-in`)).status, 200)
      }
      assert.match(hub.output(), /database connection lost/, 'the lost connections were logged')
      assert.equal((await operator.query('SELECT 1 AS one')).rows[0]?.one, 1, 'the embedded database is up')
    } finally {
      await operator.end()
      hub.child.kill('SIGTERM')
      assert.equal(await hub.exitCode, 0)
    }
  })
})
