import { describe, expect, test } from 'vitest';
import { pAliveByRecencyLayout } from '../../../src/charts/p-alive/layout';
import { lineSeriesLayout } from '../../../src/charts/line-series/layout';
import { seriesColor } from '../../../src/charts/palette';

const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };
const text = { series: (f: string) => `${f} repeat purchases` };

describe('pAliveByRecencyLayout', () => {
  const curves = [
    { frequency: 7, points: [{ recency_weeks: 10, p_alive: 1 }, { recency_weeks: 0, p_alive: 0 }] },
    { frequency: 0, points: [{ recency_weeks: 0, p_alive: 1 }] },
    { frequency: 2, points: [{ recency_weeks: 5, p_alive: 0.5 }, { recency_weeks: 0, p_alive: 0.25 }] },
  ];
  const l = pAliveByRecencyLayout(curves, text, { width: 200, height: 100, margin: noMargin });

  test('one line per frequency, ascending, coloured in that order, with the legend text', () => {
    expect(l.series.map((s) => [s.key, s.label, s.color])).toEqual([
      ['0', '0 repeat purchases', seriesColor(0)],
      ['2', '2 repeat purchases', seriesColor(1)],
      ['7', '7+ repeat purchases', seriesColor(2)],
    ]);
  });

  test('y fixed to 0..1, x from 0 to the largest recency (10 weeks); points in recency order', () => {
    expect(l.series[1].points.map((p) => [p.x, p.px, p.py])).toEqual([[0, 0, 75], [5, 100, 50]]);
    expect(l.series[2].points.map((p) => [p.px, p.py])).toEqual([[0, 100], [200, 0]]);
    expect(l.yTicks[0]).toMatchObject({ value: 0, pos: 100 });
    expect(l.yTicks.at(-1)).toMatchObject({ value: 1, pos: 0 });
  });
});

describe('lineSeriesLayout', () => {
  test('non-finite points are dropped; a series with none has an empty path; all none → empty', () => {
    const l = lineSeriesLayout(
      [
        { key: 'a', label: 'a', color: '#000', points: [{ x: 0, y: 1 }, { x: NaN, y: 2 }, { x: 2, y: Infinity }, { x: 4, y: 3 }] },
        { key: 'b', label: 'b', color: '#000', points: [{ x: NaN, y: 1 }] },
      ],
      { width: 100, height: 100 },
    );
    expect(l.empty).toBe(false);
    expect(l.series[0].points.map((p) => p.x)).toEqual([0, 4]);
    expect(l.series[1].path).toBe('');
    expect(lineSeriesLayout([{ key: 'b', label: 'b', color: '#000', points: [] }], { width: 100, height: 100 }).empty).toBe(true);
  });
});
