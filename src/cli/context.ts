import type { Config } from '../config/config.ts'
import { loadConfig } from '../config/config.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { createServices, type Services } from '../services/index.ts'
import { withRuntimeSecrets } from '../services/runtime-secrets.ts'

export type CliContext = {
  config: () => Config
  /** Opens the database (sharing a running hub's embedded cluster), builds the services, runs, closes. */
  withServices: <T>(work: (services: Services, database: Database) => Promise<T>) => Promise<T>
}

export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const config = () => loadConfig(env)
  return {
    config,
    withServices: async (work) => {
      const cfg = config()
      const database = await openDatabase(cfg, () => {}, { shareRunning: true })
      try {
        const services = createServices(
          database.pool,
          await withRuntimeSecrets(database, cfg),
          database.readPool,
        )
        return await work(services, database)
      } finally {
        await database.close()
      }
    },
  }
}

/** The actor the audit log records for a command run at a terminal. */
export const cliActor = () => ({
  userId: null,
  label: `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`,
  ip: null,
  requestId: null,
})
