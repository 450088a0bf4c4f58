/**
 * Equal-size scores without sorting the customers (rfm.ts `equalSizeBoundsSteps` + `scoresWith` with bounds).
 * Expected values: the definition — rank by (value, customer_id in byte order), group = ⌊(rn−1)·k/n⌋ + 1 —
 * computed here in TypeScript from the independent reference figures of every customer of the three real data
 * sets, and worked out by hand for small cases. The ranking SQL (no bounds) is held to the same definition.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import {
  loadCdnowTx, loadLines, loadOnlineRetailTx, loadRfmDataOrdersTx, readReferenceCsv, scaled, SIX_EQUAL_SIZE_CUSTOMERS,
} from '../helpers/reference-tx';
import { computeCutsSql, customerFiguresSql, equalSizeBoundsSteps, ordersTableSql, runSteps, type EqualSizeBound } from '../../src/sql/rfm';
import { scoresSql } from '../reference/rfm-sql';
import type { Bins } from '../../src/domain/segment-rules';
import type { MonetaryMode } from '../../src/domain/settings';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

type Scores = Map<string, [r: number, f: number, m: number]>;

/** Figures, then the bounds, then the scores with them; returns the bounds, fallbacks and every customer's scores. */
function score(bins: Bins, monetaryMode: MonetaryMode = 'total', options: Parameters<typeof equalSizeBoundsSteps>[1] = {}) {
  engine.exec(ordersTableSql());
  engine.exec(customerFiguresSql({ analysisDate: null, monetaryMode }));
  engine.exec(computeCutsSql({ method: 'equal-size', bins }));
  const { bounds, fallbacks } = runSteps(equalSizeBoundsSteps(bins, options), (sql) => engine.rows(sql));
  engine.exec(scoresSql({ method: 'equal-size', bins, bounds }));
  return { bounds, fallbacks, scores: readScores() };
}

/** The same scores by ranking (scoresSql without bounds). */
function rankedScores(bins: Bins): Scores {
  engine.exec(scoresSql({ method: 'equal-size', bins }));
  return readScores();
}

function readScores(): Scores {
  const rows = engine.rows<{ customer_id: string; r_score: number; f_score: number; m_score: number }>(
    'SELECT customer_id, r_score, f_score, m_score FROM customer_scores',
  );
  return new Map(rows.map((r) => [r.customer_id, [r.r_score, r.f_score, r.m_score]]));
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The definition: group = ⌊i·k/n⌋ + 1 for 0-based i in (value, id) order. */
function groups(values: Map<string, bigint>, k: number): Map<string, number> {
  const ids = [...values.keys()].sort((a, b) => {
    const va = values.get(a)!;
    const vb = values.get(b)!;
    return va < vb ? -1 : va > vb ? 1 : byteOrder(a, b);
  });
  return new Map(ids.map((id, i) => [id, Math.floor((i * k) / ids.length) + 1]));
}

/** Expected scores from reference rows (recency_days, frequency, monetary = net); average mode computed here. */
function expected(ref: Record<string, string>[], k: number, mode: MonetaryMode): Scores {
  const money = (r: Record<string, string>) => {
    const net = scaled(r.monetary);
    const f = BigInt(r.frequency);
    if (mode === 'total') return net;
    if (f === 0n) return 0n;
    // Round half away from zero of net ÷ f, in units of 0.0001.
    const q = (2n * (net < 0n ? -net : net) + f) / (2n * f);
    return net < 0n ? -q : q;
  };
  const rec = groups(new Map(ref.map((r) => [r.customer_id, BigInt(r.recency_days)])), k);
  const fre = groups(new Map(ref.map((r) => [r.customer_id, BigInt(r.frequency)])), k);
  const mon = groups(new Map(ref.map((r) => [r.customer_id, money(r)])), k);
  return new Map(ref.map((r) => [r.customer_id, [k + 1 - rec.get(r.customer_id)!, fre.get(r.customer_id)!, mon.get(r.customer_id)!]]));
}

function expectSameScores(actual: Scores, want: Scores): void {
  expect(actual.size).toBe(want.size);
  const differing = [...want].filter(([id, s]) => JSON.stringify(actual.get(id)) !== JSON.stringify(s));
  expect(differing.slice(0, 5)).toEqual([]);
}

const sets = [
  { name: 'CDNOW', load: () => loadCdnowTx(engine), ref: 'cdnow/reference/cdnow.customers.csv.gz' },
  { name: 'Online Retail', load: () => loadOnlineRetailTx(engine, 'online_retail.csv.gz'), ref: 'online_retail/reference/online_retail.customers.csv.gz' },
  { name: 'rfm data orders', load: () => loadRfmDataOrdersTx(engine), ref: 'rfm_data_orders/reference/rfm_data_orders.customers.csv' },
];

describe.each(sets)('$name: every customer, equal-size scores without a sort', ({ load, ref }) => {
  let reference: Record<string, string>[];
  beforeAll(() => {
    load();
    reference = readReferenceCsv(engine, ref);
  });

  it.each([3, 4, 5] as const)('%i bins, total monetary: the definition, with no wrong guess; ranking agrees', (k) => {
    const { bounds, fallbacks, scores } = score(k);
    expect(fallbacks).toBe(0);
    expect(bounds.length).toBe(3 * (k - 1));
    const want = expected(reference, k, 'total');
    expectSameScores(scores, want);
    expectSameScores(rankedScores(k), want);
  });

  it('5 bins, average monetary (many ties on a bound): the definition', () => {
    const want = expected(reference, 5, 'average');
    expectSameScores(score(5, 'average').scores, want);
    expectSameScores(rankedScores(5), want);
  });

  it('every path gives the same bounds: ids by guess in any tie group, no guesses, every guess wrong', () => {
    const { bounds } = score(4, 'average');
    // Every id by a quantile_disc guess, none ranked within its group: the guesses hold.
    const guessed = score(4, 'average', { smallTieGroup: 0 });
    expect(guessed.bounds).toEqual(bounds);
    expect(guessed.fallbacks).toBe(0);
    const none = score(4, 'average', { guess: false, smallTieGroup: 0 });
    expect(none.bounds).toEqual(bounds);
    expect(none.fallbacks).toBe(0);
    // Every guess (values and ids) one place off: each is caught by its count and taken exactly.
    const off = score(4, 'average', { guessShift: 1, smallTieGroup: 0 });
    expect(off.bounds).toEqual(bounds);
    expect(off.fallbacks).toBeGreaterThan(3);
  });
});

describe('equal-size bounds, by hand', () => {
  it('ties split by customer_id on the bound; recency reversed', () => {
    // As rfm.test's case: frequency a..f = 1,1,1,1,2,3; recency a 1, b 1, c 5, d 5, e 5, f 9; monetary all 10.
    loadLines(engine, SIX_EQUAL_SIZE_CUSTOMERS);
    // n = 6, k = 3: p_1 = ⌈6/3⌉ = 2, p_2 = 4. Frequency order a1 b1 c1 d1 e2 f3: b_1 = (1, c), b_2 = (2, e).
    // Monetary all 10: b_1 = (10, c), b_2 = (10, e). Recency order a1 b1 c5 d5 e5 f9: b_1 = (5, c), b_2 = (5, e).
    const { bounds, scores } = score(3);
    const pair = (b: EqualSizeBound) => `${b.measure} ${b.value} ${b.customerId}`;
    expect(bounds.map(pair)).toEqual([
      'recency 5 c', 'recency 5 e', 'frequency 1 c', 'frequency 2 e', 'monetary 10.0000 c', 'monetary 10.0000 e',
    ]);
    expect(Object.fromEntries(scores)).toEqual({
      a: [3, 1, 1], b: [3, 1, 1], c: [2, 2, 2], d: [2, 2, 2], e: [1, 3, 3], f: [1, 3, 3],
    });
  });

  it('fewer customers than bins: bounds past the end are left out', () => {
    // n = 2, k = 5: p_j = ⌈2j/5⌉ = 1, 1, 2, 2 → only j = 1, 2 (p = 1 < 2), both the second customer.
    // Groups: first ⌊0·5/2⌋ + 1 = 1, second ⌊1·5/2⌋ + 1 = 3.
    loadLines(engine, [
      ['x', null, '2024-01-01', '5'],
      ["y'1", null, '2024-01-02', '7'],
    ]);
    const { bounds, scores } = score(5);
    expect(bounds.filter((b) => b.measure === 'monetary')).toEqual([
      { measure: 'monetary', value: '7.0000', customerId: "y'1" },
      { measure: 'monetary', value: '7.0000', customerId: "y'1" },
    ]);
    // Recency: y (1 day) before x (2 days) → y group 1 → R 5; x group 3 → R 3. Frequency tie 1, 1: by id x, y'1.
    expect(Object.fromEntries(scores)).toEqual({ x: [3, 1, 1], "y'1": [5, 3, 3] });
  });

  it('no customers: no bounds and no scores', () => {
    loadLines(engine, []);
    const { bounds, scores } = score(5);
    expect(bounds).toEqual([]);
    expect(scores.size).toBe(0);
  });
});
