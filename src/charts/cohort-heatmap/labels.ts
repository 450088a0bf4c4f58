/** Visible text of the cohort retention triangle. The app passes its own; these are defaults. */
export interface CohortHeatmapLabels {
  title: string;
  /** The <svg>'s summary, from formatted figures. */
  description: (cohorts: string, periods: string, mode: string) => string;
  /** Name of each mode, for the toggle and the summary. */
  modes: { retention: string; revenue: string };
  /** Accessible name of the mode toggle group. */
  modeToggle: string;
  /** Title above the period columns, naming the period unit. */
  periodTitle: string;
  /** Row label: cohort and its size ("1997-01 · 7,814"). */
  rowLabel: (cohort: string, customers: string) => string;
  /** Accessible name (and tooltip) of a cell, from formatted figures. */
  cell: (cohort: string, period: string, active: string, customers: string, retention: string, revenue: string, partial: boolean) => string;
  empty: string;
  /** Table view: caption and column headers. */
  tableCaption: string;
  columns: { cohort: string; period: string; customers: string; active: string; retention: string; revenue: string; partial: string };
  /** "yes" in the table's partial column. */
  partialYes: string;
}

// The English text lives with every other UI string in the messages module.
export { cohortHeatmapLabelsEn } from '../../i18n/en';
