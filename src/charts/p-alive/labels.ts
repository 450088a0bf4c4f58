/** Visible text of the P(alive) charts. The app passes its own; these are defaults. */
import type { HistogramLabels } from '../histogram/labels';

export interface PAliveLabels {
  distribution: {
    /** x-axis title and the chart's title (the Histogram's `label`). */
    label: string;
    /** The histogram's own text (count axis, summary). */
    histogram: HistogramLabels;
    tableCaption: string;
    columns: { range: string; customers: string };
    /** A bin's range in the table, from formatted ends. */
    range: (from: string, to: string) => string;
  };
  byRecency: {
    title: string;
    description: (frequencies: string, weeks: string) => string;
    xTitle: string;
    yTitle: string;
    /** Legend entry of a frequency ('0' … '6', '7+'). */
    series: (frequency: string) => string;
    empty: string;
    tableCaption: string;
    columns: { frequency: string; recency: string; pAlive: string };
  };
}

// The English text lives with every other UI string in the messages module.
export { pAliveLabelsEn } from '../../i18n/en';
