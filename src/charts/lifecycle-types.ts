/** The rows the lifecycle worker sends to the lifecycle charts (cohorts, migration, model checks, P(alive)). */

/** One cell of the cohort triangle: the customers of `cohort` active `period` periods after their first one. */
export interface CohortCell {
  /** 'YYYY-MM' or 'YYYY-Qn': sorts as text in calendar order. */
  cohort: string;
  /** 0 = the cohort's own period. */
  period: number;
  cohort_customers: number;
  active_customers: number;
  /** active_customers / cohort_customers, 0..1. */
  retention: number;
  /** Net revenue of the cohort's customers in that period. */
  revenue: number;
  /** The period is not over yet at the analysis date. */
  partial: boolean;
}

/** Customers (and their net revenue) that were in segment `before` and are now in `after`; `before` may be 'New'. */
export interface MigrationFlow {
  before: string;
  after: string;
  customers: number;
  revenue: number;
}

/** Cumulative repeat transactions up to the end of `week`, observed and as the model predicts. */
export interface ModelCheckWeek {
  week: number;
  actual: number;
  predicted: number;
}

/** Mean holdout transactions of the customers with `frequency` repeat purchases in calibration (7 = 7 or more). */
export interface HoldoutByFrequency {
  frequency: number;
  customers: number;
  actual: number;
  predicted: number;
}

/** P(alive) against recency (weeks from first to last purchase) for customers of one frequency, T fixed. */
export interface PAliveCurve {
  /** 0..7, 7 = 7 or more. */
  frequency: number;
  points: { recency_weeks: number; p_alive: number }[];
}
