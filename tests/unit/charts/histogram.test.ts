import { describe, expect, test } from 'vitest';
import { histogramLayout, type HistogramInput } from '../../../src/charts/histogram/layout';

const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };
// x: [0, 30] → [0, 300] px; y: counts [0, 10] → [100, 0] px
const base: HistogramInput = {
  bins: [
    { x0: 0, x1: 10, count: 5 },
    { x0: 10, x1: 20, count: 10 },
    { x0: 20, x1: 30, count: 0 },
  ],
  cuts: [15],
  width: 300,
  height: 100,
  label: 'Days since last order',
  margin: noMargin,
};

describe('histogramLayout', () => {
  test('bars: x from the bin edges (1 px gap), height from the count', () => {
    const l = histogramLayout(base);
    expect(l.empty).toBe(false);
    expect(l.xDomain).toEqual([0, 30]);
    expect(l.maxCount).toBe(10);
    expect(l.bars.map((b) => [b.x, b.width, b.y, b.height])).toEqual([
      [0.5, 99, 50, 50],
      [100.5, 99, 0, 100],
      [200.5, 99, 100, 0],
    ]);
  });

  test.each([
    [[15], [150]],
    [[0, 30], [0, 300]],
    [[7.5, 22.5], [75, 225]],
  ])('cut points %j are vertical lines at scale(cut) = %j, spanning the plot', (cuts, xs) => {
    const l = histogramLayout({ ...base, cuts });
    expect(l.cutLines.map((c) => c.x)).toEqual(xs);
    for (const c of l.cutLines) {
      expect(c.x).toBe(l.xScale(c.value));
      expect([c.y1, c.y2]).toEqual([0, 100]);
      expect(c.textX).toBe(c.x);
    }
  });

  test('cut labels carry their values, sorted; cuts outside the data are dropped', () => {
    const l = histogramLayout({ ...base, cuts: [22.5, -4, 7.25, 31, NaN] });
    expect(l.cutLines.map((c) => c.text)).toEqual(['7.25', '22.5']);
  });

  test('cut labels that would overlap are staggered onto a second row', () => {
    const l = histogramLayout({ ...base, cuts: [15, 15.5, 25] });
    const [a, b, c] = l.cutLines;
    expect(b.textY).toBeLessThan(a.textY);
    expect(c.textY).toBe(a.textY);
  });

  test('cut labels a few pixels apart never overlap on a row: the third moves right of the first, on its row', () => {
    const l = histogramLayout({ ...base, cuts: [15, 15.2, 15.4, 15.6] });
    const rows = new Map<number, { left: number; right: number }[]>();
    for (const c of l.cutLines) {
      // Each label is 4 digits wide at 11 px: at least 4 × 5 px, the estimate's lower bound.
      const half = (c.text.length * 5) / 2;
      rows.set(c.textY, [...(rows.get(c.textY) ?? []), { left: c.textX - half, right: c.textX + half }]);
    }
    expect([...rows.keys()].length).toBe(2);
    for (const spans of rows.values()) {
      for (let i = 1; i < spans.length; i++) expect(spans[i].left).toBeGreaterThan(spans[i - 1].right);
    }
    const [a, b, c] = l.cutLines;
    expect([a.textX, b.textX]).toEqual([a.x, b.x]);
    expect(c.textY).toBe(a.textY);
    expect(c.textX).toBeGreaterThan(c.x);
  });

  test('cut values follow the locale', () => {
    const l = histogramLayout({ ...base, cuts: [12.5], locale: 'nl' });
    expect(l.cutLines[0].text).toBe('12,5');
  });

  test('linear y ticks are whole counts from 0; x ticks are in the data range', () => {
    const l = histogramLayout({ ...base, bins: [{ x0: 0, x1: 1, count: 2 }] });
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 1, 2]);
    expect(l.yTicks.map((t) => t.pos)).toEqual([100, 50, 0]);
    const lx = histogramLayout(base);
    expect(lx.xTicks[0]).toEqual({ value: 0, pos: 0, text: '0' });
    expect(lx.xTicks.at(-1)).toEqual({ value: 30, pos: 300, text: '30' });
  });

  test('log y: powers of ten as ticks, a count of 1 still shows, 0 shows nothing', () => {
    const l = histogramLayout({
      ...base,
      logY: true,
      bins: [
        { x0: 0, x1: 1, count: 0 },
        { x0: 1, x1: 2, count: 1 },
        { x0: 2, x1: 3, count: 1000 },
      ],
    });
    expect(l.yTicks.map((t) => t.text)).toEqual(['1', '10', '100', '1,000']);
    expect(l.bars[0].height).toBe(0);
    expect(l.bars[1].height).toBeGreaterThan(0);
    expect(l.bars[2].height).toBeCloseTo(100, 9);
    // log scale on [0.5, 1000]: 1 sits at log(2)/log(2000) of the height
    expect(l.bars[1].height).toBeCloseTo((100 * Math.log(2)) / Math.log(2000), 9);
  });

  test.each([
    ['no bins', { bins: [], cuts: [] }],
    ['no bins but cuts', { bins: [], cuts: [3, 9] }],
    ['all counts zero', { bins: [{ x0: 0, x1: 5, count: 0 }], cuts: [2] }],
    ['a single point', { bins: [{ x0: 4, x1: 4, count: 3 }], cuts: [4] }],
    ['log with zero counts', { bins: [{ x0: 0, x1: 5, count: 0 }], cuts: [], logY: true }],
  ])('%s: no NaN', (_, over) => {
    const l = histogramLayout({ ...base, ...over });
    for (const b of l.bars) for (const v of [b.x, b.y, b.width, b.height]) expect(Number.isFinite(v)).toBe(true);
    for (const t of [...l.xTicks, ...l.yTicks]) expect(Number.isFinite(t.pos)).toBe(true);
    for (const c of l.cutLines) expect(Number.isFinite(c.x)).toBe(true);
    expect(l.empty).toBe(over.bins.length === 0);
  });

  test('the x label is centred under the plot', () => {
    const l = histogramLayout({ ...base, margin: undefined, width: 400, height: 200 });
    expect(l.xLabel.text).toBe('Days since last order');
    expect(l.xLabel.x).toBe(l.plot.x + l.plot.width / 2);
    expect(l.xLabel.y).toBeGreaterThan(l.xTickY);
    expect(l.xLabel.y).toBeLessThanOrEqual(200);
  });
});
