import { describe, expect, test } from 'vitest';
import { peakSentence, whaleCurveLayout, type WhalePoint } from '../../../src/charts/whale-curve/layout';

/** Cumulative points from per-customer profits sorted desc, as the SQL will produce them. */
function points(profits: number[]): { pts: WhalePoint[]; total: number } {
  const total = profits.reduce((a, b) => a + b, 0);
  let cum = 0;
  const pts = profits.map((p, i) => {
    cum += p;
    return { cumCustomerShare: (i + 1) / profits.length, cumProfitShare: cum / total };
  });
  return { pts, total };
}

const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };

describe('whaleCurveLayout', () => {
  test('profits [10, 5, −3, −2]: cumulative [10, 15, 12, 10] of 10 → peak at 50 % of customers, 150 %', () => {
    const { pts, total } = points([10, 5, -3, -2]);
    expect(total).toBe(10);
    expect(pts.map((p) => p.cumProfitShare)).toEqual([1, 1.5, 1.2, 1]);
    const l = whaleCurveLayout(pts, total, { width: 400, height: 300, margin: noMargin });
    if (l.empty) throw new Error('expected a curve');
    expect(l.peak.customerShare).toBe(0.5);
    expect(l.peak.profitShare).toBe(1.5);
    expect(l.peakX).toBe(200);
    expect(l.peak.x).toBe(200);
    // y is linear: the 100 % line is 1/1.5 of the way from 0 % to the peak
    expect((l.zeroLine.y - l.hundredLine.y) / (l.zeroLine.y - l.peak.y)).toBeCloseTo(1 / 1.5, 9);
    expect(l.hundredLine).toMatchObject({ x1: 0, x2: 400 });
    // the path starts at (0 %, 0 %) and ends at (100 %, 100 %)
    expect(l.path.startsWith(`M0,${l.zeroLine.y}`)).toBe(true);
    expect(l.path.endsWith(`400,${l.hundredLine.y}`)).toBe(true);
    expect(l.path.match(/L/g)).toHaveLength(4);
  });

  test('ticks: x 0 %…100 %, y covers 0 % to the peak', () => {
    const { pts, total } = points([10, 5, -3, -2]);
    const l = whaleCurveLayout(pts, total, { width: 400, height: 300 });
    if (l.empty) throw new Error('expected a curve');
    expect(l.xTicks.map((t) => t.text)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(l.yTicks[0].value).toBe(0);
    expect(l.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(1.5);
    expect(l.yTicks.some((t) => t.text === '100%')).toBe(true);
  });

  test('ties at the peak take the first (fewest customers)', () => {
    const { pts, total } = points([6, 0, 0, -1]);
    const l = whaleCurveLayout(pts, total, { width: 100, height: 100 });
    if (l.empty) throw new Error('expected a curve');
    expect(l.peak.customerShare).toBe(0.25);
    expect(l.peak.profitShare).toBeCloseTo(1.2, 12);
  });

  test('a curve below zero keeps the 0 % line inside the plot', () => {
    // profits [1, −5, 8] sorted desc are [8, 1, −5]; here given unsorted to get a dip
    const pts = [
      { cumCustomerShare: 1 / 3, cumProfitShare: -1 },
      { cumCustomerShare: 2 / 3, cumProfitShare: 0.5 },
      { cumCustomerShare: 1, cumProfitShare: 1 },
    ];
    const l = whaleCurveLayout(pts, 2, { width: 100, height: 100, margin: noMargin });
    if (l.empty) throw new Error('expected a curve');
    expect(l.zeroLine.y).toBeGreaterThan(0);
    expect(l.zeroLine.y).toBeLessThan(100);
    expect(l.peak.profitShare).toBe(1);
  });

  test.each([
    [0, 'nonPositiveTotal'],
    [-5, 'nonPositiveTotal'],
    [NaN, 'nonPositiveTotal'],
  ])('total profit %d → empty (%s)', (total, reason) => {
    const { pts } = points([1, -1]);
    expect(whaleCurveLayout(pts, total, { width: 100, height: 100 })).toEqual({ empty: true, reason });
  });

  test('no points → empty (noPoints)', () => {
    expect(whaleCurveLayout([], 10, { width: 100, height: 100 })).toEqual({ empty: true, reason: 'noPoints' });
  });
});

describe('peakSentence', () => {
  test.each([
    [{ customerShare: 0.5, profitShare: 1.5 }, 50, 150, 50,
      'The most profitable 50% of customers earn 150% of the profit; the rest lose 50%.'],
    [{ customerShare: 0.2, profitShare: 1.312 }, 20, 131.2, 31.2,
      'The most profitable 20% of customers earn 131.2% of the profit; the rest lose 31.2%.'],
    [{ customerShare: 1, profitShare: 1 }, 100, 100, 0,
      'No customer group loses money: 100% of customers earn 100% of the profit.'],
  ])('%j → X %d, Y %d, Z %d', (peak, x, y, z, text) => {
    const s = peakSentence(peak);
    expect(s.customersPct).toBe(x);
    expect(s.profitPct).toBe(y);
    expect(s.lossPct).toBe(z);
    expect(s.lossPct).toBeCloseTo(s.profitPct - 100, 9);
    expect(s.text).toBe(text);
  });

  test('labels and locale come from the caller', () => {
    const s = peakSentence(
      { customerShare: 0.5, profitShare: 1.5 },
      { peak: (x, y, z) => `${x}|${y}|${z}`, noLoss: () => 'none' },
      'es',
    );
    expect(s.text).toBe('50\u00a0%|150\u00a0%|50\u00a0%');
  });
});
