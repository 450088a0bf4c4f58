import { describe, expect, test } from 'vitest';
import { pagesFor, rowWindow, scrollTopToShow, visibleRange, type RowRange } from '../../../src/ui/customers/virtual-window';

type Five = [number, number, number, number, number];

describe('visibleRange(scrollTop, viewportHeight, rowHeight, total, overscan)', () => {
  // Hand-computed: first = floor(top / rh), last = ceil((top + vh) / rh), widened by the overscan and clamped.
  const cases: { name: string; args: Five; want: RowRange }[] = [
    { name: 'top of a long list', args: [0, 420, 28, 1000, 5], want: { start: 0, end: 20 } }, // rows 0..14 + 5
    { name: 'part-scrolled, overscan clamped at 0', args: [100, 420, 28, 1000, 5], want: { start: 0, end: 24 } }, // 3..18
    { name: 'row 100 at the top', args: [2800, 420, 28, 1000, 5], want: { start: 95, end: 120 } }, // 100..114
    { name: 'scrolled to the end', args: [27580, 420, 28, 1000, 5], want: { start: 980, end: 1000 } }, // 985..999
    { name: 'exact fit, no overscan', args: [28, 56, 28, 10, 0], want: { start: 1, end: 3 } },
    { name: 'a partly visible third row', args: [30, 56, 28, 10, 0], want: { start: 1, end: 4 } },
    { name: 'scrollTop past the end of a list that shrank', args: [28000, 420, 28, 10, 5], want: { start: 0, end: 10 } },
    { name: 'past the end, list longer than the viewport', args: [5000, 420, 28, 100, 2], want: { start: 83, end: 100 } }, // last 15 rows
    { name: 'no rows', args: [0, 420, 28, 0, 5], want: { start: 0, end: 0 } },
    { name: 'a zero-height viewport still gives one row', args: [56, 0, 28, 10, 0], want: { start: 2, end: 3 } },
    { name: 'negative scrollTop (overscroll bounce)', args: [-40, 420, 28, 1000, 0], want: { start: 0, end: 15 } },
    { name: 'a million rows, deep', args: [27_999_580, 420, 28, 1_000_000, 5], want: { start: 999_980, end: 1_000_000 } },
  ];
  test.each(cases)('$name', ({ args, want }) => {
    expect(visibleRange(...args)).toEqual(want);
  });
});

describe('pagesFor(start, end, pageSize)', () => {
  const cases: { args: [number, number, number]; want: number[] }[] = [
    { args: [0, 20, 200], want: [0] },
    { args: [190, 215, 200], want: [0, 1] },
    { args: [200, 400, 200], want: [1] },
    { args: [399, 401, 200], want: [1, 2] },
    { args: [0, 1000, 200], want: [0, 1, 2, 3, 4] },
    { args: [999_980, 1_000_000, 200], want: [4999] },
    { args: [5, 5, 200], want: [] },
    { args: [10, 5, 200], want: [] },
    { args: [0, 10, 0], want: [] },
  ];
  test.each(cases)('rows $args.0..$args.1 in pages of $args.2 → $want', ({ args, want }) => {
    expect(pagesFor(...args)).toEqual(want);
  });
});

describe('rowWindow: spacer heights', () => {
  test('a list that fits: rows sit at index × rowHeight', () => {
    // rows 95..119 rendered (25 × 28 = 700 px); 95 × 28 = 2660 above; 28000 − 2660 − 700 = 24640 below.
    expect(rowWindow(2800, 420, 28, 1000, 5)).toEqual({ start: 95, end: 120, padTop: 2660, padBottom: 24640, height: 28000, ratio: 1 });
  });

  test('a million rows of 28 px are squeezed under the maximum scroll height', () => {
    const w = rowWindow(0, 420, 28, 1_000_000, 5);
    expect(w.height).toBe(15_000_000);
    expect(w.ratio).toBeCloseTo(27_999_580 / 14_999_580, 12);
    expect(w).toMatchObject({ start: 0, end: 20, padTop: 0 });
    expect(w.padTop + (w.end - w.start) * 28 + w.padBottom).toBe(15_000_000);
  });

  // Scaled case by hand: 100 rows × 10 px = 1000 px into at most 550 px with a 100 px viewport:
  // virtual scroll 0..900, physical 0..450, so ratio = 2.
  test.each([
    // scrollTop 225 → virtual 450 → rows 45..54 visible, 43..56 rendered; row 45 must show at 225:
    // padTop = 225 − (450 − 430) = 205; 14 rows = 140 px; padBottom = 550 − 205 − 140 = 205.
    { scrollTop: 225, want: { start: 43, end: 57, padTop: 205, padBottom: 205 } },
    // the end: virtual 900 → rows 90..99, 88..99 rendered; padTop = 450 − (900 − 880) = 430; 120 px of rows; 0 below.
    { scrollTop: 450, want: { start: 88, end: 100, padTop: 430, padBottom: 0 } },
    { scrollTop: 0, want: { start: 0, end: 12, padTop: 0, padBottom: 430 } },
    // near the top the exact place (5 − 10 = −5) is clamped to 0.
    { scrollTop: 5, want: { start: 0, end: 13, padTop: 0, padBottom: 420 } },
    // a scrollTop past the physical maximum counts as the maximum.
    { scrollTop: 9999, want: { start: 88, end: 100, padTop: 430, padBottom: 0 } },
  ])('scaled, scrollTop $scrollTop', ({ scrollTop, want }) => {
    expect(rowWindow(scrollTop, 100, 10, 100, 2, 550)).toEqual({ ...want, height: 550, ratio: 2 });
  });

  test('no rows: nothing rendered, no height', () => {
    expect(rowWindow(0, 420, 28, 0, 5)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0, height: 0, ratio: 1 });
  });
});

describe('scrollTopToShow: the least scrolling that shows a row', () => {
  const cases: { name: string; args: Five; want: number }[] = [
    { name: 'below: its bottom to the viewport bottom', args: [50, 0, 420, 28, 1000], want: 1008 }, // 51 × 28 − 420
    { name: 'above: its top to the viewport top', args: [2, 1008, 420, 28, 1000], want: 56 },
    { name: 'already visible: unchanged', args: [40, 1008, 420, 28, 1000], want: 1008 }, // 1120..1148 within 1008..1428
    { name: 'the last row', args: [999, 0, 420, 28, 1000], want: 27580 },
    { name: 'the first row', args: [0, 27580, 420, 28, 1000], want: 0 },
  ];
  test.each(cases)('$name', ({ args, want }) => {
    expect(scrollTopToShow(...args)).toBe(want);
  });

  test.each([
    { index: 80, scrollTop: 0, want: 355 }, // bottom 810 − 100 = 710 virtual → 355 physical
    { index: 10, scrollTop: 355, want: 50 }, // top 100 virtual → 50
    { index: 99, scrollTop: 0, want: 450 }, // 1000 − 100 = 900 → 450
  ])('scaled (ratio 2): row $index from $scrollTop → $want', ({ index, scrollTop, want }) => {
    expect(scrollTopToShow(index, scrollTop, 100, 10, 100, 550)).toBe(want);
  });

  test('the row it scrolls to is rendered inside the viewport (scaled)', () => {
    const top = scrollTopToShow(80, 0, 100, 10, 100, 550);
    const w = rowWindow(top, 100, 10, 100, 2, 550);
    const y = w.padTop + (80 - w.start) * 10; // physical top of row 80
    expect(y).toBeGreaterThanOrEqual(top);
    expect(y + 10).toBeLessThanOrEqual(top + 100);
  });
});
