/** Visible text of the segment migration charts (Sankey and matrix). The app passes its own; these are defaults. */
export interface MigrationFlowLabels {
  title: string;
  /** The <svg>'s summary, from formatted figures. */
  description: (moves: string, customers: string) => string;
  /** Titles over the two columns of nodes. */
  beforeTitle: string;
  afterTitle: string;
  /** Visible node label: segment and its customers. */
  node: (segment: string, customers: string) => string;
  /** Accessible name (and tooltip) of a link or a matrix cell, from formatted figures. */
  link: (customers: string, before: string, after: string, revenue: string) => string;
  empty: string;
  tableCaption: string;
  columns: { before: string; after: string; customers: string; revenue: string };
}

export interface MigrationMatrixLabels {
  title: string;
  description: (before: string, after: string, customers: string) => string;
  /** Axis titles: rows are segments before, columns segments after. */
  rowsTitle: string;
  columnsTitle: string;
  /** Header of the totals row and column. */
  total: string;
  /** Accessible name of a total, from formatted figures. */
  rowTotal: (segment: string, customers: string, revenue: string) => string;
  columnTotal: (segment: string, customers: string, revenue: string) => string;
}

// The English text lives with every other UI string in the messages module.
export { migrationFlowLabelsEn, migrationMatrixLabelsEn } from '../../i18n/en';
