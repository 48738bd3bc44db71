import * as vega from 'vega'
import * as vl from 'vega-lite'

/**
 * Charts rendered to SVG on the server with Vega-Lite, so a report reads without JavaScript, prints, and
 * saves to PDF. Vega-Lite was chosen over hand-written SVG for correct scales, axes and tick labels with
 * little code (about 60 ms for the first chart, a few ms after). Its SVG is post-processed so that:
 * - the chart is one image to assistive technology (role="img" with a <title> and <desc>); the data table
 *   printed beside every chart carries the numbers, so Vega's own per-mark ARIA attributes are removed;
 * - it has no fixed width/height, only a viewBox, so it scales to the column and to the printed page;
 * - the colours meet 3:1 contrast against white and the categories also differ by label, not colour alone.
 */

export const COLOURS = {
  'victim-based': '#1d70b8',
  society: '#b84f00',
  asb: '#505a5f',
  forecast: '#4c2c69',
  band: '#c6b8d6',
} as const

const FONT = 'Arial, Helvetica, sans-serif'

const baseConfig = {
  aria: false,
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    labelColor: '#0b0c0c',
    titleColor: '#0b0c0c',
    gridColor: '#dddddd',
  },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom', direction: 'vertical', labelLimit: 0 },
} as const

let counter = 0

/** Strips Vega's per-mark ARIA and fixed size, and names the chart for assistive technology. */
export function accessibleSvg(svg: string, title: string, description: string, idPrefix = 'chart'): string {
  counter = (counter + 1) % 1_000_000
  const id = `${idPrefix}-${counter}`
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const cleaned = svg
    .replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/<svg([^>]*?)\swidth="[\d.]+"\sheight="[\d.]+"/, '<svg$1')
  return cleaned.replace(
    /<svg([^>]*)>/,
    `<svg$1 role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" class="na-chart__svg"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`,
  )
}

async function render(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

export interface BarDatum {
  label: string
  value: number
  group: string
  groupLabel: string
}

/** Horizontal bars, one per label, coloured by group; order as given. */
export async function barChart(
  data: readonly BarDatum[],
  options: {
    title: string
    description: string
    valueTitle: string
    groups: Array<[string, string, string]>
    format?: string
  },
): Promise<string> {
  // An explicit label order (not a sort by field) keeps the two layers' domains identical.
  const order = data.map((d) => d.label)
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig,
    width: 420,
    height: { step: 22 },
    data: { values: [...data] },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelLimit: 0 } },
          x: { field: 'value', type: 'quantitative', title: options.valueTitle, axis: { format: ',~s' } },
          color: {
            field: 'groupLabel',
            type: 'nominal',
            title: null,
            scale: { domain: options.groups.map((g) => g[1]), range: options.groups.map((g) => g[2]) },
            // One colour needs no key: the axis title says what the bars are.
            legend: options.groups.length > 1 ? {} : null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 11, color: '#0b0c0c' },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: order },
          x: { field: 'value', type: 'quantitative' },
          text: { field: 'value', type: 'quantitative', format: options.format ?? ',.0f' },
        },
      },
    ],
  }
  return accessibleSvg(await render(spec), options.title, options.description, 'bars')
}

export interface TrendDatum {
  month: string
  observed: number | null
  forecast: number | null
  lower: number | null
  upper: number | null
}

/** Observed monthly counts as a line, the forecast as a dashed line inside its prediction band. */
export async function trendChart(
  data: readonly TrendDatum[],
  options: { title: string; description: string; valueTitle: string; bandLabel: string },
): Promise<string> {
  const values = data.map((d) => ({ ...d, date: `${d.month}-01` }))
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig,
    width: 560,
    height: 240,
    data: { values },
    encoding: {
      x: {
        field: 'date',
        type: 'temporal',
        timeUnit: 'yearmonth',
        title: null,
        axis: { format: '%b %Y', labelAngle: -40, tickCount: 'month' },
      },
    },
    layer: [
      {
        transform: [{ filter: 'datum.lower != null' }],
        mark: { type: 'area', color: COLOURS.band, opacity: 0.7 },
        encoding: {
          y: { field: 'lower', type: 'quantitative', title: options.valueTitle, axis: { format: ',d' } },
          y2: { field: 'upper' },
        },
      },
      {
        transform: [{ filter: 'datum.observed != null' }],
        mark: { type: 'line', color: COLOURS['victim-based'], strokeWidth: 2.5, point: { size: 40 } },
        encoding: { y: { field: 'observed', type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'datum.forecast != null' }],
        mark: { type: 'line', color: COLOURS.forecast, strokeDash: [6, 4], strokeWidth: 2.5 },
        encoding: { y: { field: 'forecast', type: 'quantitative' } },
      },
    ],
  }
  return accessibleSvg(await render(spec), options.title, options.description, 'trend')
}
