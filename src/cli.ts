import { Command, CommanderError } from 'commander'
import { register as registerApiKeys } from './cli/api-keys.ts'
import { register as registerAudit } from './cli/audit.ts'
import { CliError, createCliContext } from './cli/context.ts'
import { register as registerCreateUser } from './cli/create-user.ts'
import { register as registerDemoData } from './cli/demo-data.ts'
import { register as registerExportCases } from './cli/export-cases.ts'
import { register as registerExportReferrals } from './cli/export-referrals.ts'
import { register as registerHolidays } from './cli/holidays.ts'
import { register as registerImportCaseEvents } from './cli/import-case-events.ts'
import { register as registerImportCrimes } from './cli/import-crimes.ts'
import { register as registerImportPopulation } from './cli/import-population.ts'
import { register as registerImportReferrals } from './cli/import-referrals.ts'
import { register as registerMigrate } from './cli/migrate.ts'
import { register as registerNeedsAssessment } from './cli/needs-assessment.ts'
import { register as registerNotify } from './cli/notify.ts'
import { register as registerOrganisations } from './cli/organisations.ts'
import { register as registerSecrets } from './cli/secrets.ts'
import { register as registerSingleSignOn } from './cli/single-sign-on.ts'
import { register as registerTriage } from './cli/triage.ts'
import { register as registerWorker } from './cli/worker.ts'
import { ConfigError } from './config/config.ts'
import { isConnectionLost } from './db/database.ts'
import { DataDirectoryInUseError } from './db/embedded.ts'
import { InputError } from './services/errors.ts'

const program = new Command()
  .name('victim-hub')
  .description('Victim Hub command line: imports, exports, reports, accounts and maintenance')
  .showHelpAfterError()
  .exitOverride()

const context = createCliContext()
for (const register of [
  registerMigrate,
  registerCreateUser,
  registerAudit,
  registerOrganisations,
  registerApiKeys,
  registerSingleSignOn,
  registerSecrets,
  registerDemoData,
  registerImportCrimes,
  registerImportPopulation,
  registerNeedsAssessment,
  registerHolidays,
  registerTriage,
  registerImportReferrals,
  registerImportCaseEvents,
  registerExportReferrals,
  registerExportCases,
  registerNotify,
  registerWorker,
]) {
  register(program, context)
}

/**
 * Ends the command once standard output and error are written out: part of a large write to a pipe can
 * still be waiting in the stream, and process.exit would cut it off (a JSON report read by another
 * program ended mid-way on Node.js 24).
 */
async function exit(code: number): Promise<void> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
    ),
  )
  process.exit(code)
}

try {
  await program.parseAsync(process.argv)
  await exit(0)
} catch (error) {
  if (error instanceof CommanderError) await exit(error.exitCode)
  if (error instanceof InputError) {
    process.stderr.write(`Error: ${error.field}: ${error.message}\n`)
    await exit(2)
  }
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirectoryInUseError) {
    process.stderr.write(`${error.message}\n`)
    await exit(error instanceof CliError ? error.exitCode : 1)
  }
  if (isConnectionLost(error)) {
    process.stderr.write(
      `victim-hub lost its connection to the database (${(error as Error).message}). ` +
        'Everything stored before it is kept whole and nothing half-written is left: run the same command again to carry on.\n',
    )
    await exit(1)
  }
  process.stderr.write(`victim-hub failed: ${(error as Error).stack ?? String(error)}\n`)
  await exit(1)
}
