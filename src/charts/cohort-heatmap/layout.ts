/**
 * The cohort retention triangle: one row per acquisition cohort (in calendar order), one column per period
 * since acquisition (0 … the largest given), each cell coloured by retention or by revenue per cohort
 * customer. Cells the input lacks (beyond the triangle) are absent, not drawn as zero.
 *
 * Colour domain: period 0 is 100 % retention by definition, so a domain up to 1 would squeeze every later
 * period into the pale end of the ramp. The domain is [0, the largest value over periods ≥ 1] and values above
 * it (period 0) are clamped to the darkest colour; with no period ≥ 1, the values of period 0 set it. The same
 * rule holds for revenue per customer (period 0 holds the first, usually largest, orders).
 */
import { interpolateBlues, interpolateGreens, scaleBand } from 'd3';
import { formatInt, formatPercent } from '../../i18n/format';
import type { CohortCell } from '../lifecycle-types';
import { cellShape, finiteExtent, sequentialColor, type CellShape, type Margin, type Tick, plotFrame } from '../shared';

export type CohortMode = 'retention' | 'revenue';

export interface CohortHeatmapOptions {
  width: number;
  height: number;
  mode: CohortMode;
  locale?: string;
  /** Room for the row labels ("1997-01 · 7,814") and the period ticks (default top 28, right 8, bottom 8, left 120). */
  margin?: Partial<Margin>;
  fontSize?: number;
}

/** A cell; its `text` is the value: "31%", or a whole amount per customer. */
export interface CohortCellShape extends CohortCell, CellShape {
  /** Retention, or revenue / cohort_customers, as the mode says (NaN without cohort customers). */
  value: number;
}

export interface CohortRow {
  cohort: string;
  customers: number;
  /** The cohort size, formatted (the row label is the chart's words around it). */
  customersText: string;
  /** Centre y of the row; the label ends at `labelX`. */
  y: number;
  labelX: number;
}

export interface CohortHeatmapLayout {
  empty: boolean;
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  rows: CohortRow[];
  /** Periods 0..max above the columns: `pos` = column centre; labels at `y`. */
  periodTicks: (Tick & { y: number })[];
  /** Cohorts in order, periods ascending within a cohort. */
  cells: CohortCellShape[];
  colorDomain: [number, number] | null;
}

const DEFAULT_MARGIN: Margin = { top: 28, right: 8, bottom: 8, left: 120 };

/** The colour figure of a cell in a mode: retention, or revenue per cohort customer. */
export function cohortValue(c: CohortCell, mode: CohortMode): number {
  if (mode === 'retention') return c.retention;
  return c.cohort_customers > 0 ? c.revenue / c.cohort_customers : NaN;
}

/** The colour domain: [min(0, lowest), max(0, highest)] over periods ≥ 1 (or over period 0 when there is no later one). */
export function cohortColorDomain(cells: readonly CohortCell[], mode: CohortMode): [number, number] | null {
  const later = cells.filter((c) => c.period >= 1);
  const e = finiteExtent((later.length ? later : cells).map((c) => cohortValue(c, mode)));
  return e ? [Math.min(0, e[0]), Math.max(0, e[1])] : null;
}

/** Throws RangeError when a (cohort, period) is given twice; cells with a period that is not a whole number ≥ 0 are ignored. */
export function cohortHeatmapLayout(input: readonly CohortCell[], options: CohortHeatmapOptions): CohortHeatmapLayout {
  const { mode, locale, fontSize = 11 } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);

  const seen = new Set<string>();
  const cells = input.filter((c) => Number.isInteger(c.period) && c.period >= 0);
  for (const c of cells) {
    const key = `${c.cohort}|${c.period}`;
    if (seen.has(key)) throw new RangeError(`cohortHeatmapLayout: cohort ${c.cohort}, period ${c.period} given twice`);
    seen.add(key);
  }
  cells.sort((a, b) => (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : a.period - b.period));

  const cohorts = [...new Set(cells.map((c) => c.cohort))];
  const maxPeriod = cells.reduce((m, c) => Math.max(m, c.period), -1);
  const periods = Array.from({ length: maxPeriod + 1 }, (_, i) => i);
  const x = scaleBand<number>().domain(periods).range([plot.x, plot.x + plot.width]).paddingInner(0.04);
  const y = scaleBand<string>().domain(cohorts).range([plot.y, plot.y + plot.height]).paddingInner(0.04);

  const colorDomain = cohortColorDomain(cells, mode);
  const color = sequentialColor(colorDomain, mode === 'retention' ? interpolateBlues : interpolateGreens);

  const shapes = cells.map((c): CohortCellShape => {
    const value = cohortValue(c, mode);
    const text = mode === 'retention' ? formatPercent(value, locale, 0) : formatInt(value, locale);
    return { ...c, value, ...cellShape(x(c.period)!, y(c.cohort)!, x.bandwidth(), y.bandwidth(), color(value), text, fontSize) };
  });

  const size = new Map<string, number>();
  for (const c of cells) if (!size.has(c.cohort)) size.set(c.cohort, c.cohort_customers);
  return {
    empty: cells.length === 0,
    width,
    height,
    plot,
    rows: cohorts.map((cohort) => ({
      cohort,
      customers: size.get(cohort)!,
      customersText: formatInt(size.get(cohort)!, locale),
      y: y(cohort)! + y.bandwidth() / 2,
      labelX: plot.x - 6,
    })),
    periodTicks: periods.map((p) => ({ value: p, pos: x(p)! + x.bandwidth() / 2, text: String(p), y: plot.y - 6 })),
    cells: shapes,
    colorDomain,
  };
}
