/**
 * Recency × frequency heat map: a k × k grid (k = 3..5) of RFM score cells. Recency score R runs along x
 * (1 left … k right), frequency score F along y (k at the top … 1 at the bottom), so the best customers
 * (R k, F k) are in the top-right corner. Each cell shows its customer count; colour follows the chosen metric.
 */
import { scaleBand, interpolateBlues } from 'd3';
import { formatInt } from '../../i18n/format';
import { EMPTY_FILL, estimateTextWidth, finiteExtent, sequentialColor, textColorOn, type CellShape, type Margin, type Tick, plotFrame } from '../shared';

export interface RfCell {
  r: number;
  f: number;
  customers: number;
  revenue: number;
  avgMonetary: number;
}

export type RfMetric = 'customers' | 'revenue' | 'avgMonetary';

export interface RfGridOptions {
  /** Scores per axis, an integer 3..5. */
  bins: number;
  metric: RfMetric;
  width: number;
  height: number;
  locale?: string;
  /** Room for ticks and axis titles (default top 8, right 8, bottom 40, left 48). */
  margin?: Partial<Margin>;
  fontSize?: number;
  interpolate?: (t: number) => string;
}

/** A cell; its `text` is the customer count, formatted. */
export interface RfGridCellShape extends CellShape {
  r: number;
  f: number;
  customers: number;
  revenue: number;
  avgMonetary: number;
  /** The metric's figure; NaN for average monetary value of a cell with no customers. */
  value: number;
  /** True for a cell with no customers (given as 0 or missing from the input). */
  empty: boolean;
}

export interface RfGridLayout {
  width: number;
  height: number;
  bins: number;
  /** The area the cells occupy. */
  plot: { x: number; y: number; width: number; height: number };
  /** Cells in reading order: top row (F = k) first, R ascending within a row. Always k × k of them. */
  cells: RfGridCellShape[];
  /** R scores 1..k, `pos` = cell centre x; `y` = baseline of the tick labels. */
  xTicks: (Tick & { y: number })[];
  /** F scores k..1 from the top, `pos` = cell centre y; `x` = right edge of the tick labels. */
  yTicks: (Tick & { x: number })[];
  /** Centre of the x-axis title (under the ticks). */
  xTitle: { x: number; y: number };
  /** Centre of the y-axis title (left of the ticks, to be rotated −90°). */
  yTitle: { x: number; y: number };
  colorDomain: [number, number] | null;
}

const DEFAULT_MARGIN: Margin = { top: 8, right: 8, bottom: 40, left: 48 };

function metricValue(c: RfCell, metric: RfMetric): number {
  if (metric === 'avgMonetary') return c.customers > 0 ? c.avgMonetary : NaN;
  return c[metric];
}

/**
 * Throws RangeError when `bins` is not an integer 3..5, or when a cell's (r, f) is given twice. Cells whose
 * scores fall outside 1..bins are ignored; missing cells count as 0 customers.
 */
export function rfGridLayout(cells: readonly RfCell[], options: RfGridOptions): RfGridLayout {
  const { bins: k, metric, locale, fontSize = 12, interpolate = interpolateBlues } = options;
  if (!Number.isInteger(k) || k < 3 || k > 5) throw new RangeError(`rfGridLayout: bins must be 3, 4 or 5, not ${k}`);
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);

  const byKey = new Map<string, RfCell>();
  for (const c of cells) {
    if (!Number.isInteger(c.r) || !Number.isInteger(c.f) || c.r < 1 || c.r > k || c.f < 1 || c.f > k) continue;
    const key = `${c.r},${c.f}`;
    if (byKey.has(key)) throw new RangeError(`rfGridLayout: cell R ${c.r}, F ${c.f} given twice`);
    byKey.set(key, c);
  }

  const scores = Array.from({ length: k }, (_, i) => i + 1);
  const x = scaleBand<number>().domain(scores).range([plot.x, plot.x + plot.width]).paddingInner(0.04);
  const y = scaleBand<number>().domain([...scores].reverse()).range([plot.y, plot.y + plot.height]).paddingInner(0.04);

  const full: RfCell[] = [];
  for (const f of [...scores].reverse())
    for (const r of scores) full.push(byKey.get(`${r},${f}`) ?? { r, f, customers: 0, revenue: 0, avgMonetary: 0 });

  const isEmpty = (c: RfCell) => !(c.customers > 0);
  const colorDomain = finiteExtent(full.filter((c) => !isEmpty(c)).map((c) => metricValue(c, metric)));
  const color = sequentialColor(colorDomain, interpolate);

  const shapes = full.map((c): RfGridCellShape => {
    const empty = isEmpty(c);
    const value = metricValue(c, metric);
    const fill = empty ? EMPTY_FILL : color(value);
    const cx = x(c.r)!;
    const cy = y(c.f)!;
    const w = x.bandwidth();
    const h = y.bandwidth();
    const text = formatInt(Number.isFinite(c.customers) ? c.customers : 0, locale);
    return {
      r: c.r,
      f: c.f,
      x: cx,
      y: cy,
      width: w,
      height: h,
      customers: c.customers,
      revenue: c.revenue,
      avgMonetary: c.avgMonetary,
      value,
      empty,
      fill,
      textFill: textColorOn(fill),
      text,
      textX: cx + w / 2,
      textY: cy + h / 2 + fontSize * 0.35,
      showText: estimateTextWidth(text, fontSize) + 4 <= w && fontSize + 4 <= h,
    };
  });

  const bottom = plot.y + plot.height;
  return {
    width,
    height,
    bins: k,
    plot,
    cells: shapes,
    xTicks: scores.map((s) => ({ value: s, pos: x(s)! + x.bandwidth() / 2, text: String(s), y: bottom + fontSize + 4 })),
    yTicks: [...scores].reverse().map((s) => ({ value: s, pos: y(s)! + y.bandwidth() / 2, text: String(s), x: plot.x - 8 })),
    xTitle: { x: plot.x + plot.width / 2, y: bottom + 2 * fontSize + 12 },
    yTitle: { x: Math.max(fontSize, plot.x - 8 - fontSize - 16), y: plot.y + plot.height / 2 },
    colorDomain,
  };
}
