/**
 * Timeline of one customer's orders: x = order date (UTC days) from the first order to the analysis date,
 * one vertical stem per order from the zero line to its net amount; orders below zero (returns) point down.
 */
import { scaleLinear, scaleUtc } from 'd3';
import { formatNumber } from '../../i18n/format';
import { decimalsForStep, type Margin, type Tick, plotFrame } from '../shared';

export interface TimelineOrder {
  /** YYYY-MM-DD. */
  order_date: string;
  net: number;
}

export interface TimelineOptions {
  width: number;
  height: number;
  /** YYYY-MM-DD: the right end of the time axis. */
  analysisDate: string;
  margin?: Partial<Margin>;
  locale?: string;
  /** Approximate number of date ticks (default: one per 90 px of plot width, at least 2). */
  xTickCount?: number;
  /** Approximate number of amount ticks (default 4). */
  yTickCount?: number;
}

export interface TimelineStem {
  /** Index of the order in the input. */
  index: number;
  x: number;
  /** Pixel y of the zero line. */
  y0: number;
  /** Pixel y of the net amount. */
  y1: number;
  /** Net amount below zero (drawn below the axis, in the return colour). */
  negative: boolean;
}

export interface TimelineLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  /** Time domain as YYYY-MM-DD: first order and analysis date (widened to one day when they coincide). */
  from: string;
  to: string;
  /** Pixel x of the analysis date (the right end of the axis). */
  analysisX: number;
  /** Pixel y of the zero line (the time axis). */
  zeroY: number;
  /** One per order with a valid date and a finite amount, in input order. */
  stems: TimelineStem[];
  /** `value` = ms since the epoch (UTC midnight); `text` = YYYY, YYYY-MM or YYYY-MM-DD, whichever the ticks need. */
  xTicks: Tick[];
  yTicks: Tick[];
}

const DAY = 86_400_000;
const DEFAULT_MARGIN: Margin = { top: 10, right: 16, bottom: 24, left: 60 };

/** UTC midnight of a YYYY-MM-DD day (anything after the day is ignored), or null. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a UTC time. */
export function isoDay(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Tick labels as short as the ticks allow: years when all fall on 1 January, months when all on the 1st, else days. */
export function dateTickTexts(times: readonly number[]): string[] {
  const ds = times.map((t) => new Date(t));
  if (ds.every((d) => d.getUTCMonth() === 0 && d.getUTCDate() === 1)) return ds.map((d) => String(d.getUTCFullYear()));
  if (ds.every((d) => d.getUTCDate() === 1)) return ds.map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
  return times.map(isoDay);
}

export function timelineLayout(orders: readonly TimelineOrder[], options: TimelineOptions): TimelineLayout {
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);

  const valid = orders
    .map((o, index) => ({ index, t: parseDay(o.order_date), net: o.net }))
    .filter((o): o is { index: number; t: number; net: number } => o.t !== null && Number.isFinite(o.net));

  // Loops, not Math.min(...xs): a customer may have more orders than a call takes arguments.
  let first = Infinity;
  let last = -Infinity;
  let lo = 0;
  let hi = 0;
  for (const o of valid) {
    if (o.t < first) first = o.t;
    if (o.t > last) last = o.t;
    if (o.net < lo) lo = o.net;
    if (o.net > hi) hi = o.net;
  }
  const analysis = parseDay(options.analysisDate);
  let start = valid.length ? first : (analysis ?? 0) - DAY;
  let end = Math.max(analysis ?? -Infinity, last);
  if (!Number.isFinite(end)) end = start + DAY;
  if (end <= start) {
    // One day only: give it a day of width so the stem is not on the edge of a zero-width axis.
    start = Math.min(start, end);
    end = start + DAY;
  }

  const x = scaleUtc().domain([new Date(start), new Date(end)]).range([plot.x, plot.x + plot.width]);
  const yTickCount = options.yTickCount ?? 4;
  const y = scaleLinear()
    .domain(lo === hi ? [0, 1] : [lo, hi])
    .nice(yTickCount)
    .range([plot.y + plot.height, plot.y]);

  const xTickCount = options.xTickCount ?? Math.max(2, Math.round(plot.width / 90));
  const xt = x.ticks(xTickCount).map((d) => d.getTime());
  const xTexts = dateTickTexts(xt);
  const yt = y.ticks(yTickCount);
  const yDigits = decimalsForStep(yt.length > 1 ? yt[1] - yt[0] : 1);
  const locale = options.locale;

  return {
    width,
    height,
    plot,
    from: isoDay(start),
    to: isoDay(end),
    analysisX: x(new Date(end)),
    zeroY: y(0),
    stems: valid.map((o) => ({ index: o.index, x: x(new Date(o.t)), y0: y(0), y1: y(o.net), negative: o.net < 0 })),
    xTicks: xt.map((v, i) => ({ value: v, pos: x(new Date(v)), text: xTexts[i] })),
    yTicks: yt.map((v) => ({ value: v, pos: y(v), text: formatNumber(v, locale, yDigits) })),
  };
}
