import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { loadCdnowTx, loadOnlineRetailTx } from '../helpers/reference-tx';
import { Engine } from '../../workers/engine';
import { computeCutsSql, customerFiguresSql, equalSizeBoundsSteps, ordersTableSql, runSteps, type CutParams } from '../../src/sql/rfm';
import { scoresSql } from '../reference/rfm-sql';
import { hasCostSql, whaleCurveSql, whalePeakSql } from '../../src/sql/profit';
import { customerProfitSql } from '../reference/profit-sql';
import { customerBaseSteps } from '../reference/views-sql';
import { zeroCostModel, type CostModel, type MonetaryMode } from '../../src/domain/settings';
import { presetRules } from '../../src/domain/segment-presets';
import { RfmSession, type ScoringSettings } from '../../workers/rfm-session';

// customer_base is a view of customer_rows (figures and profit from the SQL text of customerProfitSql, stored in
// profit-rank order) beside customer_score_rows (the scores of scoresSql, compared with constants, in the same row
// order). scoresSql and customerProfitSql build tables checked against the reference figures in rfm.test.ts and
// profit.test.ts. Here: the two ways give the same row for every customer, on real data, for each score method
// and cost model — so the rank as row number equals the ranking window, and the rows stay paired.
let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

/** Drops a relation whatever it is now (the table path makes tables, customer_base makes views of the same names). */
function drop(name: string): void {
  const kind = engine.one<{ t: string }>(
    `SELECT 'TABLE' AS t FROM duckdb_tables() WHERE table_name = '${name}' UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE view_name = '${name}'`,
  )?.t;
  if (kind) engine.exec(`DROP ${kind} ${name}`);
}

/** Rows of `a` not in `b` and of `b` not in `a` (every column, decimals compared exactly). */
function difference(a: string, b: string): number {
  return engine.one<{ n: number }>(`SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b})) + (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a})) AS n`)!.n;
}

interface Case {
  data: 'cdnow' | 'retail';
  analysisDate: string | null;
  monetaryMode: MonetaryMode;
  scores: CutParams;
  costModel: CostModel;
  /** Equal-size: score customer_base from the boundary customers (else by ranking). */
  bounds?: boolean;
}

const cdnowCuts = { recency: [30, 120, 300, 450], frequency: [1, 2, 3, 6], monetary: [20, 50, 100.5, 300] };

describe('customer_base = scoresSql ⨝ customerProfitSql, every customer', () => {
  it.each<[string, Case]>([
    ['CDNOW, quantile 5, 30 % margin and every cost', {
      data: 'cdnow', analysisDate: null, monetaryMode: 'total', scores: { method: 'quantile', bins: 5 },
      costModel: { marginPct: '30', costPerOrder: '2.50', costPerReturn: '4', costPerCustomerYear: '7.3', adequateLevel: '5' },
    }],
    ['CDNOW at 1997-09-30, equal-size 4, average monetary, unknown cost', {
      data: 'cdnow', analysisDate: '1997-09-30', monetaryMode: 'average', scores: { method: 'equal-size', bins: 4 }, costModel: zeroCostModel(),
    }],
    ['CDNOW at 1997-09-30, equal-size 5 from its bounds, total monetary, a margin', {
      data: 'cdnow', analysisDate: '1997-09-30', monetaryMode: 'total', scores: { method: 'equal-size', bins: 5 }, bounds: true,
      costModel: { marginPct: '25', costPerOrder: '1', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0' },
    }],
    ['CDNOW, custom cuts, huge costs (128-bit path)', {
      data: 'cdnow', analysisDate: null, monetaryMode: 'total', scores: { method: 'custom', bins: 5, customCuts: cdnowCuts },
      costModel: { marginPct: '12.5', costPerOrder: '999999.9999', costPerReturn: '0', costPerCustomerYear: '123456789.0000000001', adequateLevel: '-1' },
    }],
    ['Online Retail (Dec 2010), quantile 3, returns and a yearly cost', {
      data: 'retail', analysisDate: null, monetaryMode: 'total', scores: { method: 'quantile', bins: 3 },
      costModel: { marginPct: '40', costPerOrder: '1', costPerReturn: '3.25', costPerCustomerYear: '12', adequateLevel: '0' },
    }],
  ])('%s', (_name, c) => {
    if (c.data === 'cdnow') loadCdnowTx(engine);
    else loadOnlineRetailTx(engine, 'online_retail_2010-12.csv');
    for (const n of ['customer_scores', 'customer_profit', 'expected_scores', 'expected_profit']) drop(n);
    engine.exec(ordersTableSql());
    engine.exec(customerFiguresSql({ analysisDate: c.analysisDate, monetaryMode: c.monetaryMode }));
    engine.exec(computeCutsSql(c.scores));
    const hasCost = !!engine.one<{ has_cost: boolean }>(hasCostSql())!.has_cost;
    engine.exec(scoresSql(c.scores));
    engine.exec(customerProfitSql({ costModel: c.costModel, hasCost }));
    engine.exec(`ALTER TABLE customer_scores RENAME TO expected_scores; ALTER TABLE customer_profit RENAME TO expected_profit;`);
    const rows = (sql: string) => engine.rows(sql);
    const bounds = c.bounds ? runSteps(equalSizeBoundsSteps(c.scores.bins), rows).bounds : null;
    runSteps(customerBaseSteps({ scores: { ...c.scores, bounds }, profit: { costModel: c.costModel, hasCost } }), rows);
    const n = engine.one<{ a: number; b: number }>(`SELECT (SELECT count(*) FROM customer_base) AS a, (SELECT count(*) FROM expected_scores) AS b`)!;
    expect(n.a).toBe(n.b);
    expect(n.a).toBeGreaterThan(900);
    expect(difference('customer_scores', 'expected_scores')).toBe(0);
    expect(difference('customer_profit', 'expected_profit')).toBe(0);
    // The views have the tables' columns, in their order.
    const cols = (t: string) => engine.rows<{ c: string }>(`SELECT column_name AS c FROM (DESCRIBE ${t})`).map((r) => r.c);
    expect(cols('customer_scores')).toEqual(cols('expected_scores'));
    expect(cols('customer_profit')).toEqual(cols('expected_profit'));
  });
});

describe('the worker session keeps customer_base right as settings change one at a time', () => {
  it('CDNOW: method, then cost model (scores kept), then date: every customer as scoresSql ⨝ customerProfitSql', () => {
    loadCdnowTx(engine);
    for (const n of ['customer_scores', 'customer_profit', 'expected_scores', 'expected_profit', 'got_scores', 'got_profit']) drop(n);
    engine.exec(ordersTableSql());
    const session = new RfmSession(engine);
    const costA = { marginPct: '30', costPerOrder: '2.50', costPerReturn: '4', costPerCustomerYear: '7.3', adequateLevel: '5' };
    const costB = { ...costA, costPerOrder: '9', adequateLevel: '12' };
    const settings: ScoringSettings = {
      analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null,
      segmentRules: presetRules('rfm'), costModel: costA,
    };
    const steps: [ScoringSettings, string[]][] = [
      [settings, ['figures', 'scores', 'segments', 'profit']],
      [{ ...settings, scoreMethod: 'equal-size' }, ['scores', 'segments']],
      [{ ...settings, scoreMethod: 'equal-size', costModel: costB }, ['profit']],
      [{ ...settings, scoreMethod: 'equal-size', costModel: costB, analysisDate: '1998-01-15' }, ['figures', 'scores', 'segments', 'profit']],
    ];
    for (const [s, recomputed] of steps) {
      expect(session.score(s).recomputed).toEqual(recomputed);
      engine.exec(`CREATE OR REPLACE TABLE got_scores AS FROM customer_scores; CREATE OR REPLACE TABLE got_profit AS FROM customer_profit;`);
      // The definitions, as tables of their own (the session's views of the same names are set aside first).
      engine.exec(`ALTER VIEW customer_scores RENAME TO session_scores; ALTER VIEW customer_profit RENAME TO session_profit;`);
      const params = { method: s.scoreMethod, bins: s.bins };
      engine.exec(computeCutsSql(params));
      engine.exec(scoresSql(params));
      engine.exec(customerProfitSql({ costModel: s.costModel, hasCost: false }));
      expect(difference('got_scores', 'customer_scores')).toBe(0);
      expect(difference('got_profit', 'customer_profit')).toBe(0);
      engine.exec(`DROP TABLE customer_scores; DROP TABLE customer_profit;
        ALTER VIEW session_scores RENAME TO customer_scores; ALTER VIEW session_profit RENAME TO customer_profit;`);
    }
  });
});

describe('whale curve from rank buckets = the running sum of profit by rank, on real data', () => {
  it.each([400, 37, 3])('CDNOW with a margin and costs, %i points', (points) => {
    loadCdnowTx(engine);
    for (const n of ['customer_scores', 'customer_profit']) drop(n);
    engine.exec(ordersTableSql());
    engine.exec(customerFiguresSql({ analysisDate: null, monetaryMode: 'total' }));
    engine.exec(computeCutsSql({ method: 'quantile', bins: 5 }));
    const costModel = { marginPct: '30', costPerOrder: '2.50', costPerReturn: '4', costPerCustomerYear: '7.3', adequateLevel: '5' };
    runSteps(customerBaseSteps({ scores: { method: 'quantile', bins: 5 }, profit: { costModel, hasCost: false } }), (sql) => engine.rows(sql));
    // Every point k = 0..n by the definition: the sum of the profits of ranks 1..k (a plain running sum).
    const running = new Map(
      engine.rows<{ k: number; c: string }>(`SELECT 0 AS k, '0.0000' AS c UNION ALL
        SELECT profit_rank, CAST(sum(profit) OVER (ORDER BY profit_rank) AS VARCHAR) FROM customer_profit`).map((r) => [r.k, r.c]),
    );
    const curve = engine.rows<{ rank: number; cum_profit_text: string; is_peak: boolean }>(whaleCurveSql(points));
    const n = running.size - 1;
    expect(n).toBe(23570);
    for (const p of curve) expect(p.cum_profit_text, `k = ${p.rank}`).toBe(running.get(p.rank));
    // The peak: the largest running sum, the first k on ties.
    let best = 0;
    for (const [k, c] of running) if (Number(c) > Number(running.get(best)) || (c === running.get(best) && k < best)) best = k;
    expect(curve.filter((p) => p.is_peak).map((p) => p.rank)).toEqual([best]);
    expect(engine.one<{ peak_rank: number; peak_profit_text: string }>(whalePeakSql())).toMatchObject({ peak_rank: best, peak_profit_text: running.get(best) });
    // Point 0, every multiple of the step, n and the peak: nothing else.
    const step = n + 1 <= points ? 1 : points === 3 ? n + 1 : Math.ceil(n / (points - 3));
    const expected = [...running.keys()].filter((k) => k % step === 0 || k === n || k === best).sort((a, b) => a - b);
    expect(curve.map((p) => p.rank)).toEqual(expected);
  });
});
