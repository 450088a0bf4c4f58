/** Visible text of the histogram. The app passes its own; these are defaults. */
export interface HistogramLabels {
  /** Count axis title. */
  yTitle: string;
  /** Screen-reader description, from formatted figures; `cuts` is the formatted cut values joined by ", ". */
  description: (label: string, customers: string, from: string, to: string, cuts: string) => string;
  /** Shown when there are no bins. */
  empty: string;
  /** Marks a log count axis. */
  logScale: string;
}

// The English text lives with every other UI string in the messages module.
export { histogramLabelsEn } from '../../i18n/en';
