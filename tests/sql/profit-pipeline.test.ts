import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

const base: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null,
  segmentRules: presetRules('rfm'), costModel: zeroCostModel(),
};

let ws: Workspace;
beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
});

const csvText = (b: Uint8Array) => new TextDecoder().decode(b).trim().split('\r\n');

describe('profit through the whole pipeline (file → analyze → score)', () => {
  it('CDNOW with a typed 30 % margin and 2.50 per order: 0.30 × 2,500,315.63 − 2.50 × 67,591', async () => {
    const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
    ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
    const none = ws.score(base);
    expect(none.profit.known).toBe(false);
    expect(csvText(ws.exportCsv({ kind: 'all' }))[0]).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label');
    const o = ws.score({ ...base, costModel: { ...zeroCostModel(), marginPct: '30', costPerOrder: '2.50' } });
    expect(o.recomputed).toEqual(['profit']);
    // 750,094.689 − 168,977.50 = 581,117.189 (README figures: revenue 2,500,315.63; orders 67,591).
    expect(o.profit.totals.profit_text).toBe('581117.1890');
    const lines = csvText(ws.exportCsv({ kind: 'all' }));
    expect(lines[0]).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label,gross_margin,cost_to_serve,profit,below_adequate');
    // The per-customer profits of the export add up to the total to the cent (exact decimal text).
    const cents = lines.slice(1).reduce((n, l) => n + BigInt(l.split(',')[12].replace('.', '')), 0n);
    expect(cents).toBe(5811171890n);
    // 00001: one order of 11.77 → 0.3 × 11.77 − 2.50 = 3.531 − 2.50 = 1.031.
    expect(lines.find((l) => l.startsWith('00001,'))!.split(',').slice(10)).toEqual(['3.5310', '2.5000', '1.0310', 'false']);
    expect(o.profit.whale[0]).toMatchObject({ rank: 0, customer_share: 0, profit_share: 0 });
    expect(o.profit.whale.at(-1)).toMatchObject({ rank: 23_570, customer_share: 1, profit_share: 1 });
  });

  it('a file with a cost column: profit per customer, whale peak and the unprofitable tail', async () => {
    // Hand-made: a buys 100 (cost 60) and 50 (cost 30); b buys 20 (cost 15) and returns it (−20, cost −15);
    // c buys 10 (cost 12). Cost per order 5.
    // a: margin 40 + 20 = 60, 2 orders → 10 → profit 50; b: margin 5 − 5 = 0, 2 orders → 10 → profit −10;
    // c: margin −2, 1 order → 5 → profit −7. Total 33. Ranked: a 50, c −7, b −10 → cumulative 50, 43, 33;
    // peak at 1/3 of customers with 50/33 = 151.5 % of the profit.
    const csv = 'customer,order,date,amount,cost\na,1,2024-01-05,100,60\na,2,2024-02-05,50,30\nb,3,2024-01-10,20,15\nb,C4,2024-01-12,-20,-15\nc,5,2024-03-01,10,12\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'costs.csv' }]);
    expect(opened.guess).toMatchObject({ customer: 'customer', order: 'order', date: 'date', amount: 'amount', cost: 'cost' });
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.hasCost).toBe(true);
    const o = ws.score({ ...base, costModel: { ...zeroCostModel(), costPerOrder: '5' } });
    expect(o.profit.known).toBe(true);
    expect(o.profit.totals.profit_text).toBe('33.0000');
    expect(o.profit.peak.peak_rank).toBe(1);
    expect(o.profit.peak.peak_profit_share).toBeCloseTo(50 / 33, 10);
    const below = csvText(ws.exportCsv({ kind: 'below-adequate' })).slice(1).map((l) => l.split(',')[0]);
    expect(below).toEqual(['b', 'c']);
    const tail = csvText(ws.exportCsv({ kind: 'rank', from: 2, to: 3 })).slice(1).map((l) => [l.split(',')[0], l.split(',')[12]]);
    expect(tail).toEqual([['b', '-10.0000'], ['c', '-7.0000']]);
  });

  it('an invalid cost model keeps the last valid one, also for a new analysis date', async () => {
    const csv = 'customer,order,date,amount,cost\na,1,2024-01-05,100,60\na,2,2024-02-05,50,30\nb,3,2024-01-10,20,15\nb,C4,2024-01-12,-20,-15\nc,5,2024-03-01,10,12\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'costs.csv' }]);
    ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    const valid = { ...zeroCostModel(), costPerOrder: '5' };
    expect(ws.score({ ...base, costModel: valid }).profit.totals.profit_text).toBe('33.0000');
    // A half-typed value: the problem is reported and the views keep the profit of the last valid model.
    const bad = ws.score({ ...base, costModel: { ...valid, costPerOrder: '5,' } });
    expect(bad.profit.problems.length).toBe(1);
    expect(bad.profit.totals.profit_text).toBe('33.0000');
    expect(bad.recomputed).not.toContain('profit');
    // A new date while the value is still invalid: costed with 5 per order, not with nothing. Orders on or before
    // 2024-02-01: a 100 (cost 60), b 20 (15) and its return −20 (−15). a: 40 − 5 = 35; b: 0 − 2 × 5 = −10 → 25
    // (with zero costs it would be 40).
    const moved = ws.score({ ...base, analysisDate: '2024-02-01', costModel: { ...valid, costPerOrder: '5,' } });
    expect(moved.customers).toBe(2);
    expect(moved.profit.totals.profit_text).toBe('25.0000');
  });

  it('a profit column instead of a cost column: cost = amount − profit', async () => {
    // x: 100 with profit 30 and 40 with profit −5 → gross margin 25; y: 10 with profit 4 → 4. No cost to serve.
    const csv = 'klant;datum;bedrag;winst\nx;05-01-2024;100,00;30,00\nx;06-02-2024;40,00;-5,00\ny;07-03-2024;10,00;4,00\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'winst.csv' }]);
    expect(opened.guess).toMatchObject({ customer: 'klant', date: 'datum', amount: 'bedrag', profit: 'winst', cost: null });
    ws.analyze({ mapping: opened.guess, dateFormat: 'dmy', decimalMark: 'comma' });
    const o = ws.score(base);
    expect(o.profit.known).toBe(true);
    expect(o.profit.totals.profit_text).toBe('29.0000');
    const rows = csvText(ws.exportCsv({ kind: 'all' })).slice(1).map((l) => [l.split(',')[0], l.split(',')[10]]);
    expect(rows).toEqual([['x', '25.0000'], ['y', '4.0000']]);
  });
});
