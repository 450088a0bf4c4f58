/**
 * Test-side helpers over the shipping view SQL: every statement customer_base needs, in one runnable sequence (the
 * worker runs the same statements one by one, each only when its settings changed), and one measure's histogram.
 * Nothing in src/ or workers/ uses them; they moved here from src/sql/views.ts.
 */
import { lit } from '../../src/sql/sql-text';
import { scoreRowsSql, scoreThresholdsSql, type Measure, type QuerySteps, type ScoreParams, type ScoreThreshold } from '../../src/sql/rfm';
import type { ProfitParams } from '../../src/sql/profit';
import { CUSTOMER_ROWS, customerBaseViewsSql, customerRanksSql, customerRowsSql, histogramsSql } from '../../src/sql/views';

export interface BaseParams {
  scores: ScoreParams;
  profit: ProfitParams;
}

/**
 * Everything customer_base needs after customer_figures and score_cuts, in turn (run with rfm.ts's `runSteps`):
 * `customerRowsSql`, the thresholds (quantile, custom), `scoreRowsSql`, `customerBaseViewsSql`. The worker runs the
 * same statements one by one, each only when its settings changed.
 */
export function* customerBaseSteps(p: BaseParams): QuerySteps<void> {
  yield customerRowsSql(p.profit);
  yield customerRanksSql();
  let thresholds = p.scores.thresholds ?? null;
  if (!thresholds && (p.scores.method === 'quantile' || p.scores.method === 'custom')) {
    thresholds = (yield scoreThresholdsSql(p.scores.bins)) as unknown as ScoreThreshold[];
  }
  yield scoreRowsSql({ ...p.scores, thresholds }, CUSTOMER_ROWS);
  yield customerBaseViewsSql();
}

/**
 * Query → a histogram of one measure: x0 DOUBLE, x1 DOUBLE, count INTEGER, in x order. Equal-width bins
 * (`bins` of them) from the minimum to the 99th percentile (type 7, as the cut points); the values above it are
 * counted in the last bin (so the long tail of monetary does not flatten the chart to one bar).
 * Frequency and recency use whole-number widths. (The rows of `histogramsSql` for that measure.)
 */
export function histogramSql(measure: Measure, bins = 40): string {
  return `SELECT x0, x1, count FROM (${histogramsSql(bins)}) WHERE measure = ${lit(measure)} ORDER BY x0`;
}
