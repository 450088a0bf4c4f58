/**
 * The segment reports (segment table, customers per rule, profit by segment, segment × profit decile) from the
 * per-cell sums, in TypeScript: a rule edit changes only which cell belongs to which segment, so after scoring
 * the worker reads the ≤ 125 cell sums once (src/sql/cells.ts) and every rule edit is answered here, without a
 * query. The outputs have the columns, order and definitions of the per-customer SQL reports of the tests
 * (tests/reference/: segmentSummarySql and ruleCountsSql, profitBySegmentSql and segmentProfitDecileSql); the
 * tests check that both give the same figures on real data.
 *
 * Money arrives as exact decimal text (DuckDB's DECIMAL as VARCHAR) and is summed exactly (BigInt, units of
 * 0.0001); it becomes a binary float once, at the end, as the SQL reports convert their exact sums.
 */
import { assignCells, OTHERS, type Bins } from './segment-rules';
import { fixedUnits, unitsText as fixedUnitsText } from './decimal';
import type { SegmentRule } from './settings';

/** One score cell's sums (cell_stats). Decimal sums as text; `null` sums when the cell has no known profit. */
export interface CellStat {
  rfm_cell: number;
  customers: number;
  net: string;
  sum_recency: string;
  sum_frequency: string;
  sum_monetary: string;
  /** Customers of the cell whose profit is known. */
  known: number;
  gross_margin: string | null;
  cost_to_serve: string;
  profit: string | null;
  /** Customers below the adequate level. */
  below: number;
}

/** Customers and profit of one score cell in one profit decile (cell_deciles). */
export interface CellDecile {
  rfm_cell: number;
  decile: number;
  customers: number;
  profit: string | null;
}

export interface RuleCountRow { rule_no: number | null; segment: string; cells: number; customers: number }
export interface SegmentSummaryRow {
  segment: string; customers: number; pct_customers: number | null; revenue: number; pct_revenue: number | null;
  avg_recency: number | null; avg_frequency: number | null; avg_monetary: number | null;
}
export interface ProfitBySegmentRow {
  segment: string; customers: number; revenue: number; gross_margin: number | null; cost_to_serve: number;
  profit: number | null; profit_text: string | null; profit_per_customer: number | null; below_adequate: number | null;
  pct_below_adequate: number | null;
}
export interface SegmentDecileRow { segment: string; decile: number; customers: number; profit: number }

const SCALE = 4;
const ONE = 10n ** BigInt(SCALE);

/** Exact units of 0.0001 of a decimal text ('-12.3400', '7', '0.5'); throws on anything else. */
export const decimalUnits = (text: string): bigint => fixedUnits(text, SCALE);

/** Units of 0.0001 as decimal text with 4 places, as DuckDB prints a DECIMAL(38,4) ('-0.5000'). */
export const unitsText = (units: bigint): string => fixedUnitsText(units, SCALE);

/** A DECIMAL(38,4) as DOUBLE, as DuckDB converts it: the units as a double divided by 10⁴. */
const toDouble = (units: bigint) => Number(units) / Number(ONE);

/** Segment names in report order: the order of each name's first rule, then 'Others' (unless a rule has that name). */
export function segmentNames(rules: readonly SegmentRule[]): string[] {
  const names: string[] = [];
  for (const r of rules) if (!names.includes(r.name)) names.push(r.name);
  return names.includes(OTHERS) ? names : [...names, OTHERS];
}

interface Sums {
  customers: number;
  net: bigint;
  recency: bigint;
  frequency: bigint;
  monetary: bigint;
  grossMargin: bigint;
  costToServe: bigint;
  profit: bigint;
  below: number;
}
const emptySums = (): Sums => ({ customers: 0, net: 0n, recency: 0n, frequency: 0n, monetary: 0n, grossMargin: 0n, costToServe: 0n, profit: 0n, below: 0 });

export interface SegmentReports {
  ruleCounts: RuleCountRow[];
  segments: SegmentSummaryRow[];
  bySegment: ProfitBySegmentRow[];
  deciles: SegmentDecileRow[];
}

/**
 * Every segment report for `rules` over the cell sums. `deciles` is empty unless `withDeciles` (the views draw
 * the decile matrix only when profit is known).
 */
export function segmentReports(
  rules: readonly SegmentRule[], bins: Bins, cells: readonly CellStat[], cellDeciles: readonly CellDecile[], withDeciles: boolean,
): SegmentReports {
  const assigned = assignCells(rules, bins);
  const segmentOf = new Map(assigned.map((c) => [c.cell, c.segment]));
  const names = segmentNames(rules);
  const per = new Map(names.map((n) => [n, emptySums()]));
  const total = emptySums();
  let known = 0;
  // Customers per cell, for the rule counts (a cell of the map with no customer counts 0).
  const customersInCell = new Map<number, number>();
  for (const c of cells) {
    // A cell outside the map (not possible with valid scores) would be 'Others', as the SQL's LEFT JOIN makes it.
    const s = per.get(segmentOf.get(c.rfm_cell) ?? OTHERS)!;
    for (const x of [s, total]) {
      x.customers += c.customers;
      x.net += decimalUnits(c.net);
      x.recency += BigInt(c.sum_recency);
      x.frequency += BigInt(c.sum_frequency);
      x.monetary += decimalUnits(c.sum_monetary);
      x.grossMargin += c.gross_margin === null ? 0n : decimalUnits(c.gross_margin);
      x.costToServe += decimalUnits(c.cost_to_serve);
      x.profit += c.profit === null ? 0n : decimalUnits(c.profit);
      x.below += c.below;
    }
    known += c.known;
    customersInCell.set(c.rfm_cell, (customersInCell.get(c.rfm_cell) ?? 0) + c.customers);
  }
  const profitKnown = total.customers > 0 && known === total.customers;

  const ruleCounts: RuleCountRow[] = [...rules.map((r, i) => ({ rule_no: i as number | null, segment: r.name, cells: 0, customers: 0 })),
    { rule_no: null, segment: OTHERS, cells: 0, customers: 0 }];
  for (const c of assigned) {
    const row = ruleCounts[c.rule === null ? rules.length : c.rule];
    row.cells++;
    row.customers += customersInCell.get(c.cell) ?? 0;
  }

  const segments: SegmentSummaryRow[] = names.map((segment) => {
    const s = per.get(segment)!;
    const any = s.customers > 0;
    return {
      segment,
      customers: s.customers,
      pct_customers: total.customers > 0 ? (100 * s.customers) / total.customers : null,
      revenue: toDouble(s.net),
      pct_revenue: total.net !== 0n ? (100 * toDouble(s.net)) / toDouble(total.net) : null,
      avg_recency: any ? Number(s.recency) / s.customers : null,
      avg_frequency: any ? Number(s.frequency) / s.customers : null,
      avg_monetary: any ? toDouble(s.monetary) / s.customers : null,
    };
  });

  const bySegment: ProfitBySegmentRow[] = names.map((segment) => {
    const s = per.get(segment)!;
    const any = s.customers > 0;
    return {
      segment,
      customers: s.customers,
      revenue: toDouble(s.net),
      gross_margin: profitKnown ? toDouble(s.grossMargin) : null,
      cost_to_serve: toDouble(s.costToServe),
      profit: profitKnown ? toDouble(s.profit) : null,
      profit_text: profitKnown ? unitsText(s.profit) : null,
      profit_per_customer: profitKnown && any ? toDouble(s.profit) / s.customers : null,
      below_adequate: profitKnown ? s.below : null,
      pct_below_adequate: profitKnown && any ? (100 * s.below) / s.customers : null,
    };
  });

  const deciles: SegmentDecileRow[] = [];
  if (withDeciles) {
    const grid = new Map(names.map((n) => [n, Array.from({ length: 10 }, () => ({ customers: 0, profit: 0n }))]));
    for (const d of cellDeciles) {
      const slot = grid.get(segmentOf.get(d.rfm_cell) ?? OTHERS)![d.decile - 1];
      slot.customers += d.customers;
      slot.profit += d.profit === null ? 0n : decimalUnits(d.profit);
    }
    for (const segment of names)
      grid.get(segment)!.forEach((x, i) => deciles.push({ segment, decile: i + 1, customers: x.customers, profit: toDouble(x.profit) }));
  }
  return { ruleCounts, segments, bySegment, deciles };
}
