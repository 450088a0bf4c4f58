/**
 * Named segments (segmentTablesSql, ruleCountsSql, segmentSummarySql) on the real engine.
 * Real data: every customer's `segment` (rfm preset) and `rf_segment` (R-by-F grid preset) against the
 * reference files; segment counts against the READMEs. Hand-made data: expected values by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { loadCdnowTx, loadLines, loadOnlineRetailTx, loadRfmDataOrdersTx, readReferenceCsv } from '../helpers/reference-tx';
import { computeCutsSql, customerFiguresSql, ordersTableSql } from '../../src/sql/rfm';
import { ruleCountsSql, scoresSql, segmentSummarySql, segmentTablesSql } from '../reference/rfm-sql';
import { presetRules, type SegmentPresetId } from '../../src/domain/segment-presets';
import type { Bins } from '../../src/domain/segment-rules';
import type { CustomCuts, SegmentRule } from '../../src/domain/settings';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

function score(method: 'quantile' | 'custom' = 'quantile', bins: Bins = 5, customCuts: CustomCuts | null = null): void {
  engine.exec(ordersTableSql());
  engine.exec(customerFiguresSql({ analysisDate: null, monetaryMode: 'total' }));
  engine.exec(computeCutsSql({ method, bins, customCuts }));
  engine.exec(scoresSql({ method, bins }));
}

function applyRules(rules: SegmentRule[], bins: Bins = 5): void {
  engine.exec(segmentTablesSql(rules, bins));
}

function applyPreset(id: SegmentPresetId, bins: Bins = 5): void {
  applyRules(presetRules(id, bins), bins);
}

function segmentOf(): Map<string, string> {
  return new Map(
    engine.rows<{ customer_id: string; segment: string }>(`SELECT customer_id, segment FROM customer_segments`).map((r) => [r.customer_id, r.segment]),
  );
}

interface SummaryRow {
  segment: string;
  customers: number;
  pct_customers: number | null;
  revenue: number;
  pct_revenue: number | null;
  avg_recency: number | null;
  avg_frequency: number | null;
  avg_monetary: number | null;
}

function summaryCounts(): Record<string, number> {
  return Object.fromEntries(engine.rows<SummaryRow>(segmentSummarySql()).map((r) => [r.segment, r.customers]));
}

/** Every customer's segment under both presets equals the reference columns segment and rf_segment. */
function compareSegments(refPath: string): void {
  const ref = readReferenceCsv(engine, refPath);
  const problems: string[] = [];
  for (const [preset, column] of [
    ['rfm', 'segment'],
    ['rf-grid', 'rf_segment'],
  ] as const) {
    applyPreset(preset);
    const ours = segmentOf();
    expect(ours.size).toBe(ref.length);
    for (const r of ref) {
      const got = ours.get(r.customer_id);
      if (got !== r[column]) problems.push(`${r.customer_id} ${column}: ours ${got}, reference ${r[column]}`);
    }
  }
  expect(problems.slice(0, 20)).toEqual([]);
  expect(problems.length).toBe(0);
}

/** Drops the zero rows (segments without customers) so a count table reads like the README's. */
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

describe('CDNOW', () => {
  beforeAll(() => {
    loadCdnowTx(engine);
    score();
  });

  it('every customer: segment and rf_segment equal the reference', () => {
    compareSegments('cdnow/reference/cdnow.customers.csv.gz');
  });

  it('segment counts as in the README', () => {
    applyPreset('rfm');
    expect(nonZero(summaryCounts())).toEqual({
      'Potential Loyalist': 8407,
      'About To Sleep': 6703,
      Lost: 4340,
      Champions: 2345,
      Promising: 1011,
      'Loyal Customers': 435,
      "Can't Lose Them": 169,
      'Need Attention': 91,
      Others: 54,
      'New Customers': 9,
      'At Risk': 6,
    });
    applyPreset('rf-grid');
    // 'Loyal Customers' and 'Potential Loyalist' come from two rules each; the summary adds them up.
    expect(nonZero(summaryCounts())).toEqual({
      Hibernating: 8538,
      Champions: 4133,
      'About To Sleep': 3518,
      'Loyal Customers': 3245,
      'Potential Loyalist': 2432,
      'Need Attention': 954,
      'At Risk': 743,
      "Can't Lose Them": 6,
      Promising: 1,
    });
  });

  it('revenue and shares add up to the README totals', () => {
    applyPreset('rfm');
    const rows = engine.rows<SummaryRow>(segmentSummarySql());
    expect(rows.map((r) => r.segment)).toEqual([
      'Champions',
      'Potential Loyalist',
      'Loyal Customers',
      'Promising',
      'New Customers',
      "Can't Lose Them",
      'At Risk',
      'Need Attention',
      'About To Sleep',
      'Lost',
      'Others',
    ]);
    expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(23570);
    expect(rows.reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(2500315.63, 2);
    expect(rows.reduce((s, r) => s + r.pct_customers!, 0)).toBeCloseTo(100, 9);
    expect(rows.reduce((s, r) => s + r.pct_revenue!, 0)).toBeCloseTo(100, 9);
    const champions = rows[0];
    expect(champions.pct_customers).toBeCloseTo((100 * 2345) / 23570, 9);
    // Champions are R5 F5 M5: every one has recency ≤ 142 days, frequency > 4, monetary > 133.95.
    expect(champions.avg_frequency!).toBeGreaterThan(4);
    expect(champions.avg_recency!).toBeLessThanOrEqual(142);
  });

  it('rule counts list every rule in order, and Others', () => {
    applyPreset('rfm');
    const counts = engine.rows<{ rule_no: number | null; segment: string; cells: number; customers: number }>(ruleCountsSql());
    expect(counts.map((c) => [c.rule_no, c.segment, c.customers])).toEqual([
      [0, 'Champions', 2345],
      [1, 'Potential Loyalist', 8407],
      [2, 'Loyal Customers', 435],
      [3, 'Promising', 1011],
      [4, 'New Customers', 9],
      [5, "Can't Lose Them", 169],
      [6, 'At Risk', 6],
      [7, 'Need Attention', 91],
      [8, 'About To Sleep', 6703],
      [9, 'Lost', 4340],
      [null, 'Others', 54],
    ]);
    expect(counts.reduce((s, c) => s + c.cells, 0)).toBe(125);
  });

  it('3 bins: the clamped presets still cover every customer exactly once', () => {
    score('quantile', 3);
    applyPreset('rfm', 3);
    const counts = summaryCounts();
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(23570);
    // Clamped, 'Need Attention' (R1-3 F3 M3) loses every cell to Champions and Can't Lose Them.
    expect(counts['Need Attention']).toBe(0);
    score();
  });
});

describe('Online Retail', () => {
  it('December 2010: every customer and the README counts', () => {
    loadOnlineRetailTx(engine, 'online_retail_2010-12.csv');
    score();
    compareSegments('online_retail/reference/online_retail_2010-12.customers.csv');
  });

  it('whole file: every customer and the README segment counts', () => {
    loadOnlineRetailTx(engine, 'online_retail.csv.gz');
    score();
    compareSegments('online_retail/reference/online_retail.customers.csv.gz');
    applyPreset('rfm');
    expect(nonZero(summaryCounts())).toEqual({
      'Potential Loyalist': 1255,
      Lost: 787,
      'Loyal Customers': 677,
      'About To Sleep': 625,
      'New Customers': 373,
      Champions: 358,
      Promising: 100,
      'At Risk': 80,
      "Can't Lose Them": 64,
      'Need Attention': 35,
      Others: 18,
    });
    applyPreset('rf-grid');
    expect(nonZero(summaryCounts())).toEqual({
      Hibernating: 1341,
      'Loyal Customers': 683,
      Champions: 615,
      'Potential Loyalist': 488,
      'About To Sleep': 486,
      'At Risk': 320,
      Promising: 174,
      'Need Attention': 126,
      'New Customers': 76,
      "Can't Lose Them": 63,
    });
    const s = segmentOf();
    expect([s.get('12346.0'), s.get('17850.0'), s.get('16446.0')]).toEqual(['Hibernating', 'Can\'t Lose Them', 'Potential Loyalist']);
    applyPreset('rfm');
    const r = segmentOf();
    // README: 12346.0 cell 111 Lost; 12347.0 555 Champions; 17850.0 155 At Risk; 16446.0 521 New Customers.
    expect([r.get('12346.0'), r.get('12347.0'), r.get('17850.0'), r.get('16446.0')]).toEqual(['Lost', 'Champions', 'At Risk', 'New Customers']);
  });
});

describe('rfm_data_orders', () => {
  it('every customer and the README segment counts', () => {
    loadRfmDataOrdersTx(engine);
    score();
    compareSegments('rfm_data_orders/reference/rfm_data_orders.customers.csv');
    applyPreset('rfm');
    expect(nonZero(summaryCounts())).toEqual({
      'Potential Loyalist': 340,
      'Loyal Customers': 171,
      Lost: 148,
      'New Customers': 104,
      'About To Sleep': 102,
      "Can't Lose Them": 48,
      Champions: 35,
      'At Risk': 28,
      'Need Attention': 10,
      Promising: 9,
    });
    const s = segmentOf();
    // README: the four customers whose segment differs from rfm's.
    expect(['Katlyn Mann', 'Skylar Hoeger', 'Leyla Dietrich', 'Zenas Pacocha'].map((c) => s.get(c))).toEqual([
      "Can't Lose Them",
      'Loyal Customers',
      'Loyal Customers',
      'About To Sleep',
    ]);
  });
});

describe('hand-made rules', () => {
  // A = 2024-07-01 (the day after the last order, 2024-06-30).
  // a: 3 orders of 100 (last 2024-06-30): recency 1, frequency 3, monetary 300
  // b: 2 orders of 75 (last 2024-06-24): recency 7, frequency 2, monetary 150
  // c: 1 order of 50 on 2024-06-11: recency 20, frequency 1, monetary 50
  // d: only a return of −10 on 2024-06-11: recency 20, frequency 0, monetary −10
  // e: 1 order of 50 on 2024-06-30: recency 1, frequency 1, monetary 50
  // Custom cuts, 3 bins: recency 5, 10 → R(1) = 3, R(7) = 2, R(20) = 1; frequency 1, 2 → F(3) = 3,
  // F(2) = 2, F(1) = F(0) = 1; monetary 100, 200 → M(300) = 3, M(150) = 2, M(50) = M(−10) = 1.
  // Cells: a 333, b 222, c 111, d 111, e 311.
  const cuts: CustomCuts = { recency: [5, 10], frequency: [1, 2], monetary: [100, 200] };
  const broad: SegmentRule = { name: 'Broad', r: [1, 3], f: [1, 3], m: [2, 3] };
  const best: SegmentRule = { name: 'Best', r: [3, 3], f: [3, 3], m: [3, 3] };
  const low: SegmentRule = { name: 'Low', r: [1, 1], f: [1, 1], m: [1, 1] };

  beforeAll(() => {
    loadLines(engine, [
      ['a', null, '2024-06-10', '100'],
      ['a', null, '2024-06-20', '100'],
      ['a', null, '2024-06-30', '100'],
      ['b', null, '2024-06-01', '75'],
      ['b', null, '2024-06-24', '75'],
      ['c', null, '2024-06-11', '50'],
      ['d', null, '2024-06-11', '-10'],
      ['e', null, '2024-06-30', '50'],
    ]);
    score('custom', 3, cuts);
  });

  it('a broad rule placed first leaves a later rule empty; unmatched cells are Others', () => {
    applyRules([broad, best, low], 3);
    expect(Object.fromEntries(segmentOf())).toEqual({ a: 'Broad', b: 'Broad', c: 'Low', d: 'Low', e: 'Others' });
    // Broad takes R1-3 × F1-3 × M2-3 = 3·3·2 = 18 cells, Best's only cell 333 is among them (0 cells),
    // Low takes 111 (1 cell), Others the remaining 27 − 19 = 8 cells.
    expect(engine.rows(ruleCountsSql())).toEqual([
      { rule_no: 0, segment: 'Broad', cells: 18, customers: 2 },
      { rule_no: 1, segment: 'Best', cells: 0, customers: 0 },
      { rule_no: 2, segment: 'Low', cells: 1, customers: 2 },
      { rule_no: null, segment: 'Others', cells: 8, customers: 1 },
    ]);
  });

  it('segment summary: customers, shares, revenue and averages', () => {
    applyRules([broad, best, low], 3);
    // Totals: 5 customers, revenue 300 + 150 + 50 − 10 + 50 = 540.
    // Broad (a, b): 2 = 40 %, revenue 450 = 83.33 %, recency (1 + 7)/2 = 4, frequency 2.5, monetary 225.
    // Best: nobody. Low (c, d): 40 %, revenue 40 = 7.41 %, recency 20, frequency 0.5, monetary 20.
    // Others (e): 20 %, revenue 50 = 9.26 %, recency 1, frequency 1, monetary 50.
    const rows = engine.rows<SummaryRow>(segmentSummarySql());
    const expected: SummaryRow[] = [
      { segment: 'Broad', customers: 2, pct_customers: 40, revenue: 450, pct_revenue: (100 * 450) / 540, avg_recency: 4, avg_frequency: 2.5, avg_monetary: 225 },
      { segment: 'Best', customers: 0, pct_customers: 0, revenue: 0, pct_revenue: 0, avg_recency: null, avg_frequency: null, avg_monetary: null },
      { segment: 'Low', customers: 2, pct_customers: 40, revenue: 40, pct_revenue: (100 * 40) / 540, avg_recency: 20, avg_frequency: 0.5, avg_monetary: 20 },
      { segment: 'Others', customers: 1, pct_customers: 20, revenue: 50, pct_revenue: (100 * 50) / 540, avg_recency: 1, avg_frequency: 1, avg_monetary: 50 },
    ];
    expect(rows.map((r) => r.segment)).toEqual(expected.map((r) => r.segment));
    rows.forEach((r, i) => {
      for (const [k, v] of Object.entries(expected[i])) {
        if (typeof v === 'number') expect(r[k as keyof SummaryRow], `${r.segment}.${k}`).toBeCloseTo(v, 9);
        else expect(r[k as keyof SummaryRow], `${r.segment}.${k}`).toBe(v);
      }
    });
  });

  it('reordering rules changes only the cell tables, not the figures or scores', () => {
    const before = engine.rows(`SELECT * FROM customer_scores ORDER BY customer_id`);
    const sql = segmentTablesSql([best, broad, low], 3);
    expect(sql).not.toMatch(/customer_figures"? AS|customer_scores"? AS/);
    engine.exec(sql);
    // Best first takes 333 (a); Broad keeps its other 17 cells (b).
    expect(engine.rows(ruleCountsSql())).toEqual([
      { rule_no: 0, segment: 'Best', cells: 1, customers: 1 },
      { rule_no: 1, segment: 'Broad', cells: 17, customers: 1 },
      { rule_no: 2, segment: 'Low', cells: 1, customers: 2 },
      { rule_no: null, segment: 'Others', cells: 8, customers: 1 },
    ]);
    expect(Object.fromEntries(segmentOf())).toEqual({ a: 'Best', b: 'Broad', c: 'Low', d: 'Low', e: 'Others' });
    expect(engine.rows(`SELECT * FROM customer_scores ORDER BY customer_id`)).toEqual(before);
  });

  it('the view follows rescoring (tables replaced under it)', () => {
    applyRules([broad, best, low], 3);
    // Monetary cuts 0, 60 instead: M(300) = M(150) = 3, M(50) = 2, M(−10) = 1 → a 333, b 223, c 112, d 111, e 312.
    score('custom', 3, { ...cuts, monetary: [0, 60] });
    expect(Object.fromEntries(segmentOf())).toEqual({ a: 'Broad', b: 'Broad', c: 'Broad', d: 'Low', e: 'Broad' });
    score('custom', 3, cuts);
  });

  it('the rfm preset clamped to 3 bins', () => {
    // Clamped: Champions 333; Potential Loyalist R3 F3 M2-3; Loyal Customers R2-3 F2-3 M2-3; …;
    // New Customers R3 F1-3 M1-3; …; Lost R1.
    // a 333 → Champions; b 222 → Loyal Customers (Potential Loyalist needs R3); c, d 111 → Lost
    // (Can't Lose Them / At Risk / Need Attention need F ≥ 2 or M3, About To Sleep R2-3);
    // e 311 → New Customers (Promising needs M3).
    applyPreset('rfm', 3);
    expect(Object.fromEntries(segmentOf())).toEqual({ a: 'Champions', b: 'Loyal Customers', c: 'Lost', d: 'Lost', e: 'New Customers' });
    const counts = engine.rows<{ segment: string; cells: number }>(ruleCountsSql());
    expect(counts.find((c) => c.segment === 'Need Attention')!.cells).toBe(0);
  });

  it('invalid rules are refused', () => {
    expect(() => segmentTablesSql([{ name: ' ', r: [1, 5], f: [1, 5], m: [1, 5] }], 5)).toThrow(/Rule 1: The segment name is empty/);
    expect(() => segmentTablesSql([{ name: 'Best', r: [5, 5], f: [1, 5], m: [1, 5] }, { name: 'New', r: [1, 5], f: [1, 5], m: [1, 5] }], 5))
      .toThrow(/Rule 2: The name “New” is reserved/);
    expect(() => segmentTablesSql(presetRules('rfm', 5), 3)).toThrow(/outside the scores 1–3/);
  });

  it('no rules: everyone is Others', () => {
    applyRules([], 3);
    expect(new Set(segmentOf().values())).toEqual(new Set(['Others']));
    expect(engine.rows(ruleCountsSql())).toEqual([{ rule_no: null, segment: 'Others', cells: 27, customers: 5 }]);
  });

  it("a rule name with a quote is stored as text (Can't Lose Them)", () => {
    applyRules([{ name: "x'; DROP TABLE tx; --", r: [1, 3], f: [1, 3], m: [1, 3] }], 3);
    expect(new Set(segmentOf().values())).toEqual(new Set(["x'; DROP TABLE tx; --"]));
    expect(engine.one(`SELECT count(*) AS n FROM tx`)).toEqual({ n: 8 });
  });

  it('the rule and cell tables: their columns, types and rows, written out by hand', () => {
    // Names with the separators a text encoding could trip on, and two rules with the same name.
    applyRules(
      [
        { name: 'a,b;c', r: [3, 3], f: [1, 3], m: [1, 3] },
        { name: 'Twice', r: [2, 2], f: [2, 3], m: [1, 1] },
        { name: 'Twice', r: [1, 2], f: [1, 1], m: [3, 3] },
      ],
      3,
    );
    const columns = (t: string) =>
      engine.rows(`SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`);
    const int = (c: string) => ({ c, t: 'INTEGER' });
    expect(columns('segment_rules')).toEqual([int('rule_no'), { c: 'segment', t: 'VARCHAR' }, ...['r_lo', 'r_hi', 'f_lo', 'f_hi', 'm_lo', 'm_hi'].map(int)]);
    expect(columns('cell_segments')).toEqual([...['rfm_cell', 'r_score', 'f_score', 'm_score'].map(int), { c: 'segment', t: 'VARCHAR' }, int('rule_no')]);
    expect(engine.rows(`SELECT * FROM segment_rules ORDER BY rule_no`)).toEqual([
      { rule_no: 0, segment: 'a,b;c', r_lo: 3, r_hi: 3, f_lo: 1, f_hi: 3, m_lo: 1, m_hi: 3 },
      { rule_no: 1, segment: 'Twice', r_lo: 2, r_hi: 2, f_lo: 2, f_hi: 3, m_lo: 1, m_hi: 1 },
      { rule_no: 2, segment: 'Twice', r_lo: 1, r_hi: 2, f_lo: 1, f_hi: 1, m_lo: 3, m_hi: 3 },
    ]);
    const cells = engine.rows<{ rfm_cell: number; r_score: number; f_score: number; m_score: number; segment: string; rule_no: number | null }>(
      `SELECT * FROM cell_segments ORDER BY rfm_cell`,
    );
    expect(cells.map((c) => c.rfm_cell)).toEqual([1, 2, 3].flatMap((r) => [1, 2, 3].flatMap((f) => [1, 2, 3].map((m) => r * 100 + f * 10 + m))));
    // By hand: R3 → rule 0 (9 cells); R2 with F2–3 and M1 → rule 1 (221, 231); R1–2 with F1 and M3 → rule 2 (113, 213).
    const expected = (r: number, f: number, m: number) =>
      r === 3 ? 0 : r === 2 && f >= 2 && m === 1 ? 1 : r <= 2 && f === 1 && m === 3 ? 2 : null;
    for (const c of cells) {
      expect([c.r_score, c.f_score, c.m_score]).toEqual([Math.floor(c.rfm_cell / 100), Math.floor(c.rfm_cell / 10) % 10, c.rfm_cell % 10]);
      const rule = expected(c.r_score, c.f_score, c.m_score);
      expect({ cell: c.rfm_cell, rule: c.rule_no, segment: c.segment }).toEqual({
        cell: c.rfm_cell,
        rule,
        segment: rule === null ? 'Others' : ['a,b;c', 'Twice', 'Twice'][rule],
      });
    }
    expect(cells.filter((c) => c.rule_no === 1).map((c) => c.rfm_cell)).toEqual([221, 231]);
    expect(cells.filter((c) => c.rule_no === 2).map((c) => c.rfm_cell)).toEqual([113, 213]);
  });
});
