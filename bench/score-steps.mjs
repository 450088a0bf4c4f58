#!/usr/bin/env node
// Issue 19, "build only what is shown", measured: where a scoring's time goes. Opens the generated file in the
// app's own Workspace on the duckdb-wasm Node build (the tab's engine, one thread), analyzes it, then times every
// statement RfmSession.score runs: the first scoring (with a cost model), an analysis-date change and a rule edit;
// and the histograms the Segments view asks for afterwards (RfmSession.histograms).
// Usage: node bench/score-steps.mjs [--rows 1000000] [--seed 20240601] [--reps 2]
import { openAsBlob } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './lib/generate.mjs';
import { appModules, numericOptions } from './lib/sys.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const log = (...a) => console.error(...a);
const opts = numericOptions(process.argv.slice(2), { rows: 1_000_000, seed: 20240601, reps: 2 });

const load = await appModules(ROOT);
const [{ Engine }, { Workspace }, { presetRules }, { zeroCostModel }] = await Promise.all(
  ['workers/engine.ts', 'workers/workspace.ts', 'src/domain/segment-presets.ts', 'src/domain/settings.ts'].map(load),
);
const { openNodeDuckDB, PARQUET_WASM } = await load('tests/helpers/duckdb.ts');

/** What a statement is: its first words (the table it creates, or what it selects). */
function label(sql) {
  const s = sql.replace(/\s+/g, ' ').trim();
  const create = /CREATE (?:OR REPLACE )?(?:TEMP )?(?:TABLE|VIEW) (\S+)/i.exec(s);
  if (create) return `create ${create[1]}`;
  return s.slice(0, 70);
}

const data = await ensureData(join(BENCH, 'cache'), opts.rows, opts.seed, log);
const settings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null,
  segmentRules: presetRules('rfm'), costModel: { ...zeroCostModel(), costPerOrder: '2.50' },
};
for (let rep = 0; rep < opts.reps; rep++) {
  const engine = new Engine(await openNodeDuckDB());
  const ws = new Workspace(engine, { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(data.csv), name: 'tx.csv' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
  let times = [];
  for (const method of ['exec', 'table', 'ipc']) {
    const original = engine[method].bind(engine);
    engine[method] = (sql) => {
      const t = performance.now();
      try { return original(sql); } finally { times.push([label(sql), performance.now() - t]); }
    };
  }
  const run = (name, s) => {
    times = [];
    const t = performance.now();
    const o = ws.score(s);
    const total = performance.now() - t;
    console.log(`\n## rep ${rep + 1}: ${name}: ${total.toFixed(0)} ms (${o.customers} customers; recomputed ${o.recomputed.join(', ')})`);
    for (const [l, ms] of times) if (ms >= 1) console.log(`${ms.toFixed(0).padStart(6)} ms  ${l}`);
    return o;
  };
  const shown = (name) => {
    times = [];
    const t = performance.now();
    ws.histograms();
    console.log(`## rep ${rep + 1}: ${name}: ${(performance.now() - t).toFixed(0)} ms`);
  };
  run('first scoring', settings);
  shown('histograms, asked by the Segments view');
  run('analysis-date change', { ...settings, analysisDate: '2024-06-30' });
  shown('histograms after the date change');
  run('rule edit (rfm → R-by-F grid)', { ...settings, analysisDate: '2024-06-30', segmentRules: presetRules('rf-grid') });
}
