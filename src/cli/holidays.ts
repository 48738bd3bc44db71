import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { BankHolidayDataError } from '../domain/calendar/bank-holidays.ts'
import { londonDate } from '../domain/calendar/working-days.ts'
import { type CliContext, CliError, cliActor } from './context.ts'

export function register(program: Command, context: CliContext) {
  const holidays = program
    .command('holidays')
    .description('the England and Wales bank holidays that working-day deadlines are counted on')
  holidays
    .command('import <file>')
    .description('check a GOV.UK bank-holidays JSON file (https://www.gov.uk/bank-holidays.json) and use it')
    .action(async (file: string) => {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, 2)
      }
      await context.withServices(async (services) => {
        try {
          const stored = await services.calendar.importFile(
            text,
            { sourceFile: basename(file), currentYear: Number(londonDate(new Date()).slice(0, 4)) },
            cliActor(),
          )
          console.log(
            `Imported ${stored.holidayCount} bank holidays for ${stored.division}, ` +
              `${stored.firstYear} to ${stored.lastYear}. Deadlines now use this calendar.`,
          )
        } catch (error) {
          if (error instanceof BankHolidayDataError) {
            throw new CliError(`Refused ${file}: ${error.message}. Nothing was changed.`, 2)
          }
          throw error
        }
      })
    })
  holidays
    .command('show')
    .description('which bank holidays are in use: source, years covered and the next few')
    .action(async () => {
      await context.withServices(async (services) => {
        const today = londonDate(new Date())
        const d = await services.calendar.describe(today)
        console.log(
          d.imported
            ? `Imported ${d.imported.importedAt.toISOString()} by ${d.imported.importedByLabel}` +
                ` from ${d.imported.sourceFile ?? 'a file'} (sha256 ${d.imported.sha256.slice(0, 12)})`
            : 'Built-in copy of the GOV.UK data (no file imported)',
        )
        console.log(`Division: ${d.division}`)
        console.log(`Years covered: ${d.firstYear} to ${d.lastYear} (${d.holidayCount} bank holidays)`)
        if (Number(today.slice(0, 4)) >= d.lastYear) {
          console.log(`Warning: deadlines after ${d.lastYear} cannot be counted; import a newer file.`)
        }
        console.log('Next bank holidays:')
        for (const h of d.upcoming) console.log(`  ${h.date}  ${h.title}`)
        if (d.upcoming.length === 0) console.log('  none in the data')
      })
    })
}
