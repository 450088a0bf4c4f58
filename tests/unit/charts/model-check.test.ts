import { describe, expect, test } from 'vitest';
import { cumulativeTransactionsLayout, frequencyText, holdoutLayout } from '../../../src/charts/model-check/layout';
import { palette } from '../../../src/charts/palette';
import type { HoldoutByFrequency } from '../../../src/charts/lifecycle-types';

const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };
const text = { actual: 'Actual', predicted: 'Model', calibrationEnd: 'End of calibration', point: (s: string, x: string, v: number) => `${s} ${x}: ${v}` };
const weeks = [1, 2, 3, 4].map((week) => ({ week, actual: week * 10, predicted: week * 11 }));

describe('cumulativeTransactionsLayout', () => {
  test('two paths of 4 points: actual solid, predicted dashed; the rule at week 2 of 0..4 on 400 px', () => {
    const l = cumulativeTransactionsLayout(weeks, 2, text, { width: 400, height: 100, margin: noMargin });
    expect(l.series.map((s) => [s.key, s.color, s.dashed, s.points.length])).toEqual([
      ['actual', palette.actual, false, 4],
      ['predicted', palette.predicted, true, 4],
    ]);
    for (const s of l.series) expect(s.path.match(/L/g)).toHaveLength(3);
    expect(l.series[0].points.map((p) => p.px)).toEqual([100, 200, 300, 400]);
    expect(l.rules).toHaveLength(1);
    expect(l.rules[0]).toMatchObject({ value: 2, x: 200, y1: 0, y2: 100, text: 'End of calibration' });
    expect(l.xTicks.map((t) => t.text)).toEqual(['0', '1', '2', '3', '4']);
  });

  test('a calibration end after the last week widens the axis to it', () => {
    const l = cumulativeTransactionsLayout(weeks, 8, text, { width: 400, height: 100, margin: noMargin });
    expect(l.rules[0].x).toBe(400);
    expect(l.series[0].points.at(-1)!.px).toBe(200);
  });

  test('no weeks: empty, with the rule still placed', () => {
    const l = cumulativeTransactionsLayout([], 39, text, { width: 400, height: 100, margin: noMargin });
    expect(l.empty).toBe(true);
    expect(l.rules[0].x).toBe(400);
  });
});

describe('holdoutLayout', () => {
  const rows: HoldoutByFrequency[] = [7, 3, 0, 1, 2, 4, 6, 5].map((f) => ({ frequency: f, customers: 10 * (f + 1), actual: f / 2, predicted: f / 2 + 0.1 }));

  test('x = 0..7 labelled 0…6, 7+; both series have 8 points in frequency order, named', () => {
    const l = holdoutLayout(rows, text, { width: 350, height: 100, margin: noMargin });
    expect(l.xTicks.map((t) => t.text)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(l.xTicks.map((t) => t.pos)).toEqual([0, 50, 100, 150, 200, 250, 300, 350]);
    expect(l.series.map((s) => s.points.length)).toEqual([8, 8]);
    expect(l.series[0].points.map((p) => p.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(l.series[0].points.at(-1)!.label).toBe('Actual 7+: 3.5');
    expect(l.series[1].points[0].label).toBe('Model 0: 0.1');
  });

  test.each([
    [0, '0'],
    [6, '6'],
    [7, '7+'],
    [9, '7+'],
  ])('frequencyText(%d) = %s', (f, t) => {
    expect(frequencyText(f)).toBe(t);
  });
});
