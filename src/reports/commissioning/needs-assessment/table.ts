/** The pieces a report section is made of: tables of formatted cells, and charts that carry their table. */

export interface Cell {
  text: string
  numeric?: boolean
}

export interface Table {
  id: string
  caption: string
  head: Cell[]
  rows: Cell[][]
}

/** A chart is never shown alone: its table, printed beside it, holds every figure the chart draws. */
export interface Chart {
  id: string
  title: string
  svg: string
  table: Table
  note?: string
}

export const num = (text: string): Cell => ({ text, numeric: true })
export const txt = (text: string): Cell => ({ text })
