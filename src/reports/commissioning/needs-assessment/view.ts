import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { crimeMixChart } from './crime-mix.ts'
import { demandTables } from './demand.ts'
import { districtRatesChart } from './districts.ts'
import { periodText } from './format.ts'
import { type HeadlineFigure, headlineFigures } from './headline.ts'
import {
  type AssumptionRow,
  assumptionRows,
  inputFilesTable,
  type MethodNote,
  methodNotes,
} from './methods.ts'
import type { Chart, Table } from './table.ts'
import { monthlyTrendChart } from './trend.ts'

export type { Cell, Chart, Table } from './table.ts'

/** What the report template shows: every number formatted, every chart with its table. */
export interface ReportView {
  title: string
  period: string
  generatedAt: string
  headline: HeadlineFigure[]
  charts: Chart[]
  tables: Table[]
  assumptions: AssumptionRow[]
  methods: MethodNote[]
  notes: string[]
  inputs: Table
}

const generatedAtFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
})

/** The whole report's view, one presenter per section of the page, in the order the page shows them. */
export async function needsAssessmentView(r: NeedsAssessment): Promise<ReportView> {
  // The charts are drawn one after another, in page order (each SVG numbers its ids as it is drawn).
  const charts = [await crimeMixChart(r), await monthlyTrendChart(r), await districtRatesChart(r)]
  return {
    title: `Victim needs assessment: ${r.force.name}`,
    period: periodText(r),
    generatedAt: `${generatedAtFormat.format(new Date(r.generatedAt))} (UK time)`,
    headline: headlineFigures(r),
    charts,
    tables: demandTables(r),
    assumptions: assumptionRows(r),
    methods: methodNotes(r),
    notes: r.notes,
    inputs: inputFilesTable(r),
  }
}
