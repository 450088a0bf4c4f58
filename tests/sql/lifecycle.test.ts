import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, SHARED_DATA } from '../helpers/duckdb';
import { loadCdnowTx, loadCdnowSampleTx, loadLines, loadOnlineRetailTx, readReferenceCsv, scaled, type Line } from '../helpers/reference-tx';
import { Engine } from '../../workers/engine';
import { ordersTableSql } from '../../src/sql/rfm';
import { cohortCellsSql, cohortTablesSql, cohortTotalsSql, cohortsExportSql, cohortCellWhere } from '../../src/sql/cohorts';
import { clvDaysSql, clvSummarySql, clvSummaryTotalsSql } from '../../src/sql/clv';

// Cohorts and the lifetime-value calibration summary, against ../shared/data/cdnow/reference (cdnow.cohorts.csv,
// cdnow.clv_customers.csv.gz, cdnow.clv_fits.json), online_retail.clv_fits.json and hand-made cases.
let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

interface Cell { cohort: string; period: number; cohort_customers: number; active_customers: number; retention: number; revenue: string; partial: boolean }
const cells = (a: string, grain: 'month' | 'quarter' = 'month') => {
  engine.exec(cohortTablesSql(a, grain));
  return engine.rows<Cell>(cohortCellsSql(a, grain));
};

describe('cohorts on CDNOW at 1998-07-01', () => {
  it('every cell equals cdnow.cohorts.csv, and 68 customers have no cohort', () => {
    loadCdnowTx(engine);
    engine.exec(ordersTableSql());
    const got = cells('1998-07-01');
    const ref = readReferenceCsv(engine, 'cdnow/reference/cdnow.cohorts.csv');
    expect(got.length).toBe(63);
    expect(got.length).toBe(ref.length);
    ref.forEach((r, i) => {
      const g = got[i];
      expect([g.cohort, g.period, g.cohort_customers, g.active_customers]).toEqual([r.cohort, Number(r.period), Number(r.cohort_customers), Number(r.active_customers)]);
      expect(Math.abs(g.retention - Number(r.retention))).toBeLessThan(1e-9);
      expect(scaled(g.revenue)).toBe(scaled(r.revenue));
    });
    expect(got.filter((c) => c.partial).map((c) => `${c.cohort}/${c.period}`)).toEqual(['1997-01/18', '1997-02/17', '1997-03/16', '1997-11/8']);
    expect(engine.one(cohortTotalsSql())).toEqual({ customers: 23_570, without_cohort: 68 });
    // The cells' revenue adds up to the whole revenue (README: 2,500,315.63).
    expect(got.reduce((s, c) => s + scaled(c.revenue), 0n)).toBe(scaled('2500315.63'));
  });

  it('the export has the reference columns, retention to 10 decimals', () => {
    const rows = engine.rows<Record<string, unknown>>(cohortsExportSql('1998-07-01', 'month'));
    expect(Object.keys(rows[0])).toEqual(['cohort', 'period', 'cohort_customers', 'active_customers', 'retention', 'revenue']);
    expect(rows[1]).toMatchObject({ cohort: '1997-01', period: 1, active_customers: 1155, retention: 0.1478116202, revenue: '60849.5400' });
  });

  it('a cohort cell lists its active customers (1997-01, period 1: 1,155)', () => {
    const customers = engine.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM customer_cohorts WHERE ${cohortCellWhere('1997-01', 1)}`)!.n;
    expect(customers).toBe(1155);
  });
});

// Hand-made: A = 2024-03-20 (inside March).
//  a: a return in January (−10), then 20 in February, a return of −5 in March → cohort 2024-02; the January return
//     falls before its cohort, in no cell.
//  b: 5 on 2024-01-03 and 7 on 2024-03-15 → the one-customer cohort 2024-01; February has no order.
//  c: 10 on 2024-03-10 and 30 on 2024-03-25 (after A, ignored) → cohort 2024-03.
//  d: only an order worth 0 → no cohort.
//  e: only after A → not a customer.
const HAND: Line[] = [
  ['a', 'a1', '2024-01-05', '-10'],
  ['a', 'a2', '2024-02-10', '20'],
  ['a', 'a3', '2024-03-02', '-5'],
  ['b', 'b1', '2024-01-03', '5'],
  ['b', 'b2', '2024-03-15', '7'],
  ['c', 'c1', '2024-03-10', '10'],
  ['c', 'c2', '2024-03-25', '30'],
  ['d', 'd1', '2024-02-01', '0'],
  ['e', 'e1', '2024-04-01', '9'],
];

describe('cohorts on hand-made data', () => {
  const brief = (c: Cell) => [c.cohort, c.period, c.cohort_customers, c.active_customers, c.retention, c.revenue, c.partial];

  it('by month: the triangle worked out by hand', () => {
    loadLines(engine, HAND);
    engine.exec(ordersTableSql());
    expect(cells('2024-03-20').map(brief)).toEqual([
      ['2024-01', 0, 1, 1, 1, '5.0000', false],
      ['2024-01', 1, 1, 0, 0, '0.0000', false],
      ['2024-01', 2, 1, 1, 1, '7.0000', true],
      ['2024-02', 0, 1, 1, 1, '20.0000', false],
      ['2024-02', 1, 1, 0, 0, '-5.0000', true],
      ['2024-03', 0, 1, 1, 1, '10.0000', true],
    ]);
    expect(engine.one(cohortTotalsSql())).toEqual({ customers: 4, without_cohort: 1 });
  });

  it('by quarter: one cohort, the January return inside it; an analysis date on the last day is not partial', () => {
    expect(cells('2024-03-20', 'quarter').map(brief)).toEqual([['2024-Q1', 0, 3, 3, 1, '27.0000', true]]);
    const full = cells('2024-03-31', 'quarter');
    // On 2024-03-31 c's order of 2024-03-25 counts (30 more) and the quarter is complete.
    expect(full.map(brief)).toEqual([['2024-Q1', 0, 3, 3, 1, '57.0000', false]]);
    expect(engine.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM customer_cohorts WHERE ${cohortCellWhere('2024-Q1', 0)}`)!.n).toBe(3);
  });

  it('an analysis date on the last day of a month: that month is complete', () => {
    const got = cells('2024-02-29');
    expect(got.map(brief)).toEqual([
      ['2024-01', 0, 1, 1, 1, '5.0000', false],
      ['2024-01', 1, 1, 0, 0, '0.0000', false],
      ['2024-02', 0, 1, 1, 1, '20.0000', false],
    ]);
  });
});

interface Totals { customers: number; repeat_customers: number; later: number; sum_x: number; sum_t_x: number; sum_T: number; sum_m_x: number; max_T: number; last_day: string }
const summaryAt = (analysisDate: string, end: string) => {
  engine.exec(clvDaysSql(analysisDate));
  engine.exec(clvSummarySql(end));
  return engine.one<Totals>(clvSummaryTotalsSql())!;
};
const fits = (file: string) => JSON.parse(readFileSync(join(SHARED_DATA, file), 'utf8'));
const expectSums = (got: Totals, ref: Record<string, number>) => {
  expect([got.customers, got.repeat_customers, got.sum_x]).toEqual([ref.customers, ref.repeat_customers, ref.sum_x]);
  expect(got.sum_t_x).toBeCloseTo(ref.sum_t_x, 5);
  expect(got.sum_T).toBeCloseTo(ref.sum_T, 5);
  expect(got.sum_m_x).toBeCloseTo(ref.sum_m_x, 5);
};

describe('the calibration summary (x, t_x, T, m_x in weeks)', () => {
  it('CDNOW master, calibration end 1997-09-30: the sums of cdnow.clv_fits.json and every customer of cdnow.clv_customers.csv.gz', () => {
    loadCdnowTx(engine);
    const t = summaryAt('1998-07-01', '1997-09-30');
    expectSums(t, fits('cdnow/reference/cdnow.clv_fits.json').cdnow_master.summary);
    expect(t.later).toBe(0);
    expect(t.last_day).toBe('1998-06-30');
    const ref = readReferenceCsv(engine, 'cdnow/reference/cdnow.clv_customers.csv.gz');
    const got = new Map(engine.rows<{ customer_id: string; x: number; t_x: number; T: number; m_x: number }>(
      'SELECT customer_id, x, t_x, T, m_x FROM clv_summary').map((r) => [r.customer_id, r]));
    expect(got.size).toBe(ref.length);
    const bad = ref.filter((r) => {
      const g = got.get(r.customer_id);
      return !g || g.x !== Number(r.x) || Math.abs(g.t_x - Number(r.t_x)) > 1e-6 || Math.abs(g.T - Number(r.T)) > 1e-6
        || Math.abs(g.m_x - Number(r.m_x)) > 1e-6;
    });
    expect(bad.map((r) => r.customer_id)).toEqual([]);
    // Customer 10244's one repeat day is worth $0 (README): m_x = 0 with x = 1.
    expect(got.get('10244')).toMatchObject({ x: 1, m_x: 0 });
  });

  it('CDNOW 1/10 sample, same calibration end: the sample sums', () => {
    loadCdnowSampleTx(engine);
    expectSums(summaryAt('1998-07-01', '1997-09-30'), fits('cdnow/reference/cdnow.clv_fits.json').cdnow_sample.summary);
  });

  it('Online Retail purchase lines with a positive price, calibration end 2011-12-09: the reference sums', () => {
    loadOnlineRetailTx(engine, 'online_retail.csv.gz');
    engine.exec('DELETE FROM tx WHERE amount <= 0');
    expectSums(summaryAt('2011-12-10', '2011-12-09'), fits('online_retail/reference/online_retail.clv_fits.json').summary);
  });

  it('hand-made: returns are not transactions, same-day lines are one, a customer first seen after the end is left out', () => {
    loadLines(engine, [
      ['p', 'p1', '2024-01-01', '10'],
      ['p', 'p2', '2024-01-01', '5'], // same day: one transaction worth 15
      ['p', 'p3', '2024-01-08', '20'],
      ['p', 'p4', '2024-01-10', '-20'], // a return: no transaction
      ['p', 'p5', '2024-01-15', '0'], // a zero-value purchase line: a transaction worth 0
      ['q', 'q1', '2024-01-29', '7'], // first seen after the calibration end
    ]);
    const t = summaryAt('2024-02-01', '2024-01-22');
    expect([t.customers, t.repeat_customers, t.later, t.sum_x]).toEqual([1, 1, 1, 2]);
    expect(engine.one('SELECT x, t_days, age_days, t_x, T, m_x FROM clv_summary')).toEqual({ x: 2, t_days: 14, age_days: 21, t_x: 2, T: 3, m_x: 10 });
  });
});
