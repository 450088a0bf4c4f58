import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';
import { ruleCountsSql, segmentSummarySql, segmentTablesSql } from '../reference/rfm-sql';
import { profitBySegmentSql, segmentProfitDecileSql } from '../reference/profit-sql';

// The segment reports the worker returns (from per-cell sums, in TypeScript: src/domain/segment-reports.ts) must
// give exactly what the per-customer SQL reports give (those are checked against the reference data in
// rfm.test.ts, segments.test.ts and profit.test.ts).
let ws: Workspace;
const base: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null,
  segmentRules: presetRules('rfm'), costModel: { ...zeroCostModel(), marginPct: '30', costPerOrder: '2.50', adequateLevel: '5' },
};

beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
});

function same(a: Record<string, unknown>[], b: Record<string, unknown>[]) {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const w = b[i][k];
      if (typeof v === 'number' && typeof w === 'number') expect(w, `${i}.${k}`).toBeCloseTo(v, 6);
      else expect(w, `${i}.${k}`).toEqual(v);
    }
  });
}

const rows = (x: unknown) => x as Record<string, unknown>[];

describe('segment reports from score cells equal the per-customer reports', () => {
  it.each([
    ['rfm preset, 5 quantile bins', base],
    ['R-by-F grid', { ...base, segmentRules: presetRules('rf-grid') }],
    ['4 equal-size bins, average monetary', { ...base, bins: 4 as const, scoreMethod: 'equal-size' as const, monetaryMode: 'average' as const, segmentRules: presetRules('rfm', 4) }],
    ['an earlier analysis date', { ...base, analysisDate: '1998-01-15' }],
    ['profit unknown (no cost column, no margin)', { ...base, costModel: zeroCostModel() }],
    ['a rule named Others first, and a rule every cell of which is taken earlier', {
      ...base,
      segmentRules: [
        { name: 'Others', r: [1, 2] as [number, number], f: [1, 5] as [number, number], m: [1, 5] as [number, number] },
        { name: 'Shadowed', r: [1, 1] as [number, number], f: [1, 5] as [number, number], m: [1, 5] as [number, number] },
        ...presetRules('rfm'),
      ],
    }],
  ])('%s', (_name, settings) => {
    const o = ws.score(settings);
    const e = ws.engine;
    // The worker makes the cell map only; the per-customer reports also need the rule table and the
    // customer_segments view, which segmentTablesSql makes with the same cell map.
    const workerCells = e.rows(`SELECT * FROM cell_segments ORDER BY rfm_cell`);
    e.exec(segmentTablesSql(settings.segmentRules, settings.bins));
    expect(e.rows(`SELECT * FROM cell_segments ORDER BY rfm_cell`)).toEqual(workerCells);
    same(e.rows(segmentSummarySql()), rows(o.segments));
    same(e.rows(ruleCountsSql()), rows(o.ruleCounts));
    same(e.rows(profitBySegmentSql()), rows(o.profit.bySegment));
    if (o.profit.known) same(e.rows(segmentProfitDecileSql()), rows(o.profit.deciles));
    else expect(o.profit.deciles).toEqual([]);
    expect(o.segments.reduce((n, s) => n + s.customers, 0)).toBe(o.customers);
  });

  it('a rule edit re-runs nothing per customer', () => {
    ws.score(base);
    const rules = presetRules('rfm');
    rules[0] = { ...rules[0], r: [4, 5] };
    const o = ws.score({ ...base, segmentRules: rules });
    expect(o.recomputed).toEqual(['segments']);
    ws.engine.exec(segmentTablesSql(rules, base.bins));
    same(ws.engine.rows(segmentSummarySql()), o.segments as unknown as Record<string, unknown>[]);
  });
});
