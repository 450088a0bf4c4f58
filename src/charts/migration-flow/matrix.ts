/**
 * Segment migration as a from × to grid: rows = segments before (in segmentOrder), columns = segments after,
 * each cell the customers (colour, text) and net revenue of that move, plus a totals column (per segment
 * before) and a totals row (per segment after). Pairs with no flow are empty cells, drawn but not selectable.
 */
import { interpolateBlues, scaleBand } from 'd3';
import { formatInt } from '../../i18n/format';
import type { MigrationFlow } from '../lifecycle-types';
import { EMPTY_FILL, cellShape, finiteExtent, sequentialColor, type CellShape, type Margin, plotFrame } from '../shared';
import { segmentOrder } from './layout';

export interface MigrationMatrixOptions {
  width: number;
  height: number;
  locale?: string;
  segments?: readonly string[];
  /** Room for row labels on the left and column labels on top (default top 40, right 8, bottom 8, left 110). */
  margin?: Partial<Margin>;
  fontSize?: number;
}

/** A cell; its `text` is the customer count. */
export interface MatrixCellShape extends CellShape {
  before: string;
  after: string;
  customers: number;
  revenue: number;
  /** No customer made this move. */
  empty: boolean;
  stay: boolean;
}

export interface MatrixTotal {
  segment: string;
  customers: number;
  revenue: number;
  /** Where the total's text goes (centre of its slot), formatted. */
  x: number;
  y: number;
  text: string;
}

export interface MatrixHeader {
  segment: string;
  /** Centre of the row (y) or column (x) the header names. */
  pos: number;
}

export interface MigrationMatrixLayout {
  empty: boolean;
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  /** Row-major: rows (before) in order, columns (after) in order within a row. */
  cells: MatrixCellShape[];
  rows: MatrixHeader[];
  columns: MatrixHeader[];
  /** Totals per segment before (a column right of the grid) and after (a row under it), and the grand total. */
  rowTotals: MatrixTotal[];
  columnTotals: MatrixTotal[];
  grandTotal: { customers: number; revenue: number; x: number; y: number; text: string };
  /** Position of the totals headers: above the totals column, left of the totals row. */
  totalsColumnX: number;
  totalsRowY: number;
  colorDomain: [number, number] | null;
}

const DEFAULT_MARGIN: Margin = { top: 40, right: 8, bottom: 8, left: 110 };

/** The grid of `flows`; two rows for the same (before, after) pair are added together. */
export function migrationMatrixLayout(flows: readonly MigrationFlow[], options: MigrationMatrixOptions): MigrationMatrixLayout {
  const { locale, fontSize = 11 } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);
  const used = flows.filter((f) => Number.isFinite(f.customers) && f.customers > 0);
  const order = segmentOrder(used, options.segments);
  const befores = order.filter((s) => used.some((f) => f.before === s));
  const afters = order.filter((s) => used.some((f) => f.after === s));

  type Sum = { customers: number; revenue: number };
  const pairs = new Map<string, Sum>();
  const beforeTotals = new Map<string, Sum>();
  const afterTotals = new Map<string, Sum>();
  const all: Sum = { customers: 0, revenue: 0 };
  const add = (map: Map<string, Sum>, key: string, f: MigrationFlow) => {
    const s = map.get(key) ?? { customers: 0, revenue: 0 };
    map.set(key, s);
    s.customers += f.customers;
    s.revenue += Number.isFinite(f.revenue) ? f.revenue : 0;
  };
  const pairKey = (b: string, a: string) => `${b}\u0000${a}`;
  for (const f of used) {
    add(pairs, pairKey(f.before, f.after), f);
    add(beforeTotals, f.before, f);
    add(afterTotals, f.after, f);
    all.customers += f.customers;
    all.revenue += Number.isFinite(f.revenue) ? f.revenue : 0;
  }
  const zero = { customers: 0, revenue: 0 };

  // One slot more on each axis for the totals.
  const x = scaleBand<string>().domain([...afters.map((s) => 'a:' + s), 'total']).range([plot.x, plot.x + plot.width]).paddingInner(0.04);
  const y = scaleBand<string>().domain([...befores.map((s) => 'b:' + s), 'total']).range([plot.y, plot.y + plot.height]).paddingInner(0.04);
  // From 0, so that a cell's darkness reads as its count (the smallest move is not the palest by accident).
  const extent = finiteExtent([...pairs.values()].map((v) => v.customers));
  const colorDomain: [number, number] | null = extent ? [0, extent[1]] : null;
  const color = sequentialColor(colorDomain, interpolateBlues);

  const cells: MatrixCellShape[] = [];
  for (const b of befores)
    for (const a of afters) {
      const s = pairs.get(pairKey(b, a)) ?? zero;
      const empty = s.customers === 0;
      const fill = empty ? EMPTY_FILL : color(s.customers);
      const shape = cellShape(x('a:' + a)!, y('b:' + b)!, x.bandwidth(), y.bandwidth(), fill, formatInt(s.customers, locale), fontSize);
      cells.push({ before: b, after: a, customers: s.customers, revenue: s.revenue, empty, stay: a === b, ...shape });
    }

  const midX = (k: string) => x(k)! + x.bandwidth() / 2;
  const midY = (k: string) => y(k)! + y.bandwidth() / 2 + fontSize * 0.35;
  return {
    empty: used.length === 0,
    width,
    height,
    plot,
    cells,
    rows: befores.map((s) => ({ segment: s, pos: y('b:' + s)! + y.bandwidth() / 2 })),
    columns: afters.map((s) => ({ segment: s, pos: x('a:' + s)! + x.bandwidth() / 2 })),
    rowTotals: befores.map((s) => {
      const t = beforeTotals.get(s)!;
      return { segment: s, ...t, x: midX('total'), y: midY('b:' + s), text: formatInt(t.customers, locale) };
    }),
    columnTotals: afters.map((s) => {
      const t = afterTotals.get(s)!;
      return { segment: s, ...t, x: midX('a:' + s), y: midY('total'), text: formatInt(t.customers, locale) };
    }),
    grandTotal: { ...all, x: midX('total'), y: midY('total'), text: formatInt(all.customers, locale) },
    totalsColumnX: midX('total'),
    totalsRowY: y('total')! + y.bandwidth() / 2,
    colorDomain,
  };
}
