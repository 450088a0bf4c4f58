import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { readReferenceCsv } from '../helpers/reference-tx';
import { Engine, plainRows } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

// Every expected value here comes from ../shared/data/cdnow (README and reference/cdnow.customers.csv.gz).
let ws: Workspace;
let reference: Record<string, string>[];
const settings: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null, segmentRules: presetRules('rfm'),
  costModel: zeroCostModel(),
};

beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
  const refEngine = new Engine(await openNodeDuckDB());
  reference = readReferenceCsv(refEngine, 'cdnow/reference/cdnow.customers.csv.gz');
});

function parseCsv(bytes: Uint8Array): string[][] {
  return new TextDecoder().decode(bytes).trim().split(/\r?\n/).map((l) => l.split(','));
}

describe('RFM views on CDNOW, through the same path as the app (open → analyze → score)', () => {
  it('customers.csv has the exact columns and every customer equals the reference', () => {
    const o = ws.score(settings);
    expect(o.recomputed).toEqual(['figures', 'scores', 'segments', 'profit']);
    expect(o.analysisDate).toBe('1998-07-01');
    const [header, ...rows] = parseCsv(ws.exportCsv({ kind: 'all' }));
    expect(header).toEqual(['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'rfm_cell', 'segment', 'segment_label']);
    expect(rows.length).toBe(23_570);
    const byId = new Map(reference.map((r) => [r.customer_id, r]));
    let mismatches = 0;
    for (const [id, rec, freq, mon, r, f, m, cell, seg, label] of rows) {
      const ref = byId.get(id)!;
      const same = ref && rec === ref.recency_days && freq === ref.frequency && Number(mon) === Number(ref.monetary) &&
        r === ref.r_score && f === ref.f_score && m === ref.m_score && cell === ref.rfm_cell && seg === ref.segment && label === seg;
      if (!same) mismatches++;
    }
    expect(mismatches).toBe(0);
    // Spot check against the README: 00001 recency 546, frequency 1, monetary 11.77.
    expect(rows.find((r) => r[0] === '00001')!.slice(0, 4)).toEqual(['00001', '546', '1', '11.7700']);
  });

  it('the R×F grid adds up to every customer and matches the reference per cell', () => {
    const o = ws.score(settings);
    expect(o.recomputed).toEqual([]);
    const expected = new Map<string, number>();
    for (const r of reference) expected.set(`${r.r_score}${r.f_score}`, (expected.get(`${r.r_score}${r.f_score}`) ?? 0) + 1);
    expect(new Map(o.grid.map((c) => [`${c.r}${c.f}`, c.customers]))).toEqual(expected);
  });

  it('the segment table and rule counts match the published segment counts', () => {
    const o = ws.score(settings);
    const counts = Object.fromEntries(o.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]));
    expect(counts).toEqual({
      'Potential Loyalist': 8407, 'About To Sleep': 6703, Lost: 4340, Champions: 2345, Promising: 1011,
      'Loyal Customers': 435, "Can't Lose Them": 169, 'Need Attention': 91, Others: 54, 'New Customers': 9, 'At Risk': 6,
    });
    expect(o.segments.reduce((n, s) => n + s.revenue, 0)).toBeCloseTo(2_500_315.63, 2);
    expect(o.ruleCounts.at(-1)).toMatchObject({ segment: 'Others', customers: 54 });
  });

  it('a segment-rule edit re-runs only the cell map', () => {
    const rules = presetRules('rf-grid');
    const o = ws.score({ ...settings, segmentRules: rules });
    expect(o.recomputed).toEqual(['segments']);
    const counts = Object.fromEntries(o.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]));
    expect(counts).toEqual({
      Hibernating: 8538, Champions: 4133, 'About To Sleep': 3518, 'Loyal Customers': 3245, 'Potential Loyalist': 2432,
      'Need Attention': 954, 'At Risk': 743, "Can't Lose Them": 6, Promising: 1,
    });
  });

  it('histograms count every customer and show the cut points', () => {
    const o = ws.score(settings);
    const h = ws.histograms();
    for (const m of ['recency', 'frequency', 'monetary'] as const) {
      expect(h.bars[m].reduce((n, b) => n + b.count, 0)).toBe(23_570);
    }
    expect(o.cuts.find((c) => c.measure === 'frequency')!.cuts).toEqual(['1', '1', '2', '4']);
    // F2 is empty: cut points 1, 1 coincide (README: F1 = 12,057, F2 = 0).
    expect(o.scoreCounts.filter((c) => c.measure === 'frequency').map((c) => c.customers)).toEqual([12_057, 0, 4_040, 3_638, 3_835]);
  });

  it('a page of customers sorted by monetary gives the top five of the README', () => {
    ws.score(settings);
    const { total, ipc } = ws.customersPage({ selection: { kind: 'all' }, search: '', sort: { key: 'monetary', dir: 'desc' }, offset: 0, limit: 5 });
    expect(total).toBe(23_570);
    const rows = plainRows<{ customer_id: string; recency_days: number; frequency: number; monetary: number }>(tableFromIPC(ipc));
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.frequency, r.monetary])).toEqual([
      ['07592', 2, 146, 13990.93], ['14048', 1, 171, 8976.33], ['07983', 6, 125, 6973.07], ['19339', 446, 22, 6552.7], ['07931', 18, 53, 6497.18],
    ]);
  });

  it('selections and searches give the reference customers, pages in the asked order', () => {
    ws.score(settings);
    type Row = { customer_id: string; monetary: number; segment: string };
    const page = (selection: Parameters<Workspace['customersPage']>[0]['selection'], search: string, key: string, dir: 'asc' | 'desc', limit = 5) => {
      const { total, ipc } = ws.customersPage({ selection, search, sort: { key, dir }, offset: 0, limit });
      return { total, ids: plainRows<Row>(tableFromIPC(ipc)).map((r) => r.customer_id), rows: plainRows<Row>(tableFromIPC(ipc)) };
    };
    const bySegment = (seg: string) => reference.filter((r) => r.segment === seg);
    const top = (rows: Record<string, string>[], n: number) =>
      [...rows].sort((a, b) => Number(b.monetary) - Number(a.monetary) || (a.customer_id < b.customer_id ? -1 : 1)).slice(0, n).map((r) => r.customer_id);
    for (const seg of ['Champions', 'Lost', 'Others']) {
      const expected = bySegment(seg);
      const got = page({ kind: 'segment', segment: seg }, '', 'monetary', 'desc');
      expect(got.total, seg).toBe(expected.length);
      expect(got.ids, seg).toEqual(top(expected, 5));
      expect(got.rows.every((r) => r.segment === seg)).toBe(true);
    }
    // A search matches the customer id or the segment name, case-insensitively.
    const loyal = page({ kind: 'all' }, 'LOYAL', 'customer_id', 'asc');
    expect(loyal.total).toBe(reference.filter((r) => r.segment.toLowerCase().includes('loyal')).length);
    const ids = page({ kind: 'all' }, '0050', 'customer_id', 'asc', 100);
    expect(ids.ids).toEqual(reference.filter((r) => r.customer_id.includes('0050')).map((r) => r.customer_id).sort());
    const inLost = page({ kind: 'segment', segment: 'Lost' }, '0050', 'customer_id', 'desc', 100);
    expect(inLost.ids).toEqual(bySegment('Lost').filter((r) => r.customer_id.includes('0050')).map((r) => r.customer_id).sort().reverse());
    // Sorting by segment: names in order, then customer id.
    const bySeg = page({ kind: 'all' }, '', 'segment', 'asc', 3);
    const firstName = [...new Set(reference.map((r) => r.segment))].sort()[0];
    expect(bySeg.ids).toEqual(bySegment(firstName).map((r) => r.customer_id).sort().slice(0, 3));
  });

  it('a profile gives the figures and the orders of one customer', () => {
    ws.score(settings);
    const p = ws.customerProfile('00100', '1998-07-01')!;
    expect(p).toMatchObject({ customer_id: '00100', recency_days: 72, frequency: 3, monetary: '55.2400' });
    expect(p.timeline.length).toBe(3);
    expect(p.timeline.reduce((n, o) => n + o.net, 0)).toBeCloseTo(55.24, 6);
  });

  it('an earlier analysis date changes the figures (orders on or after it are ignored)', () => {
    const o = ws.score({ ...settings, analysisDate: '1998-04-01' });
    expect(o.recomputed).toEqual(['figures', 'scores', 'segments', 'profit']);
    // cdnow README, migration section: cut points at 1998-04-01.
    expect(o.cuts.map((c) => c.cuts)).toEqual([['122', '361.6', '396', '422'], ['1', '1', '2', '3'], ['15.36', '30.33', '57.05', '123.32']]);
    ws.score(settings);
  });

  it('the Parquet export holds the same rows as the CSV, monetary exact', async () => {
    ws.score(settings);
    const sel = { kind: 'segment', segment: 'Champions' } as const;
    const bytes = ws.exportParquet(sel);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    const [, ...csv] = parseCsv(ws.exportCsv(sel));
    expect(rows.length).toBe(2345);
    expect(rows.map((r) => [r.customer_id, String(r.recency_days), Number(r.monetary).toFixed(4), r.segment])).toEqual(
      csv.map((r) => [r[0], r[1], r[3], r[8]]),
    );
  });
});
