import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { histogramSql } from '../reference/views-sql';
import { wholeNumberHistogram } from '../helpers/histogram';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

describe('histogram bins', () => {
  it('whole-number widths up to the 99th percentile; the tail goes in the last bin', () => {
    // frequency 1, 1, 1, 2, 3, 10: p99 (type 7) = 3 + 0.95 × (10 − 3) = 9.65 → hi = 10; lo = 1;
    // width = max(1, ceil((10 − 1 + 1) / 40)) = 1; bin = min(floor(v − 1), 9): 1 → 0, 2 → 1, 3 → 2, 10 → 9.
    engine.exec(`CREATE OR REPLACE TABLE customer_figures AS
      SELECT * FROM (VALUES (1, 1, 1.0), (2, 1, 1.0), (3, 1, 1.0), (4, 2, 1.0), (5, 3, 1.0), (6, 10, 1.0)) t(recency_days, frequency, monetary)`);
    expect(engine.rows(histogramSql('frequency'))).toEqual([
      { x0: 1, x1: 2, count: 3 },
      { x0: 2, x1: 3, count: 1 },
      { x0: 3, x1: 4, count: 1 },
      { x0: 10, x1: 11, count: 1 },
    ]);
  });

  it('money: 4 equal bins from the minimum to the 99th percentile, values above it in the last bin', () => {
    // monetary 0, 10, 20, 30, 40, 1000: p99 = 40 + 0.95 × 960 = 952; width = 952 / 4 = 238;
    // bins: 0, 10, 20, 30, 40 → 0; 1000 → min(floor(1000 / 238) = 4, 4 − 1 = 3) = 3.
    engine.exec(`CREATE OR REPLACE TABLE customer_figures AS
      SELECT * FROM (VALUES (1, 1, 0.0), (1, 1, 10.0), (1, 1, 20.0), (1, 1, 30.0), (1, 1, 40.0), (1, 1, 1000.0)) t(recency_days, frequency, monetary)`);
    // Bin edges are display values (DOUBLE): compare them to 9 decimals.
    const rows = engine.rows<{ x0: number; x1: number; count: number }>(histogramSql('monetary', 4));
    expect(rows.map((r) => ({ x0: +r.x0.toFixed(9), x1: +r.x1.toFixed(9), count: r.count }))).toEqual([
      { x0: 0, x1: 238, count: 5 },
      { x0: 714, x1: 952, count: 1 },
    ]);
  });
});

describe('recency and frequency histograms on real data, against the definition computed here', () => {
  it('CDNOW: every bin of both whole-number histograms', async () => {
    const { loadCdnowTx } = await import('../helpers/reference-tx');
    const { ordersTableSql, customerFiguresSql } = await import('../../src/sql/rfm');
    loadCdnowTx(engine);
    engine.exec(ordersTableSql());
    engine.exec(customerFiguresSql({ analysisDate: null, monetaryMode: 'total' }));
    for (const [measure, column] of [['recency', 'recency_days'], ['frequency', 'frequency']] as const) {
      const values = engine.rows<{ v: number }>(`SELECT ${column} AS v FROM customer_figures`).map((r) => r.v);
      expect(values.length).toBe(23570);
      const expected = wholeNumberHistogram(values);
      expect(engine.rows(histogramSql(measure)), measure).toEqual(expected);
    }
  });
});
