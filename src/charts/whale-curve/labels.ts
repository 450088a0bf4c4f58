/** Visible text of the whale curve. The app passes its own; these are defaults. */
import { peakSentenceLabelsEn, type PeakSentenceLabels } from './layout';

export interface WhaleLabels extends PeakSentenceLabels {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Label of the 100 % reference line. */
  hundred: string;
  /** Shown instead of the chart when total profit is zero or negative. */
  nonPositiveTotal: string;
  noPoints: string;
}

export const whaleLabelsEn: WhaleLabels = {
  ...peakSentenceLabelsEn,
  title: 'Whale curve: cumulative profit by customers, most profitable first',
  xTitle: 'Share of customers, most profitable first',
  yTitle: 'Share of total profit',
  hundred: '100% of profit',
  nonPositiveTotal: 'Total profit is zero or negative, so shares of it cannot be drawn.',
  noPoints: 'No customers to show.',
};
