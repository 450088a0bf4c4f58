/**
 * Histogram of a distribution whose bins were counted elsewhere (SQL), with the RFM cut points drawn as
 * vertical lines labelled with their values. Linear or log count axis.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { formatInt, formatNumber } from '../../i18n/format';
import { decimalsForStep, estimateTextWidth, type Margin, type Tick, plotFrame } from '../shared';

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface HistogramInput {
  bins: HistogramBin[];
  cuts: number[];
  width: number;
  height: number;
  /** What is on the x axis ("Days since last order"); placed under the axis. */
  label: string;
  /** Log count axis (counts 0 draw nothing; 1 draws a short bar). */
  logY?: boolean;
  locale?: string;
  margin?: Partial<Margin>;
  fontSize?: number;
}

export interface HistogramBar extends HistogramBin {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CutLine {
  value: number;
  x: number;
  y1: number;
  y2: number;
  text: string;
  /** Label position: centred on the line, above the plot; close labels are staggered onto a second row. */
  textX: number;
  textY: number;
}

export interface HistogramLayout {
  empty: boolean;
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  bars: HistogramBar[];
  /** `pos` = x in pixels; labels go under the plot at `xTickY`. */
  xTicks: Tick[];
  xTickY: number;
  /** `pos` = y in pixels; labels end at `yTickX`. */
  yTicks: Tick[];
  yTickX: number;
  cutLines: CutLine[];
  xLabel: { x: number; y: number; text: string };
  /** Data extent on x and the largest count. */
  xDomain: [number, number];
  maxCount: number;
  /** Maps an x value to pixels (for tests and overlays). */
  xScale: (v: number) => number;
  yScale: (count: number) => number;
}

const DEFAULT_MARGIN: Margin = { top: 34, right: 16, bottom: 42, left: 52 };
const LOG_FLOOR = 0.5;

export function histogramLayout(input: HistogramInput): HistogramLayout {
  const { label, logY = false, locale, fontSize = 11 } = input;
  const margin = { ...DEFAULT_MARGIN, ...input.margin };
  const { width, height, plot } = plotFrame(input, margin);
  const bottom = plot.y + plot.height;

  const bins = input.bins
    .filter((b) => Number.isFinite(b.x0) && Number.isFinite(b.x1) && Number.isFinite(b.count))
    .map((b) => ({ x0: Math.min(b.x0, b.x1), x1: Math.max(b.x0, b.x1), count: Math.max(0, b.count) }))
    .sort((a, b) => a.x0 - b.x0);

  let lo = Math.min(...bins.map((b) => b.x0));
  let hi = Math.max(...bins.map((b) => b.x1));
  if (bins.length === 0) {
    const cuts = input.cuts.filter(Number.isFinite);
    lo = cuts.length ? Math.min(...cuts) : 0;
    hi = cuts.length ? Math.max(...cuts) : 1;
  }
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const x = scaleLinear().domain([lo, hi]).range([plot.x, plot.x + plot.width]);
  const maxCount = Math.max(0, ...bins.map((b) => b.count));

  let y: ScaleContinuousNumeric<number, number>;
  let yTickValues: number[];
  if (logY) {
    const top = Math.max(1, maxCount);
    y = scaleLog().domain([LOG_FLOOR, top]).range([bottom, plot.y]).clamp(true);
    yTickValues = [];
    for (let p = 1; p <= top; p *= 10) yTickValues.push(p);
  } else {
    y = scaleLinear().domain([0, Math.max(1, maxCount)]).nice().range([bottom, plot.y]);
    yTickValues = y.ticks(5).filter(Number.isInteger);
  }
  const yPx = (count: number) => (logY && count < LOG_FLOOR ? bottom : y(count));

  const bars: HistogramBar[] = bins.map((b) => {
    const x0 = x(b.x0);
    const x1 = x(b.x1);
    const gap = x1 - x0 > 3 ? 1 : 0;
    const top = yPx(b.count);
    return { ...b, x: x0 + gap / 2, y: top, width: Math.max(0, x1 - x0 - gap), height: Math.max(0, bottom - top) };
  });

  const xt = x.ticks(Math.max(2, Math.min(10, Math.floor(plot.width / 70))));
  const xDigits = decimalsForStep(xt.length > 1 ? xt[1] - xt[0] : 1);
  const xTicks = xt.map((v) => ({ value: v, pos: x(v), text: formatNumber(v, locale, xDigits) }));
  const yTicks = yTickValues.map((v) => ({ value: v, pos: y(v), text: formatInt(v, locale) }));

  // Cut labels: the value, centred above its line; a label that would overlap the previous one on the first
  // row goes one row up; when it overlaps on both rows (cut points a few pixels apart), it moves right, on the
  // row that leaves it nearest its line, just clear of the label before it.
  const rowY = [plot.y - 6, plot.y - 6 - fontSize - 3];
  const lastRight = [-Infinity, -Infinity];
  const cutDigits = Math.max(2, xDigits + 1); // cut points are exact thresholds: show up to 2 decimals
  const cutLines: CutLine[] = input.cuts
    .filter((c) => Number.isFinite(c) && c >= lo && c <= hi)
    .sort((a, b) => a - b)
    .map((value) => {
      const px = x(value);
      const text = formatNumber(value, locale, cutDigits);
      const half = estimateTextWidth(text, fontSize) / 2;
      const fits = (r: number) => px - half >= lastRight[r] + 4;
      const row = fits(0) ? 0 : fits(1) ? 1 : lastRight[0] <= lastRight[1] ? 0 : 1;
      const textX = fits(row) ? px : lastRight[row] + 4 + half;
      lastRight[row] = textX + half;
      return { value, x: px, y1: plot.y, y2: bottom, text, textX, textY: rowY[row] };
    });

  return {
    empty: bins.length === 0,
    width,
    height,
    plot,
    bars,
    xTicks,
    xTickY: bottom + fontSize + 6,
    yTicks,
    yTickX: plot.x - 6,
    cutLines,
    xLabel: { x: plot.x + plot.width / 2, y: bottom + 2 * fontSize + 16, text: label },
    xDomain: [lo, hi],
    maxCount,
    xScale: (v: number) => x(v),
    yScale: yPx,
  };
}
