import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { readReferenceCsv } from '../helpers/reference-tx';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

// Segment migration and cohorts through the worker's Workspace. Expected values: ../shared/data/cdnow/README.md
// ("Cohorts and segment migration") and reference/cdnow.migration.csv.gz (every customer); hand-made cases below.
const settings: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null, segmentRules: presetRules('rfm'),
  costModel: zeroCostModel(),
};

async function workspaceWith(file: Blob, name: string, dateFormat: 'iso' | 'ymd-compact'): Promise<Workspace> {
  const ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file, name }]);
  ws.analyze({ mapping: opened.guess, dateFormat, decimalMark: 'point' });
  return ws;
}

describe('migration on CDNOW, 1998-04-01 → 1998-07-01', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspaceWith(await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), 'CDNOW_master.txt', 'ymd-compact');
  });

  it('migration.csv equals the reference on every customer; the flows give the README moves', () => {
    const m = ws.migration(settings, '1998-04-01');
    expect([m.analysisDate, m.compareDate]).toEqual(['1998-07-01', '1998-04-01']);
    expect([m.customersAfter, m.newCustomers, m.customersBefore, m.stayed, m.moved]).toEqual([23_570, 0, 23_570, 21_967, 1_603]);
    const moves = m.flows.filter((f) => f.before !== f.after).slice(0, 5).map((f) => [f.before, f.after, f.customers]);
    expect(moves).toEqual([
      ['Champions', 'Potential Loyalist', 590],
      ['Potential Loyalist', 'Champions', 435],
      ['About To Sleep', 'Potential Loyalist', 217],
      ['Lost', 'Potential Loyalist', 114],
      ['Promising', 'About To Sleep', 94],
    ]);
    const text = new TextDecoder().decode(ws.lifecycleCsv('migration')).trim().split(/\r?\n/);
    const engine = ws.engine;
    const ref = readReferenceCsv(engine, 'cdnow/reference/cdnow.migration.csv.gz');
    expect(text[0]).toBe('customer_id,segment_before,segment_after,segment_before_label,segment_after_label');
    const got = text.slice(1);
    expect(got.length).toBe(ref.length);
    // Without labels (English) each label is its segment.
    const bad = ref.filter((r, i) => got[i] !== [r.customer_id, r.segment_before, r.segment_after, r.segment_before, r.segment_after].map(csvCell).join(','));
    expect(bad.map((r) => r.customer_id)).toEqual([]);
    // The flows' net between the dates adds up to the revenue of the orders after 1998-04-01 (sum of the cells).
    const between = engine.one<{ n: string }>(`SELECT CAST(sum(net) AS VARCHAR) AS n FROM tx_orders WHERE order_date > DATE '1998-04-01'`)!.n;
    expect(m.flows.reduce((s, f) => s + Math.round(Number(f.revenue_text) * 10_000), 0)).toBe(Math.round(Number(between) * 10_000));
  });

  it('a comparison date not before the analysis date is refused with a code', () => {
    expect(() => ws.migration(settings, '1998-07-01')).toThrow();
    let caught: unknown = null;
    try {
      ws.migration(settings, '1998-08-01');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'lifecycle-failed' });
  });

  it('the cohort triangle through the worker: 4 cohorts, 63 cells, 68 customers without a cohort; cohorts.csv', () => {
    const c = ws.cohorts('1998-07-01', 'month');
    expect([c.cells.length, c.customers, c.withoutCohort]).toEqual([63, 23_570, 68]);
    expect(c.cells[0]).toMatchObject({ cohort: '1997-01', period: 0, cohort_customers: 7814, revenue_text: '299060.1700' });
    const csv = new TextDecoder().decode(ws.lifecycleCsv('cohorts')).trim().split(/\r?\n/);
    expect(csv[0]).toBe('cohort,period,cohort_customers,active_customers,retention,revenue');
    expect(csv[2]).toBe('1997-01,1,7814,1155,0.1478116202,60849.5400');
    expect(csv.length).toBe(64);
  });
});

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

describe('migration on hand-made data: a customer new between the dates', () => {
  // Orders (customer, date, amount). B = 2024-02-01, A = 2024-03-01 (the default: the day after the last order).
  // n first buys on 2024-02-10: New before. o bought before B and again after it. The segment names come from
  // rules that put every cell in one segment, so only the dates decide the flows.
  const csv = `customer,date,amount
o,2024-01-05,10.00
o,2024-02-15,2.50
p,2024-01-20,7.00
n,2024-02-10,4.25
n,2024-02-29,1.00
`;
  const everyone: ScoringSettings = { ...settings, bins: 3, segmentRules: [{ name: 'Everyone', r: [1, 3], f: [1, 3], m: [1, 3] }] };

  it('New before; customers before = after − new; net between the dates per flow', async () => {
    const ws = await workspaceWith(new Blob([csv]), 'hand.csv', 'iso');
    const m = ws.migration(everyone, '2024-02-01');
    expect(m.analysisDate).toBe('2024-03-01');
    expect([m.customersAfter, m.newCustomers, m.customersBefore, m.stayed, m.moved]).toEqual([3, 1, 2, 2, 0]);
    expect(m.flows.map((f) => [f.before, f.after, f.customers, f.revenue_text])).toEqual([
      ['Everyone', 'Everyone', 2, '2.5000'],
      ['New', 'Everyone', 1, '5.2500'],
    ]);
    expect(new TextDecoder().decode(ws.lifecycleCsv('migration')).trim().split(/\r?\n/)).toEqual([
      'customer_id,segment_before,segment_after,segment_before_label,segment_after_label',
      'n,New,Everyone,New,Everyone', 'o,Everyone,Everyone,Everyone,Everyone', 'p,Everyone,Everyone,Everyone,Everyone',
    ]);
    // Spanish labels as the UI passes them: the names stay, the labels follow.
    const spanish = { New: 'Nuevos', Everyone: 'Todos', Champions: 'Campeones' };
    expect(new TextDecoder().decode(ws.lifecycleCsv('migration', spanish)).trim().split(/\r?\n/).slice(1)).toEqual([
      'n,New,Everyone,Nuevos,Todos', 'o,Everyone,Everyone,Todos,Todos', 'p,Everyone,Everyone,Todos,Todos',
    ]);
  });
});
