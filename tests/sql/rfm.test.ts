/**
 * RFM figures, cut points and scores (src/sql/rfm.ts) on the real engine (duckdb-wasm, Node build).
 * Real data: every customer against the independent reference files in /work/shared/data/<set>/reference.
 * Hand-made data: the expected values are worked out by hand in the comments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import {
  loadCdnowTx,
  loadLines,
  loadOnlineRetailTx,
  loadRfmDataOrdersTx,
  readReferenceCsv,
  scaled,
  SIX_EQUAL_SIZE_CUSTOMERS,
  type Line,
} from '../helpers/reference-tx';
import { computeCutsSql, customerFiguresSql, ordersTableSql, defaultAnalysisDateSql, scoreCountsSql, validateCustomCuts, cutPointsSql } from '../../src/sql/rfm';
import { scoresSql } from '../reference/rfm-sql';
import type { CustomCuts, MonetaryMode, ScoreMethod } from '../../src/domain/settings';
import type { Bins } from '../../src/domain/segment-rules';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

interface Run {
  analysisDate?: string | null;
  monetaryMode?: MonetaryMode;
  method?: ScoreMethod;
  bins?: Bins;
  customCuts?: CustomCuts | null;
}

function run(p: Run = {}): void {
  const bins = p.bins ?? 5;
  const method = p.method ?? 'quantile';
  engine.exec(ordersTableSql());
  engine.exec(customerFiguresSql({ analysisDate: p.analysisDate ?? null, monetaryMode: p.monetaryMode ?? 'total' }));
  engine.exec(computeCutsSql({ method, bins, customCuts: p.customCuts ?? null }));
  engine.exec(scoresSql({ method, bins }));
}

interface Out {
  customer_id: string;
  first_order: string;
  last_order: string;
  orders: number;
  recency_days: number;
  frequency: number;
  net: string;
  monetary: string;
  r_score: number;
  f_score: number;
  m_score: number;
  rfm_cell: number;
}

function customers(): Out[] {
  return engine.rows<Out>(`SELECT f.customer_id, strftime(f.first_order, '%Y-%m-%d') AS first_order,
      strftime(f.last_order, '%Y-%m-%d') AS last_order, f.orders, f.recency_days, f.frequency,
      CAST(f.net AS VARCHAR) AS net, CAST(f.monetary AS VARCHAR) AS monetary, r_score, f_score, m_score, rfm_cell
    FROM customer_figures f JOIN customer_scores s USING (customer_id) ORDER BY f.customer_id`);
}

function byId(): Map<string, Out> {
  return new Map(customers().map((c) => [c.customer_id, c]));
}

/** Short form for hand-made checks: id → [recency, frequency, monetary, r, f, m]. */
function brief(): Record<string, [number, number, string, number, number, number]> {
  return Object.fromEntries(
    customers().map((c) => [c.customer_id, [c.recency_days, c.frequency, c.monetary, c.r_score, c.f_score, c.m_score]]),
  );
}

function cuts(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of engine.rows<{ measure: string; cut_no: number; cut_text: string; cut_value: number }>(cutPointsSql())) {
    expect(r.cut_value).toBe(Number(r.cut_text));
    (out[r.measure] ??= []).push(r.cut_text);
  }
  return out;
}

function scoreCounts(bins: Bins): Record<string, number[]> {
  const out: Record<string, number[]> = { recency: [], frequency: [], monetary: [] };
  for (const r of engine.rows<{ measure: string; score: number; customers: number }>(scoreCountsSql(bins))) out[r.measure][r.score - 1] = r.customers;
  return out;
}

/**
 * Compares every customer with a reference customers file: same customers, and for each one the
 * same first/last order, orders, recency, frequency, monetary (exact decimal), scores and cell.
 */
function compareWithReference(refPath: string): void {
  const ref = readReferenceCsv(engine, refPath);
  const ours = byId();
  expect(ours.size).toBe(ref.length);
  const problems: string[] = [];
  for (const r of ref) {
    const o = ours.get(r.customer_id);
    if (!o) {
      problems.push(`${r.customer_id}: missing`);
      continue;
    }
    const want: Record<string, string> = {
      first_order: r.first_order,
      last_order: r.last_order,
      orders: r.orders,
      recency_days: r.recency_days,
      frequency: r.frequency,
      r_score: r.r_score,
      f_score: r.f_score,
      m_score: r.m_score,
      rfm_cell: r.rfm_cell,
    };
    for (const [k, v] of Object.entries(want)) {
      const got = String(o[k as keyof Out]);
      if (got !== v) problems.push(`${r.customer_id} ${k}: ours ${got}, reference ${v}`);
    }
    if (scaled(o.monetary) !== scaled(r.monetary)) problems.push(`${r.customer_id} monetary: ours ${o.monetary}, reference ${r.monetary}`);
    if (o.net !== o.monetary) problems.push(`${r.customer_id}: net ${o.net} ≠ monetary ${o.monetary} in total mode`);
  }
  expect(problems.slice(0, 20)).toEqual([]);
  expect(problems.length).toBe(0);
}

describe('CDNOW (23,570 customers)', () => {
  beforeAll(() => {
    loadCdnowTx(engine);
    run();
  });

  it('builds tx as the README describes', () => {
    expect(engine.one(`SELECT count(*) AS n, count(DISTINCT customer_id) AS c, count(DISTINCT order_id) AS o,
      CAST(sum(amount) AS VARCHAR) AS revenue FROM tx`)).toEqual({ n: 69659, c: 23570, o: 67591, revenue: '2500315.6300' });
  });

  it('default analysis date is the day after the last order', () => {
    expect(engine.one(defaultAnalysisDateSql())).toEqual({ analysis_date: '1998-07-01' });
  });

  it('every customer equals the reference (figures, scores, cell)', () => {
    compareWithReference('cdnow/reference/cdnow.customers.csv.gz');
  });

  it('README single customers and top five', () => {
    const c = byId();
    const pick = (id: string) => [c.get(id)!.recency_days, c.get(id)!.frequency, c.get(id)!.monetary];
    expect(pick('00001')).toEqual([546, 1, '11.7700']);
    expect(pick('00002')).toEqual([535, 1, '89.0000']);
    expect(pick('00100')).toEqual([72, 3, '55.2400']);
    expect(pick('23570')).toEqual([462, 2, '94.0800']);
    expect(pick('07592')).toEqual([2, 146, '13990.9300']);
    expect(pick('14048')).toEqual([1, 171, '8976.3300']);
  });

  it('cut points are exactly 142, 433, 486, 513 / 1, 1, 2, 4 / 15.36, 31.35, 59.924, 133.95', () => {
    expect(cuts()).toEqual({
      recency: ['142', '433', '486', '513'],
      frequency: ['1', '1', '2', '4'],
      monetary: ['15.36', '31.35', '59.924', '133.95'],
    });
  });

  it('customer 00502 (15.36 + 16.99 = 32.35 exactly) scores M = 3: the cut 31.35 < 32.35 ≤ 59.924', () => {
    const c = byId().get('00502')!;
    expect(c.monetary).toBe('32.3500');
    expect(c.m_score).toBe(3);
  });

  it('customers per score, derived from the README figures', () => {
    // Frequency (positive orders) distribution: 0: 68, 1: 11,989, 2: 4,040, 3: 2,203, 4: 1,435.
    // Cuts 1, 1, 2, 4: F1 = value ≤ 1 = 68 + 11,989 = 12,057; F2 = values in (1, 1] = none;
    // F3 = (1, 2] = 4,040; F4 = (2, 4] = 2,203 + 1,435 = 3,638; F5 = the rest = 23,570 − 12,057 − 4,040 − 3,638 = 3,835.
    const f5 = 23570 - 12057 - 4040 - 3638;
    expect(f5).toBe(3835);
    expect(scoreCounts(5)).toEqual({
      recency: [4539, 4748, 4844, 4720, 4719],
      frequency: [68 + 11989, 0, 4040, 2203 + 1435, f5],
      monetary: [4817, 4615, 4710, 4715, 4713],
    });
    const dist = engine.rows<{ frequency: number; n: number }>(
      `SELECT frequency, count(*) AS n FROM customer_figures WHERE frequency <= 4 GROUP BY ALL ORDER BY 1`,
    );
    expect(dist.map((d) => d.n)).toEqual([68, 11989, 4040, 2203, 1435]);
  });
});

describe('Online Retail, December 2010 (948 customers)', () => {
  beforeAll(() => {
    loadOnlineRetailTx(engine, 'online_retail_2010-12.csv');
    run();
  });

  it('default analysis date 2010-12-24', () => {
    expect(engine.one(defaultAnalysisDateSql())).toEqual({ analysis_date: '2010-12-24' });
  });

  it('README totals', () => {
    expect(engine.one(`SELECT count(*) AS customers, CAST(sum(orders) AS INTEGER) AS orders, CAST(sum(net) AS VARCHAR) AS revenue,
      count(*) FILTER (WHERE frequency = 0) AS f0 FROM customer_figures`)).toEqual({
      customers: 948,
      orders: 1708,
      revenue: '554604.0200',
      f0: 63,
    });
  });

  it('every customer equals the reference', () => {
    compareWithReference('online_retail/reference/online_retail_2010-12.customers.csv');
  });

  it('cut points, with three coinciding frequency cuts (F2 and F3 empty)', () => {
    expect(cuts()).toEqual({
      recency: ['8', '10', '15', '18'],
      frequency: ['1', '1', '1', '2'],
      monetary: ['136.216', '254.138', '364.712', '662.608'],
    });
    const f = scoreCounts(5).frequency;
    expect(f[1]).toBe(0);
    expect(f[2]).toBe(0);
  });
});

describe('Online Retail, whole file (4,372 customers)', () => {
  beforeAll(() => {
    loadOnlineRetailTx(engine, 'online_retail.csv.gz');
    run();
  });

  it('every customer equals the reference', () => {
    compareWithReference('online_retail/reference/online_retail.customers.csv.gz');
  });

  it('README cut points, score counts and single customers', () => {
    expect(cuts()).toEqual({
      recency: ['12', '32', '72', '179'],
      frequency: ['1', '2', '3', '5'],
      monetary: ['234.392', '465.412', '909.134', '2002.092'],
    });
    expect(scoreCounts(5)).toEqual({
      recency: [874, 850, 884, 860, 904],
      frequency: [1527, 835, 508, 630, 872],
      monetary: [875, 874, 874, 874, 875],
    });
    const c = byId();
    // 12346.0: 74,215 units bought and cancelled the same day: 2 orders, 1 positive, net 0.
    expect(c.get('12346.0')).toMatchObject({ recency_days: 326, frequency: 1, orders: 2, monetary: '0.0000', rfm_cell: 111 });
    expect(c.get('17850.0')).toMatchObject({ recency_days: 303, frequency: 34, orders: 35, monetary: '5288.6300', rfm_cell: 155 });
    expect(c.get('16446.0')).toMatchObject({ recency_days: 1, frequency: 2, orders: 3, monetary: '2.9000', rfm_cell: 521 });
    expect(engine.one(`SELECT count(*) AS n, count(*) FILTER (WHERE frequency = 0) AS f0,
      count(*) FILTER (WHERE net < 0) AS negative, CAST(min(net) AS VARCHAR) AS lowest FROM customer_figures`)).toEqual({
      n: 4372,
      f0: 34,
      negative: 41,
      lowest: '-4287.6300',
    });
  });
});

describe('rfm_data_orders (995 customers)', () => {
  beforeAll(() => {
    loadRfmDataOrdersTx(engine);
    run();
  });

  it('every customer equals the reference', () => {
    compareWithReference('rfm_data_orders/reference/rfm_data_orders.customers.csv');
  });

  it('README totals and cut points', () => {
    expect(engine.one(defaultAnalysisDateSql())).toEqual({ analysis_date: '2006-12-31' });
    expect(engine.one(`SELECT count(*) AS customers, CAST(sum(orders) AS INTEGER) AS orders, CAST(sum(net) AS VARCHAR) AS revenue FROM customer_figures`)).toEqual({
      customers: 995,
      orders: 4895,
      revenue: '464158.0000',
    });
    expect(cuts()).toEqual({
      recency: ['114', '180', '296.4', '481'],
      frequency: ['3', '4', '5', '7'],
      monetary: ['254.8', '381', '505.4', '665'],
    });
    expect(scoreCounts(5)).toEqual({
      recency: [197, 201, 198, 199, 200],
      frequency: [269, 187, 178, 241, 120],
      monetary: [199, 201, 197, 203, 195],
    });
  });
});

describe('hand-made data', () => {
  it('one customer: every cut point is its own value, so R = 5, F = 1, M = 1', () => {
    // Orders: a|2024-01-01 = 10 + 5 = 15; a|2024-01-05 = 20. Default A = 2024-01-06.
    loadLines(engine, [
      ['a', null, '2024-01-01', '10'],
      ['a', null, '2024-01-01', '5'],
      ['a', null, '2024-01-05', '20'],
    ]);
    engine.exec(ordersTableSql());
    expect(engine.one(defaultAnalysisDateSql())).toEqual({ analysis_date: '2024-01-06' });
    run();
    // recency = 2024-01-06 − 2024-01-05 = 1; frequency 2; monetary 35. n = 1: every cut = the one value,
    // none strictly below it: R = 5 − 0, F = 1 + 0, M = 1 + 0.
    expect(brief()).toEqual({ a: [1, 2, '35.0000', 5, 1, 1] });
    expect(customers()[0]).toMatchObject({ first_order: '2024-01-01', last_order: '2024-01-05', orders: 2, rfm_cell: 511 });
    expect(cuts()).toEqual({ recency: ['1', '1', '1', '1'], frequency: ['2', '2', '2', '2'], monetary: ['35', '35', '35', '35'] });
  });

  it('all customers equal: everyone gets 511', () => {
    loadLines(engine, ['a', 'b', 'c', 'd'].map((c): Line => [c, null, '2024-03-01', '9.99']));
    run();
    // A = 2024-03-02, recency 1, frequency 1, monetary 9.99 for all; all cuts equal those values.
    const b = brief();
    for (const id of ['a', 'b', 'c', 'd']) expect(b[id]).toEqual([1, 1, '9.9900', 5, 1, 1]);
    expect(scoreCounts(5).frequency).toEqual([4, 0, 0, 0, 0]);
  });

  it('fewer distinct values than bins: ties stay together, empty scores are reported', () => {
    // Five customers, one order each on 2024-01-10 (A = 2024-01-11, recency 1),
    // monetary 1, 1, 1, 2, 2 (a..e). Sorted x = [1,1,1,2,2], n = 5, h = 4·j/5 = 0.8, 1.6, 2.4, 3.2:
    // c1 = x0 + 0.8·0 = 1; c2 = x1 + 0.6·0 = 1; c3 = x2 + 0.4·(2−1) = 1.4; c4 = x3 + 0.2·0 = 2.
    // M(1) = 1 + 0 = 1; M(2) = 1 + #{1, 1, 1.4} = 4. Scores 2, 3, 5 empty.
    loadLines(engine, [
      ['a', null, '2024-01-10', '1'],
      ['b', null, '2024-01-10', '1'],
      ['c', null, '2024-01-10', '1'],
      ['d', null, '2024-01-10', '2'],
      ['e', null, '2024-01-10', '2'],
    ]);
    run();
    expect(cuts().monetary).toEqual(['1', '1', '1.4', '2']);
    const b = brief();
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => b[id][5])).toEqual([1, 1, 1, 4, 4]);
    expect(scoreCounts(5).monetary).toEqual([3, 0, 0, 2, 0]);
  });

  it('returns subtract from monetary, are no purchase, but count for recency; negative monetary is kept', () => {
    // a: 2024-02-01 order o1 = 100 + 20 = 120; 2024-02-10 return r1 = −30 → frequency 1, orders 2,
    //    monetary 90, last order 2024-02-10 (the return).
    // b: 2024-02-05 order o2 = 10; 2024-02-06 return r2 = −25 → frequency 1, monetary −15.
    // c: only a return, 2024-02-08, −5 → frequency 0, monetary −5 (still a customer).
    // A = 2024-02-11 (after the last order, the return r1): recency a = 1, b = 5, c = 3.
    loadLines(engine, [
      ['a', 'o1', '2024-02-01', '100'],
      ['a', 'o1', '2024-02-01', '20'],
      ['a', 'r1', '2024-02-10', '-30'],
      ['b', 'o2', '2024-02-05', '10'],
      ['b', 'r2', '2024-02-06', '-25.0000'],
      ['c', 'r3', '2024-02-08', '-5'],
    ]);
    run({ bins: 3 });
    // n = 3, k = 3, h = 2·j/3 = 2/3, 4/3.
    // recency sorted [1,3,5]: c1 = 1 + (2/3)·2 = 7/3, c2 = 3 + (1/3)·2 = 11/3.
    //   R(1) = 3 − 0 = 3; R(3) = 3 − #{7/3} = 2; R(5) = 3 − 2 = 1.
    // frequency sorted [0,1,1]: c1 = 0 + (2/3)·1 = 2/3, c2 = 1. F(0) = 1; F(1) = 1 + #{2/3} = 2.
    // monetary sorted [−15,−5,90]: c1 = −15 + (2/3)·10 = −8.333…, c2 = −5 + (1/3)·95 = 26.666…
    //   M(−15) = 1; M(−5) = 2; M(90) = 3.
    expect(brief()).toEqual({
      a: [1, 1, '90.0000', 3, 2, 3],
      b: [5, 1, '-15.0000', 1, 2, 1],
      c: [3, 0, '-5.0000', 2, 1, 2],
    });
    expect(byId().get('a')).toMatchObject({ orders: 2, last_order: '2024-02-10' });
    // Thirds shown rounded at 10 decimals (half away from zero); the scores used the exact values.
    expect(cuts()).toEqual({
      recency: ['2.3333333333', '3.6666666667'],
      frequency: ['0.6666666667', '1'],
      monetary: ['-8.3333333333', '26.6666666667'],
    });
  });

  it('an analysis date before the last order drops the later orders', () => {
    // a: orders 2024-01-01 (10), 2024-01-20 (40); b: 2024-01-15 (5); c: only 2024-01-25 (7).
    loadLines(engine, [
      ['a', null, '2024-01-01', '10'],
      ['a', null, '2024-01-20', '40'],
      ['b', null, '2024-01-15', '5'],
      ['c', null, '2024-01-25', '7'],
    ]);
    // A = 2024-01-19: orders after it are ignored → a keeps only 2024-01-01 (recency 18), b recency 4,
    // c has no order on or before A and is no customer.
    run({ analysisDate: '2024-01-19' });
    const b = byId();
    expect([...b.keys()]).toEqual(['a', 'b']);
    expect(b.get('a')).toMatchObject({ recency_days: 18, frequency: 1, orders: 1, monetary: '10.0000', last_order: '2024-01-01' });
    expect(b.get('b')).toMatchObject({ recency_days: 4, monetary: '5.0000' });
    // A = 2024-01-20: an order on A itself counts, with recency 0.
    run({ analysisDate: '2024-01-20' });
    expect(byId().get('a')).toMatchObject({ recency_days: 0, frequency: 2, monetary: '50.0000' });
    // A later than the default: recency grows, nothing else changes.
    run({ analysisDate: '2024-02-25' });
    expect(byId().get('c')).toMatchObject({ recency_days: 31 });
  });

  it('monetary mode average: net ÷ positive orders, rounded half away from zero at 4 decimals, 0 without one', () => {
    // a: 10 + 10 + 0.0001 over 3 positive orders = 20.0001 / 3 = 6.66670 → 6.6667
    // b: 0.0001 + 0.0002 (2 orders) = 0.0003 / 2 = 0.00015 → 0.0002 (half away from zero)
    // c: 5 and −5.0003 → net −0.0003, 1 positive order → −0.0003
    // d: −0.0003 / … has no positive order → 0
    // e: 1 + 1 + 1 + 1 − 4.0002 (4 positive orders, one return) = −0.0002 / 4 = −0.00005 → −0.0001
    loadLines(engine, [
      ['a', null, '2024-01-01', '10'],
      ['a', null, '2024-01-02', '10'],
      ['a', null, '2024-01-03', '0.0001'],
      ['b', null, '2024-01-01', '0.0001'],
      ['b', null, '2024-01-02', '0.0002'],
      ['c', null, '2024-01-01', '5'],
      ['c', null, '2024-01-02', '-5.0003'],
      ['d', null, '2024-01-01', '-0.0003'],
      ['e', null, '2024-01-01', '1'],
      ['e', null, '2024-01-02', '1'],
      ['e', null, '2024-01-03', '1'],
      ['e', null, '2024-01-04', '1'],
      ['e', null, '2024-01-05', '-4.0002'],
    ]);
    run({ monetaryMode: 'average' });
    const m = Object.fromEntries(customers().map((c) => [c.customer_id, [c.monetary, c.net]]));
    expect(m).toEqual({
      a: ['6.6667', '20.0001'],
      b: ['0.0002', '0.0003'],
      c: ['-0.0003', '-0.0003'],
      d: ['0.0000', '-0.0003'],
      e: ['-0.0001', '-0.0002'],
    });
  });

  it('equal-size: groups of equal count, ties broken by customer_id, recency reversed', () => {
    // Six customers; frequency: a..f = 1,1,1,1,2,3 (orders on distinct days), all buy last on 2024-01-10
    // except: recency values (A = 2024-01-11): a 1, b 1, c 5, d 5, e 5, f 9.
    loadLines(engine, SIX_EQUAL_SIZE_CUSTOMERS);
    run({ method: 'equal-size', bins: 3 });
    // n = 6, k = 3: group = ⌊(rn−1)·3/6⌋ + 1 → rn 1,2 → 1; 3,4 → 2; 5,6 → 3.
    // frequency order (value, id): a1 b1 c1 d1 e2 f3 → F: a1 b1 c2 d2 e3 f3 (a..d tie at 1 but split by id).
    // monetary all 10: order by id a..f → M: a1 b1 c2 d2 e3 f3.
    // recency order: a1 b1 c5 d5 e5 f9 → groups a1 b1 c2 d2 e3 f3 → R = 4 − group: a3 b3 c2 d2 e1 f1.
    const b = brief();
    expect(Object.fromEntries(Object.entries(b).map(([id, v]) => [id, v.slice(3)]))).toEqual({
      a: [3, 1, 1],
      b: [3, 1, 1],
      c: [2, 2, 2],
      d: [2, 2, 2],
      e: [1, 3, 3],
      f: [1, 3, 3],
    });
    expect(cuts()).toEqual({});
    expect(scoreCounts(3).frequency).toEqual([2, 2, 2]);
    // 4 bins: group = ⌊(rn−1)·4/6⌋ + 1 → rn 1..6 → 1,1,2,3,3,4: sizes 2,1,2,1.
    run({ method: 'equal-size', bins: 4 });
    expect(scoreCounts(4)).toMatchObject({ frequency: [2, 1, 2, 1], monetary: [2, 1, 2, 1], recency: [1, 2, 1, 2] });
  });

  it('custom cut points: same comparison as quantiles, recency reversed', () => {
    // Recency a 1, b 10, c 30, d 100 (A = 2024-04-11); frequency a 1, b 1, c 1, d 1; monetary 5, 50, 50.01, 500.
    loadLines(engine, [
      ['a', null, '2024-04-10', '5'],
      ['b', null, '2024-04-01', '50'],
      ['c', null, '2024-03-12', '50.01'],
      ['d', null, '2024-01-02', '500'],
    ]);
    const customCuts: CustomCuts = { recency: [10, 30, 90], frequency: [1, 2, 3], monetary: [5, 50, 100] };
    run({ method: 'custom', bins: 4, customCuts });
    // R = 4 − #{cuts < recency}: 1 → 4; 10 → 4 (10 is not below 10); 30 → 3; 100 → 1.
    // F = 1 + #{cuts < 1} = 1 for all. M = 1 + #{cuts < m}: 5 → 1; 50 → 2; 50.01 → 3; 500 → 4.
    expect(Object.fromEntries(Object.entries(brief()).map(([id, v]) => [id, v.slice(3)]))).toEqual({
      a: [4, 1, 1],
      b: [4, 1, 2],
      c: [3, 1, 3],
      d: [1, 1, 4],
    });
    expect(cuts()).toEqual({ recency: ['10', '30', '90'], frequency: ['1', '2', '3'], monetary: ['5', '50', '100'] });
    // Cut points with more decimals than the amounts compare exactly: 50.005 < 50.01, 50.01 is not < 50.01.
    run({ method: 'custom', bins: 3, customCuts: { recency: [5, 50], frequency: [0, 1], monetary: [50.005, 50.01] } });
    expect(Object.fromEntries(Object.entries(brief()).map(([id, v]) => [id, v.slice(3)]))).toEqual({
      a: [3, 2, 1], // R: 1 → 3 − 0; F: 1 > 0 → 2; M: 5 → 1
      b: [2, 2, 1], // R: 10 > 5 → 2; M: 50 → 1
      c: [2, 2, 2], // R: 30 > 5 → 2; M: 50.01 > 50.005 only → 2
      d: [1, 2, 3], // R: 100 > 5, 50 → 1; M: 500 → 3
    });
    // A number JavaScript writes with an exponent (1e-7) is still read as an exact decimal.
    run({ method: 'custom', bins: 3, customCuts: { recency: [5, 50], frequency: [1e-7, 1], monetary: [50.005, 50.01] } });
    expect(cuts().frequency).toEqual(['0.0000001', '1']);
  });

  it('custom cut points between two amounts a ten-thousandth apart, negative ones included', () => {
    // Monetary −5, −0.0001, 0, 0.0001; cuts −0.00005 and 0.00005. M = 1 + #{cuts < m}:
    // −5 → 1; −0.0001 → 1 (−0.00005 is above it); 0 → 2; 0.0001 → 3.
    loadLines(engine, [
      ['a', null, '2024-04-10', '-5'],
      ['b', null, '2024-04-10', '-0.0001'],
      ['c', null, '2024-04-10', '0'],
      ['d', null, '2024-04-10', '0.0001'],
    ]);
    run({ method: 'custom', bins: 3, customCuts: { recency: [0, 1], frequency: [0, 1], monetary: [-0.00005, 0.00005] } });
    expect(Object.fromEntries(Object.entries(brief()).map(([id, v]) => [id, v[5]]))).toEqual({ a: 1, b: 1, c: 2, d: 3 });
  });

  it('custom cut points are validated', () => {
    expect(validateCustomCuts({ recency: [1, 2], frequency: [1, 2, 3, 4], monetary: [3, 2, 1, 0] }, 5)).toEqual([
      'recency: 4 cut points are needed.',
      'monetary: cut points must be in ascending order.',
    ]);
    expect(validateCustomCuts(null, 3)).toEqual(['Custom cut points are missing.']);
    expect(validateCustomCuts({ recency: [1, 1], frequency: [0, Number.NaN], monetary: [1, 2] }, 3)).toEqual([
      'frequency: every cut point must be a finite number.',
    ]);
    expect(() => computeCutsSql({ method: 'custom', bins: 3, customCuts: null })).toThrow(/missing/);
    expect(() => computeCutsSql({ method: 'quantile', bins: 6 as Bins })).toThrow(/3, 4 or 5/);
  });

  it('quantile with 4 bins (quartiles)', () => {
    // Monetary of a..e: 10, 20, 30, 40, 55. n = 5, k = 4, h = 4·j/4 = 1, 2, 3 → cuts 20, 30, 40 exactly.
    // M = 1 + #{cuts < m}: 10 → 1, 20 → 1, 30 → 2, 40 → 3, 55 → 4.
    loadLines(engine, [
      ['a', null, '2024-01-01', '10'],
      ['b', null, '2024-01-01', '20'],
      ['c', null, '2024-01-01', '30'],
      ['d', null, '2024-01-01', '40'],
      ['e', null, '2024-01-01', '55'],
    ]);
    run({ bins: 4 });
    expect(cuts().monetary).toEqual(['20', '30', '40']);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => brief()[id][5])).toEqual([1, 1, 2, 3, 4]);
    // Everyone recency 1: R = 4 for all (top score), F = 1.
    expect(scoreCounts(4)).toEqual({ recency: [0, 0, 0, 5], frequency: [5, 0, 0, 0], monetary: [2, 1, 1, 1] });
  });

  it('scores need the cut points of the same method', () => {
    loadLines(engine, [['a', null, '2024-01-01', '1']]);
    engine.exec(ordersTableSql());
    engine.exec(customerFiguresSql({ analysisDate: null, monetaryMode: 'total' }));
    engine.exec(computeCutsSql({ method: 'equal-size', bins: 5 }));
    expect(() => engine.exec(scoresSql({ method: 'quantile', bins: 5 }))).toThrow(/No cut points/);
  });

  it('an empty tx gives no customers, no cut points and no default date', () => {
    loadLines(engine, []);
    engine.exec(ordersTableSql());
    expect(engine.one(defaultAnalysisDateSql())).toEqual({ analysis_date: null });
    run();
    expect(customers()).toEqual([]);
    expect(cuts()).toEqual({});
  });
});
