/**
 * Customer profitability (src/sql/profit.ts) on the real engine (duckdb-wasm, Node build).
 * Hand-made data: every expected value is worked out by hand in the comments.
 * Real data: CDNOW with a typed 30 % margin and 2.50 per order, against the README's totals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { loadCdnowTx, loadLines, TX_DDL } from '../helpers/reference-tx';
import { computeCutsSql, customerFiguresSql, ordersTableSql } from '../../src/sql/rfm';
import { scoresSql, segmentTablesSql } from '../reference/rfm-sql';
import { costModelProblems, hasCostSql, profitTotalsSql, whaleCurveSql, whalePeakSql } from '../../src/sql/profit';
import { customerProfitSql, customersByProfitRankSql, profitBySegmentSql, segmentProfitDecileSql, unprofitableSql } from '../reference/profit-sql';
import type { CostModel } from '../../src/domain/settings';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

/** A tx line with a cost: [customer, order, day, amount, cost (null = empty)]; is_return = amount < 0. */
type CostLine = [customer: string, order: string, day: string, amount: string, cost: string | null];

const q = (s: string) => "'" + s.replaceAll("'", "''") + "'";

function loadCostLines(lines: CostLine[]): void {
  engine.exec(TX_DDL);
  const values = lines.map(
    ([c, o, d, a, cost], i) =>
      `(${i + 1}, 1, ${q(c)}, ${q(o)}, DATE ${q(d)}, CAST(${q(a)} AS DECIMAL(18,4)), ${
        cost === null ? 'NULL' : `CAST(${q(cost)} AS DECIMAL(18,4))`
      }, CAST(${q(a)} AS DECIMAL(18,4)) < 0)`,
  );
  engine.exec(`INSERT INTO tx VALUES ${values.join(', ')}`);
}

function model(p: Partial<CostModel> = {}): CostModel {
  return { marginPct: null, costPerOrder: '0', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0', ...p };
}

function profit(costModel: CostModel, analysisDate: string | null = null): void {
  engine.exec(ordersTableSql());
  engine.exec(customerFiguresSql({ analysisDate, monetaryMode: 'total' }));
  const hasCost = engine.one<{ has_cost: boolean }>(hasCostSql())!.has_cost;
  engine.exec(customerProfitSql({ costModel, hasCost }));
}

interface Row {
  customer_id: string;
  revenue: string;
  cogs: string | null;
  gross_margin: string | null;
  orders: number;
  returned_orders: number;
  relationship_days: number;
  order_cost: string;
  return_cost: string;
  relationship_cost: string;
  cost_to_serve: string;
  profit: string | null;
  below_adequate: boolean | null;
  sink_reason: string | null;
  profit_rank: number;
}

/** Every customer_profit row, decimals as text. */
function table(): Record<string, Omit<Row, 'customer_id'>> {
  const rows = engine.rows<Row>(`SELECT customer_id, CAST(revenue AS VARCHAR) AS revenue, CAST(cogs AS VARCHAR) AS cogs,
      CAST(gross_margin AS VARCHAR) AS gross_margin, orders, returned_orders, relationship_days,
      CAST(order_cost AS VARCHAR) AS order_cost, CAST(return_cost AS VARCHAR) AS return_cost,
      CAST(relationship_cost AS VARCHAR) AS relationship_cost, CAST(cost_to_serve AS VARCHAR) AS cost_to_serve,
      CAST(profit AS VARCHAR) AS profit, below_adequate, sink_reason, profit_rank
    FROM customer_profit ORDER BY customer_id`);
  return Object.fromEntries(rows.map(({ customer_id, ...r }) => [customer_id, r]));
}

interface Totals {
  customers: number;
  profit_known: boolean;
  revenue_text: string | null;
  gross_margin_text: string | null;
  cost_to_serve_text: string | null;
  profit_text: string | null;
  revenue: number | null;
  gross_margin: number | null;
  cost_to_serve: number | null;
  profit: number | null;
  below_adequate: number | null;
}

interface Point {
  rank: number;
  customer_share: number;
  cum_profit: number;
  cum_profit_text: string;
  profit_share: number | null;
  is_peak: boolean;
}

interface Peak {
  customers: number;
  peak_rank: number;
  peak_customer_share: number | null;
  peak_profit_share: number | null;
  peak_profit: number | null;
  peak_profit_text: string | null;
  total_profit: number | null;
  total_profit_text: string | null;
}

const curve = (max: number) => engine.rows<Point>(whaleCurveSql(max));
const peak = () => engine.one<Peak>(whalePeakSql())!;

describe('cost model validation', () => {
  it('accepts decimal text, rejects the rest', () => {
    expect(costModelProblems(model({ marginPct: '30', costPerOrder: '2.50', costPerReturn: '.5', adequateLevel: '-10' }))).toEqual([]);
    expect(costModelProblems(model({ marginPct: '-5' }))).toEqual([]);
    expect(costModelProblems(model({ marginPct: '100.5' })).map((p) => p.field)).toEqual(['marginPct']);
    expect(costModelProblems(model({ costPerOrder: '2,50' })).map((p) => p.field)).toEqual(['costPerOrder']);
    expect(costModelProblems(model({ costPerReturn: '-1' })).map((p) => p.field)).toEqual(['costPerReturn']);
    expect(costModelProblems(model({ costPerCustomerYear: '' })).map((p) => p.field)).toEqual(['costPerCustomerYear']);
    expect(costModelProblems(model({ adequateLevel: '1e3' })).map((p) => p.field)).toEqual(['adequateLevel']);
    // What the page words the message from: the kind, the text as typed, and the README's limits (12 digits before
    // the point, 10 after).
    const limits = { digits: 12, decimals: 10 };
    const brief = (m: Parameters<typeof model>[0]) => costModelProblems(model(m)).map(({ field, kind, text, limits }) => ({ field, kind, text, limits }));
    expect(brief({ costPerOrder: '2,50' })).toEqual([{ field: 'costPerOrder', kind: 'not-decimal', text: '2,50', limits }]);
    expect(brief({ costPerOrder: '1234567890123' })).toEqual([{ field: 'costPerOrder', kind: 'not-decimal', text: '1234567890123', limits }]);
    expect(brief({ costPerOrder: '123456789012.0123456789' })).toEqual([]);
    expect(brief({ marginPct: '100.5' })).toEqual([{ field: 'marginPct', kind: 'margin-over-100', text: '100.5', limits }]);
    expect(brief({ costPerReturn: '-1' })).toEqual([{ field: 'costPerReturn', kind: 'negative-cost', text: '-1', limits }]);
    expect(() => customerProfitSql({ costModel: model({ costPerOrder: 'x' }), hasCost: false })).toThrow(/costPerOrder/);
    expect(() => whaleCurveSql(2)).toThrow();
  });
});

describe('cost column, every cost-to-serve term non-zero', () => {
  // Analysis date A = 2024-07-01 (set): orders dated on or before it count, with all their lines.
  // Cost model: 1.50 per order, 4 per returned order, 10 per customer-year, adequate level 5; the typed
  // 40 % margin is ignored because the file has a cost.
  const lines: CostLine[] = [
    // A: A1 150.00 (cost 80), A2 30.00 (18), A3 a return −50.00 (−20), A4 dated 2024-07-01 = A, kept with its
    // 2024-07-03 line: 50.00 (29); A5 on 2024-07-02 is after A: ignored.
    ['A', 'A1', '2024-01-10', '100.00', '60.00'],
    ['A', 'A1', '2024-01-10', '50.00', '20.00'],
    ['A', 'A2', '2024-03-01', '30.00', '18.00'],
    ['A', 'A3', '2024-03-05', '-50.00', '-20.00'],
    ['A', 'A4', '2024-07-01', '40.00', '25.00'],
    ['A', 'A4', '2024-07-03', '10.00', '4.00'],
    ['A', 'A5', '2024-07-02', '500.00', '100.00'],
    // B: only a return.
    ['B', 'B1', '2024-02-01', '-20.00', '-12.00'],
    // C: six small orders of 3.00 (cost 1.00), 2024-06-01 … 06.
    ...[1, 2, 3, 4, 5, 6].map((d): CostLine => ['C', `C${d}`, `2024-06-0${d}`, '3.00', '1.00']),
    // D: D1 bought and returned in the same order (net 0), D2 40.00, D3 a cancellation without cost.
    ['D', 'D1', '2024-06-10', '40.00', '20.00'],
    ['D', 'D1', '2024-06-10', '-40.00', '-20.00'],
    ['D', 'D2', '2024-06-11', '40.00', '20.00'],
    ['D', 'D3', '2024-06-12', '-10.00', null],
    // E: one order two years before A.
    ['E', 'E1', '2022-07-01', '50.00', '30.00'],
    // F: one order on A itself, profit exactly the adequate level.
    ['F', 'F1', '2024-07-01', '10.00', '3.50'],
    // G: only after A: not a customer.
    ['G', 'G1', '2024-07-05', '99.00', '1.00'],
  ];
  const costModel = model({ marginPct: '40', costPerOrder: '1.50', costPerReturn: '4', costPerCustomerYear: '10', adequateLevel: '5' });

  it('gives every customer figure by hand', () => {
    loadCostLines(lines);
    engine.exec(ordersTableSql());
    expect(engine.one<{ has_cost: boolean }>(hasCostSql())!.has_cost).toBe(true);
    profit(costModel, '2024-07-01');
    // Days to A: A 2024-01-10 → 07-01 = 21 + 29 + 31 + 30 + 31 + 30 + 1 = 173 (2024 is a leap year);
    // B 02-01 → 07-01 = 29 + 31 + 30 + 31 + 30 = 151; C 30; D 21; E 2022-07-01 → 2024-07-01 = 365 + 366 = 731; F 0.
    // Relationship = 10 × days / 365: A 1730/365 = 4.73972… → 4.7397; B 1510/365 = 4.13698… → 4.1370;
    // C 300/365 = 0.82191… → 0.8219; D 210/365 = 0.57534… → 0.5753; E 7310/365 = 20.02739… → 20.0274; F 0.
    expect(table()).toEqual({
      // net 150 + 30 − 50 + 50 = 180; cogs 80 + 18 − 20 + 29 = 107; gm 73; 4 orders × 1.50 = 6; 1 return × 4;
      // cost to serve 6 + 4 + 4.7397 = 14.7397; profit 73 − 14.7397 = 58.2603 ≥ 5.
      A: {
        revenue: '180.0000', cogs: '107.0000', gross_margin: '73.0000', orders: 4, returned_orders: 1, relationship_days: 173,
        order_cost: '6.0000', return_cost: '4.0000', relationship_cost: '4.7397', cost_to_serve: '14.7397',
        profit: '58.2603', below_adequate: false, sink_reason: null, profit_rank: 1,
      },
      // gm −20 − (−12) = −8; 1.50 + 4 + 4.1370 = 9.6370; profit −17.6370; gm −8 < 5: low-margin.
      B: {
        revenue: '-20.0000', cogs: '-12.0000', gross_margin: '-8.0000', orders: 1, returned_orders: 1, relationship_days: 151,
        order_cost: '1.5000', return_cost: '4.0000', relationship_cost: '4.1370', cost_to_serve: '9.6370',
        profit: '-17.6370', below_adequate: true, sink_reason: 'low-margin', profit_rank: 6,
      },
      // gm 18 − 6 = 12 ≥ 5; 6 × 1.50 = 9 + 0.8219 = 9.8219; profit 2.1781 < 5; largest term orders: small-orders.
      C: {
        revenue: '18.0000', cogs: '6.0000', gross_margin: '12.0000', orders: 6, returned_orders: 0, relationship_days: 30,
        order_cost: '9.0000', return_cost: '0.0000', relationship_cost: '0.8219', cost_to_serve: '9.8219',
        profit: '2.1781', below_adequate: true, sink_reason: 'small-orders', profit_rank: 3,
      },
      // net 0 + 40 − 10 = 30; cogs 20 − 20 + 20 (+ nothing for the empty cost) = 20; gm 10 ≥ 5;
      // 3 orders 4.50, 2 returned orders (D1, D3) 8.00, 0.5753 → 13.0753; profit −3.0753: returns.
      D: {
        revenue: '30.0000', cogs: '20.0000', gross_margin: '10.0000', orders: 3, returned_orders: 2, relationship_days: 21,
        order_cost: '4.5000', return_cost: '8.0000', relationship_cost: '0.5753', cost_to_serve: '13.0753',
        profit: '-3.0753', below_adequate: true, sink_reason: 'returns', profit_rank: 5,
      },
      // gm 20 ≥ 5; 1.50 + 20.0274 = 21.5274; profit −1.5274: relationship.
      E: {
        revenue: '50.0000', cogs: '30.0000', gross_margin: '20.0000', orders: 1, returned_orders: 0, relationship_days: 731,
        order_cost: '1.5000', return_cost: '0.0000', relationship_cost: '20.0274', cost_to_serve: '21.5274',
        profit: '-1.5274', below_adequate: true, sink_reason: 'relationship', profit_rank: 4,
      },
      // gm 6.50 − 1.50 = 5.0000: equal to the level, so adequate.
      F: {
        revenue: '10.0000', cogs: '3.5000', gross_margin: '6.5000', orders: 1, returned_orders: 0, relationship_days: 0,
        order_cost: '1.5000', return_cost: '0.0000', relationship_cost: '0.0000', cost_to_serve: '1.5000',
        profit: '5.0000', below_adequate: false, sink_reason: null, profit_rank: 2,
      },
    });
  });

  it('totals, unprofitable list, whale curve and brush', () => {
    loadCostLines(lines);
    profit(costModel, '2024-07-01');
    // revenue 180 − 20 + 18 + 30 + 50 + 10 = 268; gm 73 − 8 + 12 + 10 + 20 + 6.5 = 113.5;
    // cost to serve 14.7397 + 9.6370 + 9.8219 + 13.0753 + 21.5274 + 1.5 = 70.3013; profit 113.5 − 70.3013 = 43.1987
    // (= 58.2603 − 17.6370 + 2.1781 − 3.0753 − 1.5274 + 5); below: B, C, D, E.
    expect(engine.one<Totals>(profitTotalsSql())).toEqual({
      customers: 6, profit_known: true,
      revenue_text: '268.0000', gross_margin_text: '113.5000', cost_to_serve_text: '70.3013', profit_text: '43.1987',
      revenue: 268, gross_margin: 113.5, cost_to_serve: 70.3013, profit: 43.1987, below_adequate: 4,
    });
    // Profit ascending: B −17.6370, D −3.0753, E −1.5274, C 2.1781.
    const low = engine.rows<{ customer_id: string; profit_text: string; sink_reason: string }>(unprofitableSql());
    expect(low.map((r) => [r.customer_id, r.profit_text, r.sink_reason])).toEqual([
      ['B', '-17.6370', 'low-margin'],
      ['D', '-3.0753', 'returns'],
      ['E', '-1.5274', 'relationship'],
      ['C', '2.1781', 'small-orders'],
    ]);
    expect(engine.rows<{ customer_id: string }>(unprofitableSql(2)).map((r) => r.customer_id)).toEqual(['B', 'D']);
    // Ranks: A 58.2603, F 5, C 2.1781, E −1.5274, D −3.0753, B −17.6370; cumulative: 58.2603, 63.2603,
    // 65.4384, 63.9110, 60.8357, 43.1987. Peak: k = 3, 3/6 = 0.5 of the customers, 65.4384 / 43.1987 of the profit.
    const pts = curve(100);
    expect(pts.map((p) => [p.rank, p.cum_profit_text, p.is_peak])).toEqual([
      [0, '0.0000', false],
      [1, '58.2603', false],
      [2, '63.2603', false],
      [3, '65.4384', true],
      [4, '63.9110', false],
      [5, '60.8357', false],
      [6, '43.1987', false],
    ]);
    expect(pts.map((p) => p.customer_share)).toEqual([0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]);
    expect(pts[0].profit_share).toBe(0);
    expect(pts[3].profit_share).toBeCloseTo(65.4384 / 43.1987, 12);
    expect(pts[6].profit_share).toBe(1);
    expect(peak()).toEqual({
      customers: 6, peak_rank: 3, peak_customer_share: 0.5, peak_profit_share: 65.4384 / 43.1987,
      peak_profit: 65.4384, peak_profit_text: '65.4384', total_profit: 43.1987, total_profit_text: '43.1987',
    });
    expect(engine.rows<{ customer_id: string; profit_rank: number }>(customersByProfitRankSql(2, 4)).map((r) => [r.customer_id, r.profit_rank])).toEqual([
      ['F', 2],
      ['C', 3],
      ['E', 4],
    ]);
  });
});

describe('a typed margin percentage (no cost in the file)', () => {
  it('gross margin = net × p / 100, returns and a return-only customer', () => {
    loadLines(engine, [
      ['H', 'H1', '2024-01-01', '100.10'],
      ['H', 'H2', '2024-02-01', '-20.05'],
      ['N', 'N1', '2024-02-01', '-30.00'],
    ]);
    engine.exec(ordersTableSql());
    expect(engine.one<{ has_cost: boolean }>(hasCostSql())!.has_cost).toBe(false);
    // Default A = 2024-02-02. 30 %, 2.50 per order, 1 per returned order, adequate level 0.
    profit(model({ marginPct: '30', costPerOrder: '2.50', costPerReturn: '1' }));
    const t = table();
    // H: net 80.05, gm 0.3 × 80.05 = 24.015 exactly, cogs 80.05 − 24.015 = 56.035; 2 orders 5.00 + 1 return 1.00;
    // profit 24.015 − 6 = 18.015.
    expect(t.H).toMatchObject({
      revenue: '80.0500', cogs: '56.0350', gross_margin: '24.0150', order_cost: '5.0000', return_cost: '1.0000',
      relationship_cost: '0.0000', cost_to_serve: '6.0000', profit: '18.0150', below_adequate: false, sink_reason: null,
    });
    // N: net −30, gm −9, cogs −21; 2.50 + 1 = 3.50; profit −12.50 < 0; gm −9 < 0: low-margin.
    expect(t.N).toMatchObject({
      revenue: '-30.0000', cogs: '-21.0000', gross_margin: '-9.0000', cost_to_serve: '3.5000', profit: '-12.5000',
      below_adequate: true, sink_reason: 'low-margin', returned_orders: 1,
    });
    // Total 18.015 − 12.5 = 5.515 > 0: peak after H (k = 1), 18.015 / 5.515 of the profit.
    expect(peak()).toMatchObject({ peak_rank: 1, peak_customer_share: 0.5, peak_profit_text: '18.0150', total_profit_text: '5.5150' });
  });

  it('rounds each customer half away from zero at 4 decimals', () => {
    // 12.5 %: gm = net / 8. J 0.0020 → 0.00025 → 0.0003 (half away; half-to-even would give 0.0002);
    // K −0.0020 → −0.0003 (cogs −0.0020 + 0.0003 = −0.0017); L 0.0012 → 0.00015 → 0.0002; M 0.0004 → 0.00005 → 0.0001; O 8.0008 → 1.0001 exactly.
    loadLines(engine, [
      ['J', null, '2024-01-01', '0.0020'],
      ['K', null, '2024-01-01', '-0.0020'],
      ['L', null, '2024-01-01', '0.0012'],
      ['M', null, '2024-01-01', '0.0004'],
      ['O', null, '2024-01-01', '8.0008'],
    ]);
    // 0.01825 per year, first order the day before A (1 day): 0.01825 / 365 = 0.00005 → 0.0001 (half away).
    profit(model({ marginPct: '12.5', costPerCustomerYear: '0.01825' }));
    const t = table();
    expect(Object.fromEntries(Object.entries(t).map(([id, r]) => [id, [r.gross_margin, r.cogs, r.relationship_cost, r.profit]]))).toEqual({
      J: ['0.0003', '0.0017', '0.0001', '0.0002'],
      K: ['-0.0003', '-0.0017', '0.0001', '-0.0004'],
      L: ['0.0002', '0.0010', '0.0001', '0.0001'],
      M: ['0.0001', '0.0003', '0.0001', '0.0000'],
      O: ['1.0001', '7.0007', '0.0001', '1.0000'],
    });
    // Totals are the sums of the rounded values: gm 0.0003 − 0.0003 + 0.0002 + 0.0001 + 1.0001 = 1.0004;
    // cost to serve 5 × 0.0001; profit 0.9999.
    expect(engine.one<Totals>(profitTotalsSql())).toMatchObject({ gross_margin_text: '1.0004', cost_to_serve_text: '0.0005', profit_text: '0.9999' });
  });

  it('cost-to-serve values too large for 64-bit arithmetic are still exact (128-bit path)', () => {
    loadLines(engine, [['P', 'P1', '2024-01-01', '1.00']]);
    // A = 2024-01-02: 1 order, 1 day. 999999999.9999 × 1 = 999999999.9999;
    // 123456789012.0000000001 ÷ 365 = 338237778.11506849… → 338237778.1151 (hand-computed with exact fractions).
    profit(model({ costPerOrder: '999999999.9999', costPerCustomerYear: '123456789012.0000000001' }));
    expect(table().P).toMatchObject({
      order_cost: '999999999.9999', relationship_cost: '338237778.1151', cost_to_serve: '1338237778.1150',
    });
  });

  it('without a percentage the profit is unknown', () => {
    loadLines(engine, [
      ['H', 'H1', '2024-01-01', '100.10'],
      ['H', 'H2', '2024-02-01', '-20.05'],
    ]);
    profit(model({ costPerOrder: '2.50', adequateLevel: '10' }));
    // Cost to serve is still known: 2 orders × 2.50.
    expect(table().H).toMatchObject({
      revenue: '80.0500', cogs: null, gross_margin: null, cost_to_serve: '5.0000', profit: null, below_adequate: null, sink_reason: null,
    });
    expect(engine.one<Totals>(profitTotalsSql())).toEqual({
      customers: 1, profit_known: false,
      revenue_text: '80.0500', gross_margin_text: null, cost_to_serve_text: '5.0000', profit_text: null,
      revenue: 80.05, gross_margin: null, cost_to_serve: 5, profit: null, below_adequate: null,
    });
    expect(engine.rows(unprofitableSql())).toEqual([]);
    expect(peak()).toMatchObject({ customers: 1, peak_customer_share: null, peak_profit_share: null, total_profit: null });
    expect(curve(10).every((p) => p.profit_share === null)).toBe(true);
  });
});

describe('whale curve, segments and deciles', () => {
  // One order each on 2024-01-01, zero cost to serve, adequate level 0: profit = amount − cost.
  // P 100 − 40 = 60, Q 50 − 20 = 30, R 30 − 20 = 10, S 20 − 20 = 0, T 15 − 40 = −25, U 10 − 35 = −25.
  const lines: CostLine[] = [
    ['P', 'P1', '2024-01-01', '100.00', '40.00'],
    ['Q', 'Q1', '2024-01-01', '50.00', '20.00'],
    ['R', 'R1', '2024-01-01', '30.00', '20.00'],
    ['S', 'S1', '2024-01-01', '20.00', '20.00'],
    ['T', 'T1', '2024-01-01', '15.00', '40.00'],
    ['U', 'U1', '2024-01-01', '10.00', '35.00'],
  ];

  function setup(): void {
    loadCostLines(lines);
    profit(model());
    // Segments on monetary alone: custom cuts 25 and 60 → M: P 100 → 3; Q 50, R 30 → 2; S, T, U → 1.
    const cuts = { recency: [1, 2], frequency: [1, 2], monetary: [25, 60] };
    engine.exec(computeCutsSql({ method: 'custom', bins: 3, customCuts: cuts }));
    engine.exec(scoresSql({ method: 'custom', bins: 3 }));
    engine.exec(
      segmentTablesSql(
        [
          { name: 'Top', r: [1, 3], f: [1, 3], m: [3, 3] },
          { name: 'Middle', r: [1, 3], f: [1, 3], m: [2, 2] },
          { name: 'Empty', r: [1, 1], f: [3, 3], m: [1, 1] },
        ],
        3,
      ),
    );
  }

  it('points, peak and ties', () => {
    setup();
    // Ranks P 1, Q 2, R 3, S 4, T 5, U 6 (T and U tie at −25: T first by customer_id).
    // Cumulative 60, 90, 100, 100, 75, 50; total 50. Peak: the first maximum, k = 3 (S adds 0).
    // Shares: (0, 0), (1/6, 1.2), (2/6, 1.8), (3/6, 2), (4/6, 2), (5/6, 1.5), (1, 1).
    const all = curve(7);
    expect(all.map((p) => [p.rank, p.customer_share, p.profit_share, p.is_peak])).toEqual([
      [0, 0, 0, false],
      [1, 1 / 6, 1.2, false],
      [2, 2 / 6, 1.8, false],
      [3, 3 / 6, 2, true],
      [4, 4 / 6, 2, false],
      [5, 5 / 6, 1.5, false],
      [6, 1, 1, false],
    ]);
    expect(peak()).toEqual({
      customers: 6, peak_rank: 3, peak_customer_share: 0.5, peak_profit_share: 2, peak_profit: 100, peak_profit_text: '100.0000',
      total_profit: 50, total_profit_text: '50.0000',
    });
    // Downsampling, n = 6: 6 + 1 = 7 points fit in 7. maxPoints 6: step ⌈6/3⌉ = 2 → 0, 2, 4, 6 and the peak 3.
    // maxPoints 5: step ⌈6/2⌉ = 3 → 0, 3, 6. maxPoints 4: step 6 → 0, 6 and the peak 3. maxPoints 3: 0, 3, 6.
    expect(curve(6).map((p) => p.rank)).toEqual([0, 2, 3, 4, 6]);
    expect(curve(5).map((p) => p.rank)).toEqual([0, 3, 6]);
    expect(curve(4).map((p) => p.rank)).toEqual([0, 3, 6]);
    expect(curve(3).map((p) => p.rank)).toEqual([0, 3, 6]);
    expect(engine.rows<{ customer_id: string }>(customersByProfitRankSql(4, 6)).map((r) => r.customer_id)).toEqual(['S', 'T', 'U']);
    // Below level 0: T and U (S's 0 is not below); both low-margin (gross margin −25 < 0).
    expect(engine.rows<{ customer_id: string; sink_reason: string }>(unprofitableSql()).map((r) => [r.customer_id, r.sink_reason])).toEqual([
      ['T', 'low-margin'],
      ['U', 'low-margin'],
    ]);
  });

  it('profit by segment', () => {
    setup();
    // Top: P (revenue 100, gm 60). Middle: Q, R (80, 40; 20 per customer). Empty: nobody.
    // Others: S, T, U (45, −50; −50/3 per customer; T, U below: 2 of 3 = 66.67 %).
    const rows = engine.rows<Record<string, unknown>>(profitBySegmentSql());
    expect(rows).toEqual([
      { segment: 'Top', customers: 1, revenue: 100, gross_margin: 60, cost_to_serve: 0, profit: 60, profit_text: '60.0000', profit_per_customer: 60, below_adequate: 0, pct_below_adequate: 0 },
      { segment: 'Middle', customers: 2, revenue: 80, gross_margin: 40, cost_to_serve: 0, profit: 40, profit_text: '40.0000', profit_per_customer: 20, below_adequate: 0, pct_below_adequate: 0 },
      { segment: 'Empty', customers: 0, revenue: 0, gross_margin: 0, cost_to_serve: 0, profit: 0, profit_text: '0.0000', profit_per_customer: null, below_adequate: 0, pct_below_adequate: null },
      { segment: 'Others', customers: 3, revenue: 45, gross_margin: -50, cost_to_serve: 0, profit: -50, profit_text: '-50.0000', profit_per_customer: -50 / 3, below_adequate: 2, pct_below_adequate: 200 / 3 },
    ]);
  });

  it('segment × profit-decile matrix', () => {
    setup();
    // n = 6, decile = ⌊(rank − 1) × 10 / 6⌋ + 1: P 1 → 1, Q 2 → 2, R 3 → ⌊20/6⌋ + 1 = 4, S 4 → 6, T 5 → 7, U 6 → 9.
    const rows = engine.rows<{ segment: string; decile: number; customers: number; profit: number }>(segmentProfitDecileSql());
    expect(rows.length).toBe(4 * 10);
    expect(rows.filter((r) => r.customers > 0).map((r) => [r.segment, r.decile, r.customers, r.profit])).toEqual([
      ['Top', 1, 1, 60],
      ['Middle', 2, 1, 30],
      ['Middle', 4, 1, 10],
      ['Others', 6, 1, 0],
      ['Others', 7, 1, -25],
      ['Others', 9, 1, -25],
    ]);
    expect(rows.slice(0, 10).map((r) => r.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...new Set(rows.map((r) => r.segment))]).toEqual(['Top', 'Middle', 'Empty', 'Others']);
  });
});

describe('total profit zero or negative', () => {
  it('zero total: shares NULL', () => {
    // V +10, W 5 − 15 = −10: total 0. Cumulative 0, 10, 0: peak k = 1 (10), shares NULL.
    loadCostLines([
      ['V', 'V1', '2024-01-01', '10.00', '0'],
      ['W', 'W1', '2024-01-01', '5.00', '15.00'],
    ]);
    profit(model());
    expect(engine.one<Totals>(profitTotalsSql())).toMatchObject({ profit_text: '0.0000', profit: 0, below_adequate: 1 });
    expect(curve(10).map((p) => [p.rank, p.cum_profit, p.profit_share])).toEqual([
      [0, 0, null],
      [1, 10, null],
      [2, 0, null],
    ]);
    expect(peak()).toEqual({
      customers: 2, peak_rank: 1, peak_customer_share: null, peak_profit_share: null, peak_profit: 10, peak_profit_text: '10.0000',
      total_profit: 0, total_profit_text: '0.0000',
    });
  });

  it('negative total, and every customer losing money', () => {
    // X +5, Y −20: total −15; cumulative 0, 5, −15: peak k = 1.
    loadCostLines([
      ['X', 'X1', '2024-01-01', '5.00', '0'],
      ['Y', 'Y1', '2024-01-01', '10.00', '30.00'],
    ]);
    profit(model());
    expect(peak()).toMatchObject({ peak_rank: 1, peak_customer_share: null, peak_profit_share: null, total_profit_text: '-15.0000' });
    expect(curve(10).map((p) => p.profit_share)).toEqual([null, null, null]);
    // 3 per order: Z1 gm 0 − 3 = −3, Z2 gm −1 − 3 = −4: cumulative 0, −3, −7: peak k = 0 (point 0).
    loadCostLines([
      ['Z1', 'Z1a', '2024-01-01', '10.00', '10.00'],
      ['Z2', 'Z2a', '2024-01-01', '10.00', '11.00'],
    ]);
    profit(model({ costPerOrder: '3' }));
    expect(peak()).toMatchObject({ peak_rank: 0, peak_profit_text: '0.0000', total_profit_text: '-7.0000', peak_profit_share: null });
    expect(curve(10).map((p) => [p.rank, p.cum_profit_text, p.is_peak])).toEqual([
      [0, '0.0000', true],
      [1, '-3.0000', false],
      [2, '-7.0000', false],
    ]);
  });
});

describe('edge cases', () => {
  it('no customer: zero totals, the single point (0, 0)', () => {
    loadLines(engine, []);
    profit(model({ marginPct: '30' }));
    expect(engine.one<Totals>(profitTotalsSql())).toMatchObject({ customers: 0, profit_known: true, profit_text: '0.0000', below_adequate: 0 });
    expect(curve(3).map((p) => [p.rank, p.customer_share, p.profit_share, p.is_peak])).toEqual([[0, 0, null, true]]);
    expect(peak()).toMatchObject({ customers: 0, peak_rank: 0, peak_customer_share: null, total_profit_text: '0.0000' });
  });

  it('the adequate level is compared exactly, as typed', () => {
    // Profits Z0 10 − 10 = 0.0000 and Z1 10 − 10.0001 = −0.0001, no cost to serve. Level −0.00005:
    // −0.0001 < −0.00005 is below, 0.0000 is not (a level rounded to −0.0001 would flag neither).
    loadCostLines([
      ['Z0', 'Z0a', '2024-01-01', '10.00', '10.00'],
      ['Z1', 'Z1a', '2024-01-01', '10.00', '10.0001'],
    ]);
    profit(model({ adequateLevel: '-0.00005' }));
    const t = table();
    expect([t.Z0.profit, t.Z0.below_adequate, t.Z1.profit, t.Z1.below_adequate, t.Z1.sink_reason]).toEqual([
      '0.0000', false, '-0.0001', true, 'low-margin',
    ]);
  });
});

describe('CDNOW (real data), no cost column: typed 30 % margin, 2.50 per order', () => {
  it('total profit to the cent, single customers, whale curve', () => {
    loadCdnowTx(engine);
    profit(model({ marginPct: '30', costPerOrder: '2.50' }));
    // README: revenue 2,500,315.63, 67,591 orders, 23,570 customers. Every net has at most 2 decimals, so
    // 0.3 × net has at most 3 and the per-customer rounding at 4 decimals changes nothing: the gross margin
    // total is exactly 0.3 × 2,500,315.63 = 750,094.689, the cost to serve 2.50 × 67,591 = 168,977.50, and the
    // profit 750,094.689 − 168,977.50 = 581,117.189 → '581117.1890'.
    const t = engine.one<Totals>(profitTotalsSql())!;
    expect(t).toMatchObject({
      customers: 23570, profit_known: true,
      revenue_text: '2500315.6300', gross_margin_text: '750094.6890', cost_to_serve_text: '168977.5000', profit_text: '581117.1890',
    });
    expect(t.profit).toBe(581117.189);
    // The per-customer column adds up to the total exactly.
    const sum = engine.one<{ s: string }>(`SELECT CAST(sum(profit) AS VARCHAR) AS s FROM customer_profit`)!.s;
    expect(sum).toBe(t.profit_text);
    // README single customers (one order a day): 00001 11.77, 1 order → 3.531 − 2.50 = 1.031;
    // 00002 89.00, 1 → 26.70 − 2.50 = 24.20; 00100 55.24, 3 → 16.572 − 7.50 = 9.072; 23570 94.08, 2 → 28.224 − 5 = 23.224;
    // 07592 13,990.93, 146 → 4,197.279 − 365 = 3,832.279.
    const rows = table();
    expect(['00001', '00002', '00100', '23570', '07592'].map((id) => rows[id].profit)).toEqual([
      '1.0310', '24.2000', '9.0720', '23.2240', '3832.2790',
    ]);
    // Independently (plain SQL on tx, one order = customer-day): customers with 0.3 × net − 2.50 × days > 0 (the
    // peak rank, since ranks run down the profits) and < 0 (below the adequate level 0).
    const ref = engine.one<{ pos: number; neg: number }>(`WITH c AS (
        SELECT customer_id, 0.3 * sum(amount) - 2.5 * count(DISTINCT order_date) AS p FROM tx GROUP BY customer_id)
      SELECT count(*) FILTER (WHERE p > 0) AS pos, count(*) FILTER (WHERE p < 0) AS neg FROM c`)!;
    expect(t.below_adequate).toBe(ref.neg);
    const pk = peak();
    expect(pk.peak_rank).toBe(ref.pos);
    expect(pk.total_profit_text).toBe('581117.1890');

    const all = curve(30000);
    expect(all.length).toBe(23571);
    expect([all[0].rank, all[0].customer_share, all[0].profit_share]).toEqual([0, 0, 0]);
    const last = all[all.length - 1];
    expect([last.rank, last.customer_share, last.profit_share]).toEqual([23570, 1, 1]);
    expect(all.filter((p) => p.is_peak).map((p) => p.rank)).toEqual([ref.pos]);

    // Downsampled to 200: at most 200 points, (0, 0), (1, 1) and the exact peak kept.
    const few = curve(200);
    expect(few.length).toBeLessThanOrEqual(200);
    expect([few[0].customer_share, few[0].profit_share]).toEqual([0, 0]);
    expect([few[few.length - 1].customer_share, few[few.length - 1].profit_share]).toEqual([1, 1]);
    const fewPeak = few.filter((p) => p.is_peak);
    expect(fewPeak.map((p) => p.rank)).toEqual([ref.pos]);
    expect(fewPeak[0].profit_share).toBe(pk.peak_profit_share);
    expect(Math.max(...few.map((p) => p.profit_share!))).toBe(pk.peak_profit_share);
  });
});
