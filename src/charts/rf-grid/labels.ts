/** Visible text of the recency × frequency grid. The app passes its own; these are defaults. */
export interface RfGridLabels {
  /** Accessible name of the grid. */
  title: string;
  /** x axis: recency score, higher = more recent, rising to the right. */
  xTitle: string;
  /** y axis: frequency score, higher = more frequent, rising to the top. */
  yTitle: string;
  /** Accessible name of a cell, from a formatted customer count. */
  cell: (r: number, f: number, customers: string) => string;
  revenue: string;
  avgMonetary: string;
}

// The English text lives with every other UI string in the messages module.
export { rfGridLabelsEn } from '../../i18n/en';
