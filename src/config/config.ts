import { z } from 'zod'
import { type NotifyConfig, notifyConfig, notifyEnvironment, SECRET_NOTIFY_VARIABLES } from './notify.ts'

/** Thrown when the environment cannot start the hub; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Victim Hub cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const environmentSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  VICTIM_HUB_DATA_DIR: z.string().min(1).default('./data'),
  VICTIM_HUB_DEMO: booleanFlag.default(true),
  VICTIM_HUB_DEMO_SEED: z.coerce.number({ message: 'must be a whole number' }).int().default(2026),
  VICTIM_HUB_DEMO_REFERRALS: z.coerce
    .number({ message: 'must be a whole number' })
    .int()
    .min(0)
    .default(20000),
  VICTIM_HUB_PUBLIC_URL: z.url({ message: 'must be an absolute URL' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number({ message: 'must be a number of hours' }).int().min(1).default(12),
  SIGNIN_MAX_FAILURES: z.coerce.number({ message: 'must be a whole number' }).int().min(1).default(5),
  SIGNIN_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'must be a whole number' })
    .int()
    .min(1)
    .default(10),
  SIGNIN_LOCK_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(1).default(15),
  COOKIE_SECURE: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VICTIM_HUB_WORKER: booleanFlag.default(true),
  // GOV.UK Notify: key, address and templates (src/config/notify.ts)
  ...notifyEnvironment,
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  demo: { enabled: boolean; seed: number; referrals: number }
  publicUrl: string | undefined
  sessionSecret: string | undefined
  session: { idleMinutes: number; absoluteHours: number }
  signIn: { maxFailures: number; lockMinutes: number; ratePerMinute: number }
  cookieSecure: boolean
  logLevel: string
  runWorker: boolean
  notify: NotifyConfig
}

/** Reads and validates the environment once, at start-up. Blank values count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in environmentSchema.shape && value !== ''),
  )
  const parsed = environmentSchema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) =>
          `${issue.path.join('.')}: ${issue.message}` +
          (SECRET_NOTIFY_VARIABLES.has(String(issue.path[0]))
            ? ''
            : ` (got "${env[String(issue.path[0])]}")`),
      ),
    )
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.VICTIM_HUB_DATA_DIR,
    demo: {
      enabled: e.VICTIM_HUB_DEMO,
      seed: e.VICTIM_HUB_DEMO_SEED,
      referrals: e.VICTIM_HUB_DEMO_REFERRALS,
    },
    publicUrl: e.VICTIM_HUB_PUBLIC_URL,
    sessionSecret: e.SESSION_SECRET,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    signIn: {
      maxFailures: e.SIGNIN_MAX_FAILURES,
      lockMinutes: e.SIGNIN_LOCK_MINUTES,
      ratePerMinute: e.SIGNIN_RATE_LIMIT_PER_MINUTE,
    },
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    runWorker: e.VICTIM_HUB_WORKER,
    notify: notifyConfig(e),
  }
}
