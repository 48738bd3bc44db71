// The working-day calendar deadlines are counted on: the newest file an administrator imported with
// `victim-hub holidays import`, or the copy shipped with the code when none has been. Every process
// (web, worker, CLI) reads the database, so an import takes effect everywhere without a restart.
import { createHash } from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import {
  BankHolidayDataError,
  calendarFromGovUkJson,
  DEFAULT_DIVISION,
  loadDefaultCalendar,
  type WorkingDayCalendar,
} from '../../domain/calendar/bank-holidays.ts'
import {
  type CalendarMeta,
  findCalendar,
  insertCalendar,
  latestCalendarId,
} from '../../repositories/calendar.ts'
import type { Actor, AuditService } from '../audit.ts'

export type CalendarDescription = {
  source: 'imported' | 'built-in'
  division: string
  firstYear: number
  lastYear: number
  holidayCount: number
  imported: CalendarMeta | null
  upcoming: { date: string; title: string }[]
}

export function createCalendarService(pool: pg.Pool, audit: AuditService) {
  let cached: { id: number; calendar: WorkingDayCalendar; meta: CalendarMeta } | null = null

  async function loadCurrent(): Promise<{ calendar: WorkingDayCalendar; meta: CalendarMeta | null }> {
    const id = await latestCalendarId(pool)
    if (id === null) return { calendar: loadDefaultCalendar(), meta: null }
    if (cached?.id !== id) {
      const stored = await findCalendar(pool, id)
      if (!stored) return { calendar: loadDefaultCalendar(), meta: null }
      const { data, ...meta } = stored
      cached = { id, calendar: calendarFromGovUkJson(data, stored.division), meta }
    }
    return { calendar: cached.calendar, meta: cached.meta }
  }

  return {
    /** The calendar to count working days on now. Intake should use this for its deadlines too. */
    current: async (): Promise<WorkingDayCalendar> => (await loadCurrent()).calendar,

    describe: async (today: string): Promise<CalendarDescription> => {
      const { calendar, meta } = await loadCurrent()
      const upcoming = [...calendar.holidays]
        .filter(([date]) => date >= today)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .slice(0, 5)
        .map(([date, title]) => ({ date, title }))
      return {
        source: meta ? 'imported' : 'built-in',
        division: calendar.division,
        firstYear: calendar.firstYear,
        lastYear: calendar.lastYear,
        holidayCount: calendar.holidays.size,
        imported: meta,
        upcoming,
      }
    },

    /**
     * Validates a GOV.UK bank-holidays file and makes it the calendar in use. Refused (nothing stored)
     * with BankHolidayDataError naming the field when the file is not valid, or when it does not cover
     * the current year: a calendar that ends before today would leave every new deadline empty.
     */
    importFile: async (
      text: string,
      options: { sourceFile: string | null; currentYear: number },
      actor: Actor,
    ): Promise<CalendarMeta> => {
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (error) {
        throw new BankHolidayDataError('(root)', `not valid JSON (${(error as Error).message})`)
      }
      const calendar = calendarFromGovUkJson(json, DEFAULT_DIVISION)
      if (calendar.lastYear < options.currentYear || calendar.firstYear > options.currentYear) {
        throw new BankHolidayDataError(
          `${DEFAULT_DIVISION}.events`,
          `covers ${calendar.firstYear}-${calendar.lastYear}, which does not include this year (${options.currentYear})`,
        )
      }
      const division = (json as Record<string, unknown>)[DEFAULT_DIVISION]
      const values = {
        division: DEFAULT_DIVISION,
        firstYear: calendar.firstYear,
        lastYear: calendar.lastYear,
        holidayCount: calendar.holidays.size,
        // Only the division deadlines use is stored: Scotland's and Northern Ireland's lists do not apply.
        data: { [DEFAULT_DIVISION]: division },
        sha256: createHash('sha256').update(text).digest('hex'),
        sourceFile: options.sourceFile,
        importedByLabel: actor.label,
      }
      const id = await withTransaction(pool, async (client) => {
        const newId = await insertCalendar(client, values)
        await audit.recordWith(client, actor, {
          action: 'bank_holidays.imported',
          recordType: 'bank_holiday_calendar',
          recordId: String(newId),
          details: {
            firstYear: values.firstYear,
            lastYear: values.lastYear,
            holidays: values.holidayCount,
            sha256: values.sha256,
            sourceFile: values.sourceFile,
          },
        })
        return newId
      })
      const { data: _data, ...meta } = { ...values, id, importedAt: new Date() }
      return meta
    },
  }
}

export type CalendarService = ReturnType<typeof createCalendarService>
