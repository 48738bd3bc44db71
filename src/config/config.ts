import { isIP } from 'node:net'
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

/** A 32-byte key written as 64 hex digits or base64 (either alphabet); undefined when it is not one. */
export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim()
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  return bytes.length === 32 ? bytes : undefined
}

const KEY_MESSAGE =
  'must be 32 bytes written as base64 or 64 hex digits (make one with: openssl rand -base64 32)'
const encryptionKey = z.string().refine((value) => decodeKey(value) !== undefined, KEY_MESSAGE)

// proxy-addr's names for the private ranges, beside single addresses and CIDR ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])
const isProxyAddress = (entry: string): boolean => {
  if (PROXY_RANGE_NAMES.has(entry)) return true
  const [address = '', bits, ...rest] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d+$/.test(bits) && n <= (version === 4 ? 32 : 128)
}

/**
 * Which proxy the hub believes about a client's address and scheme (X-Forwarded-For and -Proto): none
 * (false), the proxies at these addresses or ranges, or as many hops as the number says. "true",
 * believing anyone, is refused: any client could then claim any address and dodge the rate limits.
 */
const trustProxySchema = z.string().transform((value, context): false | number | string[] => {
  const text = value.trim()
  if (text === 'false') return false
  if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text)
  const entries = text.split(',').map((entry) => entry.trim())
  if (entries.every((entry) => entry !== '' && isProxyAddress(entry))) return entries
  context.addIssue({
    code: 'custom',
    message:
      'must be false, the proxy’s addresses or CIDR ranges (comma-separated), or a hop count of 1 or more',
  })
  return z.NEVER
})

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')

/**
 * Variables whose values are never printed in a configuration error: secrets, and database addresses,
 * which usually hold a password.
 */
const UNPRINTED_VARIABLES = new Set([
  ...SECRET_NOTIFY_VARIABLES,
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'SESSION_SECRET',
  'VICTIM_HUB_ENCRYPTION_KEY',
  'VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS',
  'METRICS_TOKEN',
])

const environmentSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_READ_URL: postgresUrl.optional(),
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
  TRUST_PROXY: trustProxySchema.default(false),
  VICTIM_HUB_ENCRYPTION_KEY: encryptionKey.optional(),
  VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    )
    .refine((keys) => keys.every((key) => decodeKey(key) !== undefined), `each key ${KEY_MESSAGE}`)
    .default([]),
  VICTIM_HUB_AUDIT_CHECKPOINT: z.string().min(1).optional(),
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters (make one with: openssl rand -hex 32)')
    .optional(),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  /** A read replica of DATABASE_URL's database for reports (the needs assessment); unset = the main one. */
  databaseReadUrl: string | undefined
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
  /** Fastify's trustProxy: no proxy, the proxies' addresses, or a hop count. */
  trustProxy: false | number | string[]
  /**
   * The key that encrypts secrets kept in the database, and earlier keys still read during a rotation.
   * On the embedded database an unset key is made and kept in the data directory (runtime-secrets.ts).
   */
  encryption: { key: string | undefined; previousKeys: string[]; keyFile?: string }
  /** Where the audit log's checkpoint is kept, outside the database (in the data directory by default). */
  auditCheckpointFile: string | undefined
  /** The bearer token a Prometheus scraper sends to /metrics; unset = /metrics is not served (404). */
  metricsToken: string | undefined
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
          (UNPRINTED_VARIABLES.has(String(issue.path[0])) ? '' : ` (got "${env[String(issue.path[0])]}")`),
      ),
    )
  }
  const e = parsed.data
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError([
      'DATABASE_READ_URL: needs DATABASE_URL too: it names a read replica of a database server, and the embedded database has none',
    ])
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
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
    trustProxy: e.TRUST_PROXY,
    encryption: { key: e.VICTIM_HUB_ENCRYPTION_KEY, previousKeys: e.VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS },
    auditCheckpointFile: e.VICTIM_HUB_AUDIT_CHECKPOINT,
    metricsToken: e.METRICS_TOKEN,
  }
}
