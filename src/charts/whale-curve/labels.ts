/** Visible text of the whale curve. The app passes its own; these are defaults. */
import type { PeakSentenceLabels } from './layout';

export interface WhaleLabels extends PeakSentenceLabels {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Label of the 100 % reference line. */
  hundred: string;
  /** Shown instead of the chart when total profit is zero or negative. */
  nonPositiveTotal: string;
  noPoints: string;
  /** Read-out of the point under the pointer. */
  readout: (customers: string, profit: string) => string;
}

// The English text lives with every other UI string in the messages module.
export { whaleLabelsEn } from '../../i18n/en';
