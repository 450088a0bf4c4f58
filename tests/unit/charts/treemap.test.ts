import { describe, expect, test } from 'vitest';
import { interpolateBlues } from 'd3';
import { treemapLayout, type SegmentRow } from '../../../src/charts/treemap/layout';

const row = (segment: string, customers: number, revenueShare = 0.5, avgMonetary = 100): SegmentRow => ({
  segment,
  customers,
  revenue: customers * avgMonetary,
  revenueShare,
  avgMonetary,
});

const area = (t: { width: number; height: number }) => t.width * t.height;

function expectNoNaN(l: ReturnType<typeof treemapLayout>) {
  for (const t of l.tiles) {
    for (const v of [t.x, t.y, t.width, t.height, t.labelX, ...t.lines.map((x) => x.y)]) expect(Number.isFinite(v)).toBe(true);
    expect(t.fill).not.toMatch(/NaN|undefined/);
    expect(t.textFill).toMatch(/^#/);
  }
  if (l.colorDomain) expect(l.colorDomain.every(Number.isFinite)).toBe(true);
}

describe('treemapLayout', () => {
  test('two segments of 300 and 100 customers in 400×100, padding 0: areas 3:1, largest first', () => {
    const l = treemapLayout([row('Small', 100), row('Big', 300)], { width: 400, height: 100, colorBy: 'revenueShare', padding: 0 });
    expect(l.tiles.map((t) => t.segment)).toEqual(['Big', 'Small']);
    const [big, small] = l.tiles;
    expect(area(big)).toBeCloseTo(30_000, 6);
    expect(area(small)).toBeCloseTo(10_000, 6);
    expect(area(big) / area(small)).toBeCloseTo(3, 9);
    expect([big.x, big.y, big.width, big.height]).toEqual([0, 0, 300, 100]);
    expect([small.x, small.y, small.width, small.height]).toEqual([300, 0, 100, 100]);
  });

  test('areas sum to the whole rectangle (padding 0) and are proportional to customers', () => {
    const rows = [row('A', 500), row('B', 250), row('C', 125), row('D', 125)];
    const l = treemapLayout(rows, { width: 640, height: 360, colorBy: 'revenueShare', padding: 0 });
    const total = 640 * 360;
    for (const t of l.tiles) expect(area(t)).toBeCloseTo((t.row.customers / 1000) * total, 6);
  });

  test('padding 2 leaves gaps between tiles and around the edge', () => {
    const l = treemapLayout([row('Big', 300), row('Small', 100)], { width: 400, height: 100, colorBy: 'revenueShare' });
    const [big, small] = l.tiles;
    expect(big.x).toBe(2);
    expect(big.y).toBe(2);
    expect(small.x - (big.x + big.width)).toBeCloseTo(2, 9);
    expect(small.x + small.width).toBeCloseTo(398, 9);
  });

  test('ties in customers are ordered by segment name', () => {
    const l = treemapLayout([row('b', 10), row('a', 10), row('c', 20)], { width: 300, height: 200, colorBy: 'revenueShare' });
    expect(l.tiles.map((t) => t.segment)).toEqual(['c', 'a', 'b']);
  });

  test.each([
    ['revenueShare' as const, [row('Lo', 10, 0.1, 500), row('Hi', 10, 0.5, 20)], { Lo: 0.15, Hi: 0.9 }, [0.1, 0.5]],
    ['avgMonetary' as const, [row('Lo', 10, 0.1, 500), row('Hi', 10, 0.5, 20)], { Lo: 0.9, Hi: 0.15 }, [20, 500]],
  ])('colour by %s: domain is the data extent, ends at the ends of the ramp', (colorBy, rows, ts, domain) => {
    const l = treemapLayout(rows, { width: 200, height: 100, colorBy });
    expect(l.colorDomain).toEqual(domain);
    for (const t of l.tiles) expect(t.fill).toBe(interpolateBlues(ts[t.segment as 'Lo' | 'Hi']));
  });

  test.each([
    ['zero rows', [] as SegmentRow[], 0],
    ['one segment', [row('Only', 42)], 1],
    ['all-equal values', [row('A', 5, 0.25, 10), row('B', 5, 0.25, 10)], 2],
    ['rows with no customers are dropped', [row('A', 0), row('B', -3), row('C', NaN), row('D', 4)], 1],
    ['all rows without customers', [row('A', 0)], 0],
  ])('%s: no NaN anywhere', (_, rows, n) => {
    for (const colorBy of ['revenueShare', 'avgMonetary'] as const) {
      const l = treemapLayout(rows, { width: 300, height: 200, colorBy });
      expect(l.tiles).toHaveLength(n);
      expectNoNaN(l);
      for (const t of l.tiles) expect(t.fill).toMatch(/^rgb\(\d+, \d+, \d+\)$/);
      if (n === 1) expect(l.tiles[0].fill).toBe(interpolateBlues(0.525));
    }
  });

  test('zero size gives no tiles', () => {
    expect(treemapLayout([row('A', 5)], { width: 0, height: 100, colorBy: 'avgMonetary' }).tiles).toEqual([]);
  });

  test('labels: name, customers, revenue share; hidden when the tile is too small for them', () => {
    const l = treemapLayout([row('Champions', 2345, 0.312), row('Hibernating', 5, 0.001)], {
      width: 400,
      height: 200,
      colorBy: 'revenueShare',
    });
    const [champions, tiny] = l.tiles;
    expect(champions.lines.map((x) => x.text)).toEqual(['Champions', '2,345', '31.2%']);
    expect(champions.showLabel).toBe(true);
    expect(champions.lines[0].bold).toBe(true);
    expect(champions.lines[1].y).toBeGreaterThan(champions.lines[0].y);
    expect(champions.labelX).toBeGreaterThan(champions.x);
    expect(champions.lines[2].y).toBeLessThanOrEqual(champions.y + champions.height);
    expect(tiny.showLabel).toBe(false);
  });

  test('label numbers follow the locale', () => {
    const l = treemapLayout([row('Campeones', 12345, 0.312)], { width: 400, height: 200, colorBy: 'revenueShare', locale: 'es' });
    expect(l.tiles[0].lines.map((x) => x.text)).toEqual(['Campeones', '12.345', '31,2\u00a0%']);
  });

  test('a wide-enough but short tile hides its label', () => {
    const l = treemapLayout([row('A', 1)], { width: 400, height: 30, colorBy: 'revenueShare' });
    expect(l.tiles[0].showLabel).toBe(false);
  });
});
