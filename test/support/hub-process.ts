import { type ChildProcess, spawn } from 'node:child_process'

export type HubProcess = {
  child: ChildProcess
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
  /** Waits until the output matches, and returns the match; fails at once if the process ends first. */
  waitFor: (pattern: RegExp, what: string, giveUpMs?: number) => Promise<RegExpExecArray>
  /** Sends SIGTERM and waits for the exit code. */
  stop: () => Promise<number | null>
}

/** Starts one of the project's entry points as its own process, as an operator would run it. */
export function startHubProcess(args: readonly string[], env: NodeJS.ProcessEnv): HubProcess {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = async (pattern: RegExp, what: string, giveUpMs = 120_000) => {
    const deadline = Date.now() + giveUpMs
    for (;;) {
      const match = pattern.exec(output)
      if (match) return match
      if (child.exitCode !== null) throw new Error(`the process ended before ${what}:\n${output}`)
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    return exited
  }
  return { child, output: () => output, exited, waitFor, stop }
}

/** The web entry point `npm start` runs (src/main.ts); resolves with the address its banner prints. */
export async function startWebProcess(env: NodeJS.ProcessEnv): Promise<HubProcess & { url: string }> {
  const hub = startHubProcess(['--import', 'tsx', 'src/main.ts'], { PORT: '0', ...env })
  const [, url] = await hub.waitFor(/Victim Hub is running: (http:\/\/\S+)/, 'the web server listened')
  return { ...hub, url: url as string }
}

/** `npx victim-hub worker`, through the project's own `victim-hub` command; resolves once it is working. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<HubProcess> {
  const worker = startHubProcess(['bin/victim-hub.js', 'worker'], env)
  await worker.waitFor(/"msg":"worker ready"/, 'the worker started')
  return worker
}
