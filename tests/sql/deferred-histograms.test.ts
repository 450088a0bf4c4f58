import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { readReferenceCsv } from '../helpers/reference-tx';
import { wholeNumberHistogram } from '../helpers/histogram';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

// "Build only what is shown" (issue 19): a scoring does not count the histograms; the distributions view asks.
let engine: Engine;
let ws: Workspace;
let statements: string[] = [];
let reference: Record<string, string>[];
const settings: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null, segmentRules: presetRules('rfm'),
  costModel: zeroCostModel(),
};

beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
  ws = new Workspace(engine, { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
  reference = readReferenceCsv(new Engine(await openNodeDuckDB()), 'cdnow/reference/cdnow.customers.csv.gz');
  // Every statement the engine runs from here on, to see which ones a call makes.
  for (const method of ['exec', 'table', 'ipc'] as const) {
    const run = engine[method].bind(engine) as (sql: string) => never;
    (engine as unknown as Record<string, (sql: string) => unknown>)[method] = (sql: string) => {
      statements.push(sql);
      return run(sql);
    };
  }
});

/** The statements of one call. */
function statementsOf(call: () => void): string[] {
  statements = [];
  call();
  return statements;
}

const countsHistograms = (sql: string) => /values_recency/.test(sql);

describe('the histograms are built only when the distributions view asks', () => {
  it('scoring CDNOW runs no histogram query; asking afterwards gives the reference customers\' bins, once', () => {
    let o!: ReturnType<Workspace['score']>;
    const scoring = statementsOf(() => (o = ws.score(settings)));
    expect(scoring.length).toBeGreaterThan(5);
    expect(scoring.filter(countsHistograms)).toEqual([]);
    expect(o).not.toHaveProperty('histograms');

    let h!: ReturnType<Workspace['histograms']>;
    const asked = statementsOf(() => (h = ws.histograms()));
    expect(asked.filter(countsHistograms)).toHaveLength(1);
    expect(h.figuresKey).toBe(o.figuresKey);
    expect(h.bars.recency).toEqual(wholeNumberHistogram(reference.map((r) => Number(r.recency_days))));
    expect(h.bars.frequency).toEqual(wholeNumberHistogram(reference.map((r) => Number(r.frequency))));
    for (const m of ['recency', 'frequency', 'monetary'] as const) expect(h.bars[m].reduce((n, b) => n + b.count, 0)).toBe(23_570);
    // Asked again (the view shown again, a rule edit): kept, no query.
    expect(statementsOf(() => ws.score({ ...settings, segmentRules: presetRules('rf-grid') }))).not.toContain(expect.stringMatching(/values_recency/));
    expect(statementsOf(() => expect(ws.histograms()).toEqual(h))).toEqual([]);
  });

  it('after an analysis-date change the next ask counts the new figures', () => {
    const before = ws.histograms();
    const o = ws.score({ ...settings, analysisDate: '1998-01-01' });
    expect(o.figuresKey).not.toBe(before.figuresKey);
    const h = ws.histograms();
    expect(h.figuresKey).toBe(o.figuresKey);
    // From the raw file, here: one order = one customer on one day; orders after 1998-01-01 ignored; recency =
    // days from the last order to 1998-01-01; frequency = days with a positive net (cents, exact).
    const days = new Map<string, Map<string, number>>();
    for (const line of readFileSync(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'), 'utf8').split(/\r?\n/).slice(1)) {
      const [id, day, , dollars] = line.trim().split(/\s+/);
      if (!id || day > '19980101') continue;
      const net = days.get(id) ?? new Map<string, number>();
      net.set(day, (net.get(day) ?? 0) + Math.round(Number(dollars) * 100));
      days.set(id, net);
    }
    const toDate = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8));
    const recency = [...days.values()].map((net) => (toDate('19980101') - toDate([...net.keys()].sort().at(-1)!)) / 86_400_000);
    const frequency = [...days.values()].map((net) => [...net.values()].filter((c) => c > 0).length);
    expect(recency).toHaveLength(23_570);
    expect(h.bars.recency).toEqual(wholeNumberHistogram(recency));
    expect(h.bars.frequency).toEqual(wholeNumberHistogram(frequency));
    expect(h.bars.recency).not.toEqual(before.bars.recency);
  });

  it('a new Analyze forgets them: asking before a scoring is refused', async () => {
    const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
    ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
    expect(() => ws.histograms()).toThrow();
    ws.score(settings);
    expect(ws.histograms().bars.recency).toEqual(wholeNumberHistogram(reference.map((r) => Number(r.recency_days))));
  });
});
