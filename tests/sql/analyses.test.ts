import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { readReferenceCsv } from '../helpers/reference-tx';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import type { AnalyzeRequest } from '../../workers/api';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

// Analyses as values: two analysis dates scored in one worker session, each against the reference at its date.
// Every expected value comes from ../shared/data/cdnow (README, "Cohorts and segment migration", and
// reference/cdnow.migration.csv.gz: segment_before at 1998-04-01, segment_after at 1998-07-01, every customer).
let ws: Workspace;
let request: AnalyzeRequest;
let migration: Record<string, string>[];
const settings: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null, segmentRules: presetRules('rfm'),
  costModel: zeroCostModel(),
};
const atB: ScoringSettings = { ...settings, analysisDate: '1998-04-01' };

beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  request = { mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' };
  ws.analyze(request);
  migration = readReferenceCsv(new Engine(await openNodeDuckDB()), 'cdnow/reference/cdnow.migration.csv.gz');
});

/** Customer id → segment, from an analysis's customers.csv. */
function segmentsOf(analysis?: string): Map<string, string> {
  const lines = new TextDecoder().decode(ws.exportCsv({ kind: 'all' }, analysis)).trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const id = header.indexOf('customer_id');
  const seg = header.indexOf('segment');
  return new Map(lines.slice(1).map((l) => l.split(',')).map((c) => [c[id], c[seg]]));
}

/** Customers whose segment differs from the reference column (or who are missing). */
function mismatches(got: Map<string, string>, column: 'segment_before' | 'segment_after'): string[] {
  const bad = migration.filter((r) => got.get(r.customer_id) !== r[column]).map((r) => r.customer_id);
  if (got.size !== migration.length) bad.push(`size ${got.size}`);
  return bad;
}

const countBy = (m: Map<string, string>) => {
  const c: Record<string, number> = {};
  for (const s of m.values()) c[s] = (c[s] ?? 0) + 1;
  return c;
};

describe('analyses as values: two analysis dates in one worker session', () => {
  it('the main analysis at 1998-07-01 and another at 1998-04-01 coexist, each equal to the reference on every customer', () => {
    const after = ws.score(settings);
    const before = ws.score(atB, 'before');
    expect(after.analysisDate).toBe('1998-07-01');
    expect(before.analysisDate).toBe('1998-04-01');
    // A new analysis runs every step; the main one, asked again, has kept its own tables and runs none.
    expect(before.recomputed).toEqual(['figures', 'scores', 'segments', 'profit']);
    expect(ws.score(settings).recomputed).toEqual([]);
    expect(ws.analysisNames()).toEqual(['main', 'before']);
    // The README's cut points at B.
    expect(before.cuts.map((c) => c.cuts)).toEqual([['122', '361.6', '396', '422'], ['1', '1', '2', '3'], ['15.36', '30.33', '57.05', '123.32']]);
    expect(migration.length).toBe(23_570);
    const segAfter = segmentsOf();
    const segBefore = segmentsOf('before');
    expect(mismatches(segAfter, 'segment_after')).toEqual([]);
    expect(mismatches(segBefore, 'segment_before')).toEqual([]);
    // The README's counts before, and its moves: 21,967 stay, 1,603 move; Champions → Potential Loyalist 590.
    expect(countBy(segBefore)).toMatchObject({
      'Potential Loyalist': 7866, 'About To Sleep': 6812, Lost: 4451, Champions: 2496, Promising: 1143, 'Loyal Customers': 431,
      "Can't Lose Them": 177, 'Need Attention': 91, Others: 67, 'At Risk': 24, 'New Customers': 12,
    });
    const ids = [...segAfter.keys()];
    expect(ids.filter((id) => segBefore.get(id) !== segAfter.get(id)).length).toBe(1603);
    expect(ids.filter((id) => segBefore.get(id) === 'Champions' && segAfter.get(id) === 'Potential Loyalist').length).toBe(590);
    // The overviews too: each one's segment table adds up to its own reference counts.
    const refAfter = countBy(new Map(migration.map((r) => [r.customer_id, r.segment_after])));
    expect(Object.fromEntries(after.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]))).toEqual(refAfter);
    expect(Object.fromEntries(before.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]))).toEqual(countBy(segBefore));
  });

  it('re-scoring one analysis leaves the other as it was; pages and profiles read their own analysis', () => {
    ws.score({ ...settings, bins: 3, segmentRules: presetRules('rfm', 3) });
    expect(mismatches(segmentsOf('before'), 'segment_before')).toEqual([]);
    ws.score({ ...atB, bins: 4, segmentRules: presetRules('rfm', 4) }, 'before');
    ws.score(settings);
    ws.score(atB, 'before');
    expect(mismatches(segmentsOf(), 'segment_after')).toEqual([]);
    expect(mismatches(segmentsOf('before'), 'segment_before')).toEqual([]);
    // A customer who moved (Champions at B, Potential Loyalist at A), read from each analysis.
    const moved = migration.find((r) => r.segment_before === 'Champions' && r.segment_after === 'Potential Loyalist')!.customer_id;
    expect(ws.customerProfile(moved, '1998-07-01')!.segment).toBe('Potential Loyalist');
    expect(ws.customerProfile(moved, '1998-04-01', 'before')!.segment).toBe('Champions');
    const page = ws.customersPage({ selection: { kind: 'segment', segment: 'Champions' }, search: '', sort: { key: 'customer_id', dir: 'asc' }, offset: 0, limit: 1 }, 'before');
    expect(page.total).toBe(2496);
  });

  it('dropping an analysis removes its tables and leaves the other intact; a new Analyze drops the others', () => {
    const schemas = () => ws.engine.rows<{ s: string }>(`SELECT DISTINCT table_schema AS s FROM information_schema.tables ORDER BY 1`).map((r) => r.s);
    expect(schemas()).toContain('analysis_before');
    ws.dropAnalysis('before');
    expect(schemas()).not.toContain('analysis_before');
    expect(ws.analysisNames()).toEqual(['main']);
    expect(() => ws.exportCsv({ kind: 'all' }, 'before')).toThrow();
    expect(mismatches(segmentsOf(), 'segment_after')).toEqual([]);
    // The main analysis cannot be dropped.
    ws.dropAnalysis('main');
    expect(ws.analysisNames()).toEqual(['main']);

    ws.score(atB, 'calibration');
    expect(schemas()).toContain('analysis_calibration');
    ws.analyze(request);
    expect(ws.analysisNames()).toEqual(['main']);
    expect(schemas()).not.toContain('analysis_calibration');
    ws.score(settings);
    expect(mismatches(segmentsOf(), 'segment_after')).toEqual([]);
  });

  it('an analysis name is letters, digits, _ and -', () => {
    expect(() => ws.score(settings, 'x; DROP TABLE tx')).toThrow();
    expect(ws.analysisNames()).toEqual(['main']);
  });
});
