/**
 * Two checks of a fitted repeat-purchase model (BG/NBD, Fader, Hardie & Lee 2005), drawn as the paper does:
 * (a) cumulative repeat transactions week by week, observed (solid) and predicted (dashed), with a rule at the
 * end of the calibration period; (b) mean transactions in the holdout period by number of repeat purchases in
 * calibration (0 … 6, 7+), observed and predicted, as lines with points.
 */
import type { HoldoutByFrequency, ModelCheckWeek } from '../lifecycle-types';
import { palette } from '../palette';
import { integerTicks, lineSeriesLayout, type LineSeriesLayout, type LineSeriesOptions, type SeriesPoint } from '../line-series/layout';

/** Text the layouts put into shapes: series names, the rule's label, point names. */
export interface ModelCheckText {
  actual: string;
  predicted: string;
  /** Label of the calibration-end rule. */
  calibrationEnd?: string;
  /** Accessible name of a point (series name, x text, value in data units). */
  point?: (series: string, x: string, value: number) => string;
}

export type ModelCheckOptions = Pick<LineSeriesOptions, 'width' | 'height' | 'locale' | 'margin' | 'yTickText'>;

function pairOfSeries(
  rows: readonly { x: number; actual: number; predicted: number }[],
  text: ModelCheckText,
  xText: (x: number) => string,
) {
  const points = (key: 'actual' | 'predicted'): SeriesPoint[] =>
    rows.map((r) => ({ x: r.x, y: r[key], label: text.point?.(text[key], xText(r.x), r[key]) }));
  return [
    { key: 'actual', label: text.actual, color: palette.actual, points: points('actual') },
    { key: 'predicted', label: text.predicted, color: palette.predicted, dashed: true, points: points('predicted') },
  ];
}

/** (a) Cumulative repeat transactions: x = week (0 … the last week, at least the calibration end), a rule at `calibrationWeeks`. */
export function cumulativeTransactionsLayout(
  weeks: readonly ModelCheckWeek[],
  calibrationWeeks: number,
  text: ModelCheckText,
  options: ModelCheckOptions,
): LineSeriesLayout {
  const last = Math.max(1, calibrationWeeks, ...weeks.filter((w) => Number.isFinite(w.week)).map((w) => w.week));
  return lineSeriesLayout(pairOfSeries(weeks.map((w) => ({ ...w, x: w.week })), text, String), {
    ...options,
    xDomain: [0, last],
    xTickValues: integerTicks(last, 10),
    rules: Number.isFinite(calibrationWeeks) ? [{ value: calibrationWeeks, text: text.calibrationEnd ?? '' }] : [],
  });
}

/** Frequency tick text: '0' … '6', and '7+' for the open last class. */
export function frequencyText(frequency: number, top = 7): string {
  return frequency >= top ? `${top}+` : String(frequency);
}

/** (b) Holdout by calibration frequency: x = 0 … 7 (labelled '7+'), points on both lines. */
export function holdoutLayout(rows: readonly HoldoutByFrequency[], text: ModelCheckText, options: ModelCheckOptions): LineSeriesLayout {
  const sorted = [...rows].filter((r) => Number.isFinite(r.frequency)).sort((a, b) => a.frequency - b.frequency);
  const top = Math.max(1, ...sorted.map((r) => r.frequency));
  return lineSeriesLayout(pairOfSeries(sorted.map((r) => ({ ...r, x: r.frequency })), text, (f) => frequencyText(f)), {
    ...options,
    xDomain: [0, top],
    xTickValues: integerTicks(top, 12),
    xTickText: (f) => frequencyText(f),
  });
}
