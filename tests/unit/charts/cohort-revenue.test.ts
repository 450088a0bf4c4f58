import { describe, expect, test } from 'vitest';
import { cohortRevenueLayout, cohortRevenueSeries } from '../../../src/charts/cohort-revenue/layout';
import { integerTicks } from '../../../src/charts/line-series/layout';
import { seriesColor } from '../../../src/charts/palette';
import type { CohortCell } from '../../../src/charts/lifecycle-types';

const cell = (cohort: string, period: number, customers: number, revenue: number): CohortCell => ({
  cohort,
  period,
  cohort_customers: customers,
  active_customers: 1,
  retention: 1 / customers,
  revenue,
  partial: false,
});
const cells = [
  cell('1997-02', 1, 20, 60),
  cell('1997-01', 2, 10, 20),
  cell('1997-03', 0, 5, 40),
  cell('1997-01', 0, 10, 100),
  cell('1997-02', 0, 20, 200),
  cell('1997-01', 1, 10, 30),
];
const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };

describe('cohortRevenueSeries', () => {
  test('revenue cumulated over periods ÷ cohort customers, cohorts in order', () => {
    // 1997-01: 100, 130, 150 over 10; 1997-02: 200, 260 over 20; 1997-03: 40 over 5
    expect(cohortRevenueSeries(cells)).toEqual([
      { cohort: '1997-01', customers: 10, points: [{ period: 0, value: 10 }, { period: 1, value: 13 }, { period: 2, value: 15 }] },
      { cohort: '1997-02', customers: 20, points: [{ period: 0, value: 10 }, { period: 1, value: 13 }] },
      { cohort: '1997-03', customers: 5, points: [{ period: 0, value: 8 }] },
    ]);
  });

  test('a missing period is skipped, not counted as zero; returns (negative revenue) lower the sum; no customers → left out', () => {
    const s = cohortRevenueSeries([cell('a', 0, 4, 8), cell('a', 3, 4, -4), cell('b', 0, 0, 5)]);
    expect(s).toEqual([{ cohort: 'a', customers: 4, points: [{ period: 0, value: 2 }, { period: 3, value: 1 }] }]);
  });
});

describe('cohortRevenueLayout', () => {
  test('x = period (0..2 over 200 px), y = value over [0, 20] on 160 px (d3 nices [0, 15] with 5 ticks to [0, 20]); one coloured line per cohort', () => {
    const l = cohortRevenueLayout(cells, {
      width: 200,
      height: 160,
      margin: noMargin,
      pointLabel: (c, p, v) => `${c}|${p}|${v}`,
    });
    expect(l.series.map((s) => [s.key, s.color])).toEqual([['1997-01', seriesColor(0)], ['1997-02', seriesColor(1)], ['1997-03', seriesColor(2)]]);
    // py = 160 · (1 − v / 20)
    const py = (v: number) => 160 * (1 - v / 20);
    expect(l.series[0].points.map((p) => p.px)).toEqual([0, 100, 200]);
    [10, 13, 15].forEach((v, i) => expect(l.series[0].points[i].py).toBeCloseTo(py(v), 9));
    expect(l.series[2].points.map((p) => [p.px, p.label])).toEqual([[0, '1997-03|0|8']]);
    expect(l.series[2].points[0].py).toBeCloseTo(py(8), 9);
    expect(l.series[0].path.match(/L/g)).toHaveLength(2);
    expect(l.xTicks.map((t) => t.text)).toEqual(['0', '1', '2']);
    expect(l.yTicks.map((t) => [t.value, t.pos])).toEqual([[0, 160], [5, 120], [10, 80], [15, 40], [20, 0]]);
  });

  test('no cells: empty', () => {
    expect(cohortRevenueLayout([], { width: 200, height: 100 }).empty).toBe(true);
  });
});

describe('integerTicks', () => {
  test.each([
    [7, 12, [0, 1, 2, 3, 4, 5, 6, 7]],
    [78, 10, [0, 8, 16, 24, 32, 40, 48, 56, 64, 72]], // step ⌈79 / 10⌉ = 8
    [1, 12, [0, 1]],
  ])('0..%d, at most %d: %j', (max, most, ticks) => {
    expect(integerTicks(max, most)).toEqual(ticks);
  });
});
