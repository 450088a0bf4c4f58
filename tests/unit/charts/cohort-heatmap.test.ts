import { describe, expect, test } from 'vitest';
import { interpolateBlues, interpolateGreens } from 'd3';
import { cohortColorDomain, cohortHeatmapLayout } from '../../../src/charts/cohort-heatmap/layout';
import type { CohortCell } from '../../../src/charts/lifecycle-types';

const cell = (cohort: string, period: number, customers: number, active: number, revenue: number, partial = false): CohortCell => ({
  cohort,
  period,
  cohort_customers: customers,
  active_customers: active,
  retention: active / customers,
  revenue,
  partial,
});
// A 3-cohort triangle, given out of order: 1997-01 (10 customers) periods 0..2, 1997-02 (20) 0..1, 1997-03 (5) 0.
const triangle = [
  cell('1997-02', 1, 20, 6, 60, true),
  cell('1997-01', 2, 10, 2, 20),
  cell('1997-03', 0, 5, 5, 40, true),
  cell('1997-01', 0, 10, 10, 100),
  cell('1997-02', 0, 20, 20, 200),
  cell('1997-01', 1, 10, 4, 30),
];
const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };
// 3 columns and 3 rows in 296 px with paddingInner 0.04: step 296 / 2.96 = 100, band 96.
const opts = { width: 296, height: 296, margin: noMargin, mode: 'retention' as const };
const at = (l: ReturnType<typeof cohortHeatmapLayout>, cohort: string, period: number) =>
  l.cells.find((c) => c.cohort === cohort && c.period === period);

describe('cohortHeatmapLayout', () => {
  test('rows are cohorts in calendar order with their size; columns are periods 0..2', () => {
    const l = cohortHeatmapLayout(triangle, opts);
    expect(l.rows.map((r) => [r.cohort, r.customersText])).toEqual([['1997-01', '10'], ['1997-02', '20'], ['1997-03', '5']]);
    expect(l.rows.map((r) => r.y)).toEqual([48, 148, 248]);
    expect(l.periodTicks.map((t) => [t.text, t.pos])).toEqual([['0', 48], ['1', 148], ['2', 248]]);
    expect(l.cells.map((c) => `${c.cohort}/${c.period}`)).toEqual(['1997-01/0', '1997-01/1', '1997-01/2', '1997-02/0', '1997-02/1', '1997-03/0']);
  });

  test.each([
    ['1997-01', 0, 0, 0],
    ['1997-01', 2, 200, 0],
    ['1997-02', 1, 100, 100],
    ['1997-03', 0, 0, 200],
  ])('cell %s period %d at x %d, y %d, 96 × 96', (cohort, period, x, y) => {
    const c = at(cohortHeatmapLayout(triangle, opts), cohort, period)!;
    expect(c.x).toBeCloseTo(x, 9);
    expect(c.y).toBeCloseTo(y, 9);
    expect(c.width).toBeCloseTo(96, 9);
    expect(c.height).toBeCloseTo(96, 9);
  });

  test.each([
    ['1997-02', 2],
    ['1997-03', 1],
    ['1997-03', 2],
  ])('missing cell %s period %d (beyond the triangle) is absent', (cohort, period) => {
    const l = cohortHeatmapLayout(triangle, opts);
    expect(l.cells).toHaveLength(6);
    expect(at(l, cohort, period)).toBeUndefined();
  });

  test('retention colours: domain [0, 0.4] (the largest after period 0); period 0 clamps to the darkest', () => {
    const l = cohortHeatmapLayout(triangle, opts);
    expect(l.colorDomain).toEqual([0, 0.4]);
    // ramp 0.15..0.9: t = v / 0.4
    expect(at(l, '1997-01', 0)!.fill).toBe(interpolateBlues(0.9));
    expect(at(l, '1997-01', 1)!.fill).toBe(interpolateBlues(0.9));
    expect(at(l, '1997-01', 2)!.fill).toBe(interpolateBlues(0.15 + 0.5 * 0.75));
    expect(at(l, '1997-02', 1)!.fill).toBe(interpolateBlues(0.15 + 0.75 * 0.75));
    expect(at(l, '1997-01', 1)!.text).toBe('40%');
  });

  test('revenue mode: revenue per cohort customer, domain [0, 3] from periods ≥ 1', () => {
    const l = cohortHeatmapLayout(triangle, { ...opts, mode: 'revenue' });
    // per customer: 1997-01 10, 3, 2; 1997-02 10, 3; 1997-03 8
    expect(l.cells.map((c) => c.value)).toEqual([10, 3, 2, 10, 3, 8]);
    expect(l.colorDomain).toEqual([0, 3]);
    expect(at(l, '1997-01', 2)!.fill).toBe(interpolateGreens(0.15 + (2 / 3) * 0.75));
    expect(at(l, '1997-03', 0)!.fill).toBe(interpolateGreens(0.9));
    expect(at(l, '1997-01', 0)!.text).toBe('10');
  });

  test.each([
    ['only period 0: its values set the domain', [cell('1997-01', 0, 4, 4, 8)], 'retention' as const, [0, 1]],
    ['a negative revenue per customer widens the domain below 0', [cell('a', 0, 2, 2, 10), cell('a', 1, 2, 1, -4)], 'revenue' as const, [-2, 0]],
    ['no cells', [], 'retention' as const, null],
  ])('colour domain, %s', (_, cells, mode, domain) => {
    expect(cohortColorDomain(cells, mode)).toEqual(domain);
  });

  test('partial cells keep their flag; the others are not partial', () => {
    const l = cohortHeatmapLayout(triangle, opts);
    expect(l.cells.filter((c) => c.partial).map((c) => `${c.cohort}/${c.period}`)).toEqual(['1997-02/1', '1997-03/0']);
  });

  test('cohort sizes are formatted in the locale; quarters sort like months', () => {
    const l = cohortHeatmapLayout([cell('1998-Q1', 0, 7814, 7814, 1), cell('1997-Q4', 0, 12, 12, 1)], { ...opts, locale: 'nl' });
    expect(l.rows.map((r) => [r.cohort, r.customersText])).toEqual([['1997-Q4', '12'], ['1998-Q1', '7.814']]);
  });

  test('a (cohort, period) given twice throws RangeError; an empty input is empty', () => {
    expect(() => cohortHeatmapLayout([cell('a', 0, 1, 1, 1), cell('a', 0, 1, 1, 2)], opts)).toThrow(/cohort a, period 0/);
    const l = cohortHeatmapLayout([], opts);
    expect(l.empty).toBe(true);
    expect(l.cells).toEqual([]);
    expect(l.colorDomain).toBeNull();
  });
});
