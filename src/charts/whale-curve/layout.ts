/**
 * Whale curve (Kaplan & Cooper): customers sorted by profit, most profitable first; x = cumulative share of
 * customers, y = cumulative share of total profit. The curve rises above 100 % while customers add profit
 * and falls back to 100 % as the loss-makers subtract it; the peak is where the loss-makers begin.
 */
import { peakSentenceLabelsEn } from '../../i18n/en';
import { line, scaleLinear } from 'd3';
import { formatPercent } from '../../i18n/format';
import { decimalsForStep, type Margin, type Tick, plotFrame } from '../shared';

export interface WhalePoint {
  /** Cumulative share of customers (fraction, rising to 1). */
  cumCustomerShare: number;
  /** Cumulative share of total profit (fraction; 1 = 100 % at the end, above 1 before the loss-makers). */
  cumProfitShare: number;
}

export interface WhaleOptions {
  width: number;
  height: number;
  locale?: string;
  margin?: Partial<Margin>;
}

export interface WhalePeak {
  customerShare: number;
  profitShare: number;
}

export interface WhaleCurveLayout {
  empty: false;
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  /** SVG path of the curve, starting at (0 %, 0 %). */
  path: string;
  /** The 100 %-of-profit reference line. */
  hundredLine: { x1: number; x2: number; y: number };
  /** The 0 % line (the x axis when the curve dips below zero it stays visible). */
  zeroLine: { x1: number; x2: number; y: number };
  /** The point of largest cumulative profit share (first one on ties), in data and pixel units. */
  peak: WhalePeak & { x: number; y: number };
  /** Pixel x of the peak (for the vertical marker). */
  peakX: number;
  xTicks: Tick[];
  yTicks: Tick[];
}

export type WhaleCurveResult = WhaleCurveLayout | { empty: true; reason: 'nonPositiveTotal' | 'noPoints' };

const DEFAULT_MARGIN: Margin = { top: 12, right: 16, bottom: 40, left: 52 };

/**
 * `points` sorted by customer profit, most profitable first (re-sorted by cumCustomerShare to be safe);
 * `totalProfit` is the sum of all customers' profit. A share of a non-positive total means nothing, so then
 * the result is `{ empty: true, reason: 'nonPositiveTotal' }`; with no finite point, `reason: 'noPoints'`.
 */
export function whaleCurveLayout(points: readonly WhalePoint[], totalProfit: number, options: WhaleOptions): WhaleCurveResult {
  if (!(totalProfit > 0)) return { empty: true, reason: 'nonPositiveTotal' };
  const pts = points
    .filter((p) => Number.isFinite(p.cumCustomerShare) && Number.isFinite(p.cumProfitShare))
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => a.cumCustomerShare - b.cumCustomerShare || a.i - b.i);
  if (pts.length === 0) return { empty: true, reason: 'noPoints' };

  const { locale } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);

  let peak: WhalePeak = { customerShare: pts[0].cumCustomerShare, profitShare: pts[0].cumProfitShare };
  for (const p of pts) if (p.cumProfitShare > peak.profitShare) peak = { customerShare: p.cumCustomerShare, profitShare: p.cumProfitShare };

  const ys = pts.map((p) => p.cumProfitShare);
  const x = scaleLinear().domain([0, 1]).range([plot.x, plot.x + plot.width]);
  const y = scaleLinear()
    .domain([Math.min(0, ...ys), Math.max(1, ...ys)])
    .nice()
    .range([plot.y + plot.height, plot.y]);

  const curve: [number, number][] = pts.map((p) => [p.cumCustomerShare, p.cumProfitShare]);
  if (curve[0][0] > 0) curve.unshift([0, 0]);
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))(curve) ?? '';

  const xt = x.ticks(5);
  const yt = y.ticks(6);
  const xDigits = Math.max(0, decimalsForStep(xt[1] - xt[0]) - 2);
  const yDigits = Math.max(0, decimalsForStep(yt.length > 1 ? yt[1] - yt[0] : 1) - 2);
  return {
    empty: false,
    width,
    height,
    plot,
    path,
    hundredLine: { x1: plot.x, x2: plot.x + plot.width, y: y(1) },
    zeroLine: { x1: plot.x, x2: plot.x + plot.width, y: y(0) },
    peak: { ...peak, x: x(peak.customerShare), y: y(peak.profitShare) },
    peakX: x(peak.customerShare),
    xTicks: xt.map((v) => ({ value: v, pos: x(v), text: formatPercent(v, locale, xDigits) })),
    yTicks: yt.map((v) => ({ value: v, pos: y(v), text: formatPercent(v, locale, yDigits) })),
  };
}

/** Text of the whale-curve sentence; the app passes its own. */
export interface PeakSentenceLabels {
  /** "The most profitable X of customers earn Y of the profit; the rest lose Z." (formatted percentages) */
  peak: (customers: string, profit: string, loss: string) => string;
  /** When no customer loses money (the peak is the end of the curve at 100 %). */
  noLoss: (customers: string, profit: string) => string;
}


export interface PeakSentence {
  /** X: share of customers up to the peak, in percent (50 = 50 %). */
  customersPct: number;
  /** Y: their share of total profit, in percent (150 = 150 %). */
  profitPct: number;
  /** Z = Y − 100: the share of total profit the remaining customers lose, in percent (0 when none). */
  lossPct: number;
  text: string;
}

const pct = (share: number) => Math.round(share * 100 * 1e9) / 1e9;

/** The figures (and sentence) of the peak: X % of customers earn Y % of the profit; the rest lose Z = Y − 100 %. */
export function peakSentence(peak: WhalePeak, labels: PeakSentenceLabels = peakSentenceLabelsEn, locale?: string): PeakSentence {
  const customersPct = pct(peak.customerShare);
  const profitPct = pct(peak.profitShare);
  const lossPct = Math.max(0, pct(peak.profitShare - 1));
  const fx = formatPercent(peak.customerShare, locale);
  const fy = formatPercent(peak.profitShare, locale);
  const text = lossPct > 0 ? labels.peak(fx, fy, formatPercent(peak.profitShare - 1, locale)) : labels.noLoss(fx, fy);
  return { customersPct, profitPct, lossPct, text };
}

export { peakSentenceLabelsEn };
