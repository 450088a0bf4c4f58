/**
 * P(alive), the model's probability that a customer has not yet dropped out: its distribution over customers
 * (the Histogram chart draws the 0.1-wide bins) and, here, its curve against recency (weeks from first to last
 * purchase) for each number of repeat purchases, with the customer's age T fixed at the calibration length.
 * For a given frequency the curve rises with recency: a recent last purchase says the customer is still there.
 */
import type { PAliveCurve } from '../lifecycle-types';
import { seriesColor } from '../palette';
import { lineSeriesLayout, type LineSeriesLayout, type LineSeriesOptions } from '../line-series/layout';
import { frequencyText } from '../model-check/layout';

export interface PAliveText {
  /** Legend entry of a frequency, from its text ('0' … '6', '7+'). */
  series: (frequency: string) => string;
}

export type PAliveOptions = Pick<LineSeriesOptions, 'width' | 'height' | 'locale' | 'margin' | 'yTickText'>;

/** One line per frequency (ascending, coloured in that order); y fixed to 0..1, x from 0 to the largest recency. */
export function pAliveByRecencyLayout(curves: readonly PAliveCurve[], text: PAliveText, options: PAliveOptions): LineSeriesLayout {
  const sorted = [...curves].sort((a, b) => a.frequency - b.frequency);
  const maxWeeks = Math.max(1, ...sorted.flatMap((c) => c.points.map((p) => p.recency_weeks)).filter(Number.isFinite));
  return lineSeriesLayout(
    sorted.map((c, i) => ({
      key: String(c.frequency),
      label: text.series(frequencyText(c.frequency)),
      color: seriesColor(i),
      points: c.points.map((p) => ({ x: p.recency_weeks, y: p.p_alive })),
    })),
    { ...options, xDomain: [0, maxWeeks], yDomain: [0, 1] },
  );
}
