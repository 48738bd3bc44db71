import type { FastifyInstance } from 'fastify'
import { Secret, TOTP } from 'otpauth'
import { loadConfig } from '../../src/config/config.ts'
import { createDemoOrganisations } from '../../src/demo/county.ts'
import type { Role } from '../../src/domain/staff/roles.ts'
import { setTotp } from '../../src/repositories/staff.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createServices, type Services } from '../../src/services/index.ts'
import { totpSecretContext } from '../../src/services/secrets/secret-box.ts'
import { createApp } from '../../src/web/app.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

export type TestApp = {
  app: FastifyInstance
  services: Services
  db: TestDatabase
  close: () => Promise<void>
}

export const TEST_PASSWORD = 'correct horse battery staple'
/** The key test hubs encrypt secrets with; `npm test` gives command-line runs the same one. */
export const TEST_ENCRYPTION_KEY =
  process.env.VICTIM_HUB_ENCRYPTION_KEY ?? Buffer.alloc(32, 1).toString('base64')

/** The real app over a fresh database of its own, with the demo county's organisations and teams. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase()
  const config = loadConfig({
    VICTIM_HUB_DEMO: 'false',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-for-signing',
    LOG_LEVEL: 'silent',
    SIGNIN_RATE_LIMIT_PER_MINUTE: '1000',
    VICTIM_HUB_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...env,
  })
  const services = createServices(db.pool, config)
  await createDemoOrganisations(db.pool)
  const app = await createApp(services, { logger: false })
  await app.ready()
  return {
    app,
    services,
    db,
    close: async () => {
      await app.close()
      await db.drop()
    },
  }
}

const DEFAULT_TEAMS: Record<Role, string> = {
  administrator: 'Hub administration',
  team_manager: 'First contact',
  hub_caseworker: 'First contact',
  specialist_worker: 'ISVA team',
  data_quality_officer: 'Data quality',
  police_referrer: 'Victim and witness unit',
  commissioner: 'Commissioning',
}

export type TestUser = { id: string; email: string; password: string; role: Role; totpSecret?: string }

/** A staff account; administrators get a second factor already set up, as a real one would have. */
export async function createStaffUser(
  services: Services,
  role: Role,
  team = DEFAULT_TEAMS[role],
): Promise<TestUser> {
  const email = `${role}.${Math.random().toString(36).slice(2, 8)}@hub.example`
  const id = await services.accounts.createUser(
    { email, displayName: `Test ${role}`, role, teamName: team, password: TEST_PASSWORD },
    SYSTEM_ACTOR,
  )
  if (role !== 'administrator') return { id, email, password: TEST_PASSWORD, role }
  const totpSecret = new Secret({ size: 20 }).base32
  await enableSecondFactor(services, id, totpSecret)
  return { id, email, password: TEST_PASSWORD, role, totpSecret }
}

/** Switches an authenticator on for an account, as finishing its set-up would. */
export async function enableSecondFactor(services: Services, userId: string, totpSecret: string) {
  await setTotp(services.pool, userId, services.secrets.seal(totpSecret, totpSecretContext(userId)), true)
}

export const totpCode = (secret: string) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate()
