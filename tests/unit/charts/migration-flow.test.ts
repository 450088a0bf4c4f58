import { describe, expect, test } from 'vitest';
import { interpolateBlues } from 'd3';
import { largestMoveSentences, largestMoves, migrationFlowLayout, segmentOrder } from '../../../src/charts/migration-flow/layout';
import { migrationMatrixLayout } from '../../../src/charts/migration-flow/matrix';
import { en } from '../../../src/i18n/en';
import { EMPTY_FILL } from '../../../src/charts/shared';
import type { MigrationFlow } from '../../../src/charts/lifecycle-types';

const flow = (before: string, after: string, customers: number, revenue = customers * 10): MigrationFlow => ({ before, after, customers, revenue });
// before: A 7 (5 stay, 2 → B), New 3 (→ A), B 1 (→ A); after: A 9, B 2.
const flows = [flow('New', 'A', 3), flow('A', 'A', 5), flow('A', 'B', 2), flow('B', 'A', 1)];
const noMargin = { top: 0, right: 0, bottom: 0, left: 0 };

describe('segmentOrder', () => {
  test('by customers on both sides (A 16, B 3, New 3), ties by name; a given order comes first', () => {
    expect(segmentOrder(flows)).toEqual(['A', 'B', 'New']);
    expect(segmentOrder(flows, ['New', 'Gone'])).toEqual(['New', 'A', 'B']);
  });
});

describe('migrationFlowLayout', () => {
  const l = migrationFlowLayout(flows, { width: 400, height: 300, margin: noMargin });
  const node = (id: string) => l.nodes.find((n) => n.id === id)!;

  test('before and after are distinct nodes, even for the same segment: 3 on the left, 2 on the right', () => {
    expect(l.nodes.map((n) => n.id)).toEqual(['before:A', 'before:B', 'before:New', 'after:A', 'after:B']);
    expect(node('before:A').x0).toBe(0);
    expect(node('after:A').x1).toBe(400);
    expect(node('before:A').anchor).toBe('end');
    expect(node('after:A').anchor).toBe('start');
  });

  test('node values equal the sums of their links, in and out', () => {
    expect(l.nodes.map((n) => [n.id, n.customers])).toEqual([['before:A', 7], ['before:B', 1], ['before:New', 3], ['after:A', 9], ['after:B', 2]]);
    for (const n of l.nodes) {
      const own = l.links.filter((k) => (n.side === 'before' ? k.before : k.after) === n.segment);
      expect(own.reduce((s, k) => s + k.customers, 0)).toBe(n.customers);
    }
  });

  test('one link per flow, widths in proportion to customers, paths from the before node to the after node', () => {
    expect(l.links).toHaveLength(4);
    const link = (b: string, a: string) => l.links.find((k) => k.before === b && k.after === a)!;
    expect(link('A', 'A').width / link('A', 'B').width).toBeCloseTo(5 / 2, 9);
    expect(link('A', 'A').stay).toBe(true);
    expect(link('A', 'B').stay).toBe(false);
    expect(link('A', 'B').path.startsWith(`M${node('before:A').x1},`)).toBe(true);
    expect(link('A', 'B').path).toContain(`,${node('after:B').x0},`);
    // a segment keeps its colour on both sides; a link takes its before segment's
    expect(node('before:A').fill).toBe(node('after:A').fill);
    expect(link('New', 'A').color).toBe(node('before:New').fill);
  });

  test('the given order sets the nodes top to bottom', () => {
    const o = migrationFlowLayout(flows, { width: 400, height: 300, margin: noMargin, segments: ['New', 'B', 'A'] });
    const before = o.nodes.filter((n) => n.side === 'before');
    expect(before.map((n) => n.segment)).toEqual(['New', 'B', 'A']);
    expect(before[0].y0).toBeLessThan(before[1].y0);
    expect(before[1].y0).toBeLessThan(before[2].y0);
  });

  test.each([
    ['no flows', []],
    ['only zero flows', [flow('A', 'B', 0)]],
  ])('%s: empty', (_, input) => {
    expect(migrationFlowLayout(input, { width: 400, height: 300 })).toMatchObject({ empty: true, nodes: [], links: [] });
  });

  test('counts are formatted in the locale', () => {
    const big = migrationFlowLayout([flow('A', 'B', 1234)], { width: 400, height: 300, locale: 'nl' });
    expect(big.nodes.map((n) => n.countText)).toEqual(['1.234', '1.234']);
  });
});

describe('largestMoves', () => {
  const many = [flow('A', 'A', 50), flow('A', 'B', 10), flow('New', 'A', 10), flow('C', 'B', 30), flow('B', 'A', 10), flow('D', 'E', 0)];

  test.each([
    [3, ['C→B', 'A→B', 'B→A']],
    [10, ['C→B', 'A→B', 'B→A', 'New→A']],
    [0, []],
  ])('k = %d: stays and empty flows left out, most customers first, ties by names', (k, expected) => {
    expect(largestMoves(many, k).map((f) => `${f.before}→${f.after}`)).toEqual(expected);
  });

  test('sentences through the message function, counts formatted', () => {
    const input = [flow('Champions', 'At Risk', 1312), flow('Champions', 'Champions', 4000)];
    expect(largestMoveSentences(input, 2, en.lifecycleCharts.migrationMove)).toEqual(['1,312 Champions became At Risk']);
    expect(largestMoveSentences(input, 2, en.lifecycleCharts.migrationMove, 'nl')).toEqual(['1.312 Champions became At Risk']);
  });
});

describe('migrationMatrixLayout', () => {
  // 3 columns (A, B, total) in 296 px, 4 rows (A, B, New, total) in 396 px: step 100, band 96.
  const m = migrationMatrixLayout(flows, { width: 296, height: 396, margin: noMargin });
  const cell = (b: string, a: string) => m.cells.find((c) => c.before === b && c.after === a)!;

  test('rows = before segments, columns = after segments, every pair a cell (no flow → empty)', () => {
    expect(m.rows.map((r) => [r.segment, r.pos])).toEqual([['A', 48], ['B', 148], ['New', 248]]);
    expect(m.columns.map((c) => [c.segment, c.pos])).toEqual([['A', 48], ['B', 148]]);
    expect(m.cells.map((c) => `${c.before}→${c.after}:${c.customers}`)).toEqual(['A→A:5', 'A→B:2', 'B→A:1', 'B→B:0', 'New→A:3', 'New→B:0']);
    expect(cell('New', 'B')).toMatchObject({ empty: true, fill: EMPTY_FILL });
    expect(cell('B', 'A')).toMatchObject({ x: 0, y: 100, empty: false, stay: false, revenue: 10 });
    expect(cell('A', 'A').stay).toBe(true);
  });

  test('colour by customers over [0, 5]', () => {
    expect(m.colorDomain).toEqual([0, 5]);
    expect(cell('A', 'A').fill).toBe(interpolateBlues(0.9));
    expect(cell('A', 'B').fill).toBe(interpolateBlues(0.15 + 0.4 * 0.75));
  });

  test('row and column totals, and the grand total, in the totals slots', () => {
    expect(m.rowTotals.map((t) => [t.segment, t.customers, t.revenue])).toEqual([['A', 7, 70], ['B', 1, 10], ['New', 3, 30]]);
    expect(m.columnTotals.map((t) => [t.segment, t.customers, t.revenue])).toEqual([['A', 9, 90], ['B', 2, 20]]);
    expect(m.grandTotal).toMatchObject({ customers: 11, revenue: 110, text: '11', x: 248 });
    expect(m.rowTotals[0].x).toBe(248);
    expect(m.totalsRowY).toBe(348);
  });

  test('two rows for the same pair are added together; no flows → empty', () => {
    const twice = migrationMatrixLayout([flow('A', 'B', 2, 5), flow('A', 'B', 3, 7)], { width: 200, height: 200 });
    expect(twice.cells).toHaveLength(1);
    expect(twice.cells[0]).toMatchObject({ customers: 5, revenue: 12 });
    expect(migrationMatrixLayout([], { width: 200, height: 200 })).toMatchObject({ empty: true, cells: [], colorDomain: null });
  });
});
