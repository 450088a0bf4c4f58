/**
 * Every analysis setting in one serializable object: the share link and saved work
 * (a later issue) store exactly this, and every view derives from it.
 */

/** The roles a column of a transactions file can play. */
export const ROLES = ['customer', 'order', 'date', 'amount', 'quantity', 'unitPrice', 'cost', 'profit'] as const;
export type Role = (typeof ROLES)[number];

/** Column name per role; null when the file has no such column. */
export type ColumnMapping = Record<Role, string | null>;

/** Day order of a date column written with slashes, dots or dashes around day and month. */
export type DateFormat = 'iso' | 'ymd-compact' | 'dmy' | 'mdy';

/** How numbers are written: `1,234.56` (point) or `1.234,56` (comma). */
export type DecimalMark = 'point' | 'comma';

export type ScoreMethod = 'quantile' | 'equal-size' | 'custom';
export type MonetaryMode = 'total' | 'average';

/** A named segment rule: inclusive score ranges; the first matching rule wins. */
export interface SegmentRule {
  name: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/** Custom cut points per measure (ascending, bins − 1 values each). */
export interface CustomCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

/**
 * Profitability inputs. Money values are decimal text ("2.50") so that they stay exact; defaults are zero,
 * so nothing is invented. marginPct is used only when the file has no cost (or profit) column.
 */
export interface CostModel {
  /** Gross margin as a percentage of net revenue ("30" = 30 %), or null when the file gives the cost. */
  marginPct: string | null;
  /** Cost of handling one order (every order, whatever its value). */
  costPerOrder: string;
  /** Extra cost of one returned or cancelled order. */
  costPerReturn: string;
  /** Cost of keeping one customer for one year, pro-rated from the first order to the analysis date. */
  costPerCustomerYear: string;
  /** Minimum profit per customer; customers below it are flagged "Below adequate level". */
  adequateLevel: string;
}

export interface AnalysisSettings {
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  decimalMark: DecimalMark;
  /** ISO day; null = the day after the last order date in the data. */
  analysisDate: string | null;
  monetaryMode: MonetaryMode;
  scoreMethod: ScoreMethod;
  bins: 3 | 4 | 5;
  customCuts: CustomCuts | null;
  segmentPreset: 'rfm' | 'rf-grid' | 'custom';
  segmentRules: SegmentRule[];
  costModel: CostModel;
  lifecycle: LifecycleSettings;
}

/** The lifecycle views' settings (cohorts, migration, lifetime value). Dates are ISO days; null = the default. */
export interface LifecycleSettings {
  cohortGrain: 'month' | 'quarter';
  /** The migration's earlier date; null = the analysis date three calendar months earlier (clamped to the month's end). */
  compareDate: string | null;
  /** The last day the model learns from; null = the day before the analysis date (the last day of data). */
  calibrationEnd: string | null;
  /** The prediction horizon, in weeks. */
  horizonWeeks: number;
  /** Yearly discount rate in percent, as typed ("0" = none). */
  discountPct: string;
  /** How many key accounts to list. */
  keyAccounts: number;
}

/** The lifecycle settings a new analysis starts from. */
export function defaultLifecycle(): LifecycleSettings {
  return { cohortGrain: 'month', compareDate: null, calibrationEnd: null, horizonWeeks: 52, discountPct: '0', keyAccounts: 20 };
}

/** A cost model that adds nothing. */
export function zeroCostModel(): CostModel {
  return { marginPct: null, costPerOrder: '0', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0' };
}

export function emptyMapping(): ColumnMapping {
  return { customer: null, order: null, date: null, amount: null, quantity: null, unitPrice: null, cost: null, profit: null };
}
