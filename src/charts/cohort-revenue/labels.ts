/** Visible text of the cumulative revenue per cohort customer chart. The app passes its own; these are defaults. */
export interface CohortRevenueLabels {
  title: string;
  description: (cohorts: string, periods: string) => string;
  xTitle: string;
  yTitle: string;
  /** Accessible name and read-out of a point, from formatted figures. */
  point: (cohort: string, period: string, value: string) => string;
  empty: string;
  tableCaption: string;
  columns: { cohort: string; period: string; value: string };
}

// The English text lives with every other UI string in the messages module.
export { cohortRevenueLabelsEn } from '../../i18n/en';
