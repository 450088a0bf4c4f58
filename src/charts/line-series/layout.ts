/**
 * Several lines over a shared linear x and y (cohort revenue, model checks, P(alive) by recency): the
 * charts-specific layouts turn their rows into series and read back plain shapes: one path per series,
 * its points in pixels, ticks, vertical reference rules and the axis-title positions.
 */
import { line, scaleLinear } from 'd3';
import { formatNumber } from '../../i18n/format';
import { decimalsForStep, finiteExtent, type Margin, type Tick, plotFrame } from '../shared';

export interface SeriesPoint {
  x: number;
  y: number;
  /** Accessible name / read-out of the point (the chart's own words). */
  label?: string;
}

export interface SeriesInput {
  key: string;
  /** Legend text. */
  label: string;
  color: string;
  dashed?: boolean;
  points: readonly SeriesPoint[];
}

export interface LineSeriesOptions {
  width: number;
  height: number;
  locale?: string;
  margin?: Partial<Margin>;
  /** Fixed domains; otherwise the extent of the points (y from 0 when all are positive), niced. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Tick values on x (default d3's ticks) and their text (default formatNumber). */
  xTickValues?: readonly number[];
  xTickText?: (v: number) => string;
  yTickText?: (v: number) => string;
  /** Vertical rules at data x, each labelled (e.g. the end of calibration). */
  rules?: readonly { value: number; text: string }[];
  fontSize?: number;
}

export interface SeriesShape {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
  /** SVG path through the points in x order ('' when there is none). */
  path: string;
  points: (SeriesPoint & { px: number; py: number })[];
}

export interface RuleShape {
  value: number;
  x: number;
  y1: number;
  y2: number;
  text: string;
  textX: number;
  textY: number;
}

export interface LineSeriesLayout {
  /** No finite point in any series. */
  empty: boolean;
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  series: SeriesShape[];
  xTicks: Tick[];
  yTicks: Tick[];
  rules: RuleShape[];
  /** Baseline of the x tick labels; centre of the x title; centre of the (rotated) y title. */
  xTickY: number;
  xTitle: { x: number; y: number };
  yTitle: { x: number; y: number };
  xScale: (v: number) => number;
  yScale: (v: number) => number;
}

const DEFAULT_MARGIN: Margin = { top: 16, right: 16, bottom: 44, left: 60 };

function domainOf(values: number[], fixed: [number, number] | undefined, fromZero: boolean): [number, number] {
  if (fixed) return fixed;
  const e = finiteExtent(values) ?? [0, 1];
  let [lo, hi] = fromZero ? [Math.min(0, e[0]), Math.max(0, e[1])] : e;
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/** Lays out `series` (points with non-finite x or y are dropped; each series is drawn in x order). */
export function lineSeriesLayout(series: readonly SeriesInput[], options: LineSeriesOptions): LineSeriesLayout {
  const { locale, fontSize = 11 } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);
  const bottom = plot.y + plot.height;

  const clean = series.map((s) => ({
    ...s,
    points: s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x),
  }));
  const all = clean.flatMap((s) => s.points);
  const x = scaleLinear().domain(domainOf(all.map((p) => p.x), options.xDomain, false)).range([plot.x, plot.x + plot.width]);
  const y = scaleLinear().domain(domainOf(all.map((p) => p.y), options.yDomain, true)).range([bottom, plot.y]);
  if (!options.xDomain && !options.xTickValues) x.nice();
  // The same count as the ticks, so that the top tick is the top of the plot.
  if (!options.yDomain) y.nice(5);

  const path = line<{ px: number; py: number }>()
    .x((p) => p.px)
    .y((p) => p.py);
  const shapes: SeriesShape[] = clean.map((s) => {
    const points = s.points.map((p) => ({ ...p, px: x(p.x), py: y(p.y) }));
    return { key: s.key, label: s.label, color: s.color, dashed: s.dashed ?? false, path: points.length ? (path(points) ?? '') : '', points };
  });

  const xt = options.xTickValues ? [...options.xTickValues] : x.ticks(Math.max(2, Math.min(10, Math.floor(plot.width / 60))));
  const yt = y.ticks(5);
  const xDigits = decimalsForStep(xt.length > 1 ? xt[1] - xt[0] : 1);
  const yDigits = decimalsForStep(yt.length > 1 ? yt[1] - yt[0] : 1);
  const xText = options.xTickText ?? ((v: number) => formatNumber(v, locale, xDigits));
  const yText = options.yTickText ?? ((v: number) => formatNumber(v, locale, yDigits));

  const rules = (options.rules ?? [])
    .filter((r) => Number.isFinite(r.value))
    .map((r) => ({ value: r.value, x: x(r.value), y1: plot.y, y2: bottom, text: r.text, textX: x(r.value) + 4, textY: plot.y + fontSize }));

  return {
    empty: all.length === 0,
    width,
    height,
    plot,
    series: shapes,
    xTicks: xt.map((v) => ({ value: v, pos: x(v), text: xText(v) })),
    yTicks: yt.map((v) => ({ value: v, pos: y(v), text: yText(v) })),
    rules,
    xTickY: bottom + fontSize + 6,
    xTitle: { x: plot.x + plot.width / 2, y: bottom + 2 * fontSize + 16 },
    yTitle: { x: Math.max(fontSize, plot.x - 44), y: plot.y + plot.height / 2 },
    xScale: (v: number) => x(v),
    yScale: (v: number) => y(v),
  };
}

/** Whole-number ticks 0..max, every k-th so that there are at most `most` of them. */
export function integerTicks(max: number, most: number): number[] {
  const step = Math.max(1, Math.ceil((max + 1) / Math.max(1, most)));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return ticks;
}
