import { describe, expect, test } from 'vitest';
import { interpolateBlues } from 'd3';
import { rfGridLayout, type RfCell } from '../../../src/charts/rf-grid/layout';
import { EMPTY_FILL } from '../../../src/charts/shared';

const cell = (r: number, f: number, customers: number, revenue = customers * 10, avgMonetary = 10): RfCell => ({
  r,
  f,
  customers,
  revenue,
  avgMonetary,
});
const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };
const at = (l: ReturnType<typeof rfGridLayout>, r: number, f: number) => l.cells.find((c) => c.r === r && c.f === f)!;

describe('rfGridLayout', () => {
  test.each([3, 4, 5])('k = %d: k×k cells, missing ones as 0 customers, in reading order (F k first)', (k) => {
    const l = rfGridLayout([cell(1, 1, 7)], { bins: k, metric: 'customers', width: 300, height: 300 });
    expect(l.cells).toHaveLength(k * k);
    expect(l.cells[0]).toMatchObject({ r: 1, f: k });
    expect(l.cells[k - 1]).toMatchObject({ r: k, f: k });
    expect(l.cells[k * k - 1]).toMatchObject({ r: k, f: 1 });
    expect(l.cells.filter((c) => !c.empty)).toHaveLength(1);
    expect(at(l, 2, 2)).toMatchObject({ customers: 0, empty: true, fill: EMPTY_FILL, text: '0' });
  });

  test('cell (5,5) is top-right, (1,1) bottom-left, (5,1) bottom-right, (1,5) top-left', () => {
    const l = rfGridLayout([], { bins: 5, metric: 'customers', width: 500, height: 500, margin: noMargin });
    // paddingInner 0.04: step = 500 / (5 − 0.04), band = 0.96 step
    const step = 500 / 4.96;
    const band = 0.96 * step;
    expect(at(l, 5, 5).x).toBeCloseTo(4 * step, 9);
    expect(at(l, 5, 5).y).toBeCloseTo(0, 9);
    expect(at(l, 5, 5).x + band).toBeCloseTo(500, 9);
    expect(at(l, 1, 1).x).toBeCloseTo(0, 9);
    expect(at(l, 1, 1).y + band).toBeCloseTo(500, 9);
    expect(at(l, 5, 1).x).toBeCloseTo(4 * step, 9);
    expect(at(l, 5, 1).y).toBeCloseTo(4 * step, 9);
    expect(at(l, 1, 5)).toMatchObject({ x: 0 });
    expect(at(l, 1, 5).y).toBeCloseTo(0, 9);
    expect(at(l, 3, 3).width).toBeCloseTo(band, 9);
  });

  test('ticks: R 1..k left to right under the plot; F k..1 top to bottom left of it', () => {
    const l = rfGridLayout([], { bins: 3, metric: 'customers', width: 348, height: 348 });
    expect(l.xTicks.map((t) => t.text)).toEqual(['1', '2', '3']);
    expect(l.yTicks.map((t) => t.text)).toEqual(['3', '2', '1']);
    for (let i = 1; i < 3; i++) {
      expect(l.xTicks[i].pos).toBeGreaterThan(l.xTicks[i - 1].pos);
      expect(l.yTicks[i].pos).toBeGreaterThan(l.yTicks[i - 1].pos);
    }
    expect(l.xTicks[0].y).toBeGreaterThan(l.plot.y + l.plot.height);
    expect(l.yTicks[0].x).toBeLessThan(l.plot.x);
    expect(l.xTitle.y).toBeGreaterThan(l.xTicks[0].y);
    expect(l.yTitle.x).toBeLessThan(l.yTicks[0].x);
    const c = at(l, 2, 3);
    expect(l.xTicks[1].pos).toBeCloseTo(c.x + c.width / 2, 9);
    expect(l.yTicks[0].pos).toBeCloseTo(c.y + c.height / 2, 9);
  });

  test.each([
    ['customers' as const, { lo: 0.15, hi: 0.9 }, [10, 40]],
    ['revenue' as const, { lo: 0.9, hi: 0.15 }, [100, 400]],
    ['avgMonetary' as const, { lo: 0.9, hi: 0.15 }, [2.5, 40]],
  ])('colour by %s: domain over the non-empty cells', (metric, t, domain) => {
    // lo: 10 customers, revenue 400 (avg 40); hi: 40 customers, revenue 100 (avg 2.5)
    const l = rfGridLayout([cell(1, 1, 10, 400, 40), cell(2, 2, 40, 100, 2.5)], { bins: 3, metric, width: 300, height: 300 });
    expect(l.colorDomain).toEqual(domain);
    expect(at(l, 1, 1).fill).toBe(interpolateBlues(t.lo));
    expect(at(l, 2, 2).fill).toBe(interpolateBlues(t.hi));
    expect(at(l, 3, 3).fill).toBe(EMPTY_FILL);
    expect(at(l, 1, 1).text).toBe('10');
  });

  test('average monetary of an empty cell is NaN (no customers), not 0, and gets the empty fill', () => {
    const l = rfGridLayout([cell(1, 1, 3)], { bins: 3, metric: 'avgMonetary', width: 300, height: 300 });
    expect(at(l, 3, 3).value).toBeNaN();
    expect(at(l, 3, 3).fill).toBe(EMPTY_FILL);
    expect(at(l, 1, 1).fill).toBe(interpolateBlues(0.525)); // single value → middle of the ramp
  });

  test('no cells at all: every cell empty, no NaN positions', () => {
    const l = rfGridLayout([], { bins: 5, metric: 'revenue', width: 400, height: 300 });
    expect(l.colorDomain).toBeNull();
    for (const c of l.cells) {
      expect(c.fill).toBe(EMPTY_FILL);
      for (const v of [c.x, c.y, c.width, c.height, c.textX, c.textY]) expect(Number.isFinite(v)).toBe(true);
    }
  });

  test('counts are formatted in the locale and hidden when the cell is too narrow', () => {
    const wide = rfGridLayout([cell(5, 4, 1234)], { bins: 5, metric: 'customers', width: 600, height: 400, locale: 'nl' });
    expect(at(wide, 5, 4)).toMatchObject({ text: '1.234', showText: true });
    const narrow = rfGridLayout([cell(5, 4, 1234567)], { bins: 5, metric: 'customers', width: 120, height: 120 });
    expect(at(narrow, 5, 4).showText).toBe(false);
  });

  test('cells with scores outside 1..k are ignored', () => {
    const l = rfGridLayout([cell(4, 1, 9), cell(0, 2, 9), cell(1.5, 1, 9)], { bins: 3, metric: 'customers', width: 300, height: 300 });
    expect(l.cells.every((c) => c.empty)).toBe(true);
  });

  test.each([2, 6, 4.5, NaN])('bins %d throws RangeError', (bins) => {
    expect(() => rfGridLayout([], { bins, metric: 'customers', width: 300, height: 300 })).toThrow(RangeError);
  });

  test('a duplicated cell throws RangeError', () => {
    expect(() =>
      rfGridLayout([cell(1, 1, 1), cell(1, 1, 2)], { bins: 3, metric: 'customers', width: 300, height: 300 }),
    ).toThrow(/R 1, F 1/);
  });
});
