/**
 * Cumulative net revenue per cohort customer by period since acquisition: for each cohort, the revenue of
 * periods 0..p summed and divided by the cohort's size, one line per cohort (lineSeriesLayout draws them).
 */
import type { CohortCell } from '../lifecycle-types';
import { seriesColor } from '../palette';
import { integerTicks, lineSeriesLayout, type LineSeriesLayout, type LineSeriesOptions } from '../line-series/layout';

export interface CohortRevenueSeries {
  cohort: string;
  customers: number;
  /** Periods ascending; `value` = revenue of periods ≤ `period` / cohort customers. */
  points: { period: number; value: number }[];
}

/** Per cohort (in calendar order), the cumulative revenue per customer; cohorts without customers are left out. */
export function cohortRevenueSeries(cells: readonly CohortCell[]): CohortRevenueSeries[] {
  const byCohort = new Map<string, CohortCell[]>();
  for (const c of cells) {
    if (!Number.isFinite(c.period) || !Number.isFinite(c.revenue)) continue;
    const list = byCohort.get(c.cohort) ?? [];
    list.push(c);
    byCohort.set(c.cohort, list);
  }
  return [...byCohort.keys()]
    .sort()
    .map((cohort) => {
      const list = byCohort.get(cohort)!.sort((a, b) => a.period - b.period);
      const customers = list[0].cohort_customers;
      let sum = 0;
      return { cohort, customers, points: list.map((c) => ({ period: c.period, value: (sum += c.revenue) / customers })) };
    })
    .filter((s) => s.customers > 0);
}

export interface CohortRevenueOptions extends Pick<LineSeriesOptions, 'width' | 'height' | 'locale' | 'margin' | 'yTickText'> {
  /** Accessible name of a point (cohort, period, value in data units). */
  pointLabel?: (cohort: string, period: number, value: number) => string;
}

/** The chart: x = period (whole periods as ticks), y = cumulative revenue per customer, one coloured line per cohort. */
export function cohortRevenueLayout(cells: readonly CohortCell[], options: CohortRevenueOptions): LineSeriesLayout {
  const series = cohortRevenueSeries(cells);
  const maxPeriod = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.period)));
  const { pointLabel, ...rest } = options;
  return lineSeriesLayout(
    series.map((s, i) => ({
      key: s.cohort,
      label: s.cohort,
      color: seriesColor(i),
      points: s.points.map((p) => ({ x: p.period, y: p.value, label: pointLabel?.(s.cohort, p.period, p.value) })),
    })),
    { ...rest, xDomain: [0, Math.max(1, maxPeriod)], xTickValues: integerTicks(Math.max(1, maxPeriod), 12) },
  );
}
