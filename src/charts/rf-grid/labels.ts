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

export const rfGridLabelsEn: RfGridLabels = {
  title: 'Customers by recency and frequency score',
  xTitle: 'Recency score R (5 = most recent, right) →',
  yTitle: 'Frequency score F (5 = most frequent, top) →',
  cell: (r, f, customers) => `R ${r}, F ${f}: ${customers} customers`,
  revenue: 'Revenue',
  avgMonetary: 'Average monetary value',
};
