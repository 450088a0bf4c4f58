#!/usr/bin/env node
// Issue 19, why Analyze at 10 M rows is not 10 × its 1 M time: memory the engine touches for the first time.
// Opens the generated CSV in the app's own Workspace on the duckdb-wasm Node build (the tab's engine, one thread),
// then times the statement that types the staged text (transactionsTableSql → tx_next) twice on the same engine:
// the first run writes fresh memory, the second reuses what the first freed. Three engines, each fresh:
//   plain   — as the app runs;
//   grown   — the wasm heap grown first by one malloc + free of --grow GiB (address space only, nothing written);
//   touched — the same, with every byte of it written once before the free (the page faults paid up front).
// If "grown" is as slow as "plain" and "touched" as fast as the second run, the cost is first touch, not growth.
// Usage: node bench/fresh-memory.mjs [--rows 10000000] [--seed 20240601] [--grow 2.5]
import { openAsBlob } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './lib/generate.mjs';
import { appModules, numericOptions } from './lib/sys.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const log = (...a) => console.error(...a);
const opts = numericOptions(process.argv.slice(2), { rows: 10_000_000, seed: 20240601, grow: 2.5 });

const load = await appModules(ROOT);
const [{ Engine }, { Workspace }, { transactionsTableSql }] = await Promise.all(
  ['workers/engine.ts', 'workers/workspace.ts', 'src/sql/transactions.ts'].map(load),
);
const { openNodeDuckDB, PARQUET_WASM } = await load('tests/helpers/duckdb.ts');
const data = await ensureData(join(BENCH, 'cache'), opts.rows, opts.seed, log);

const results = [];
for (const mode of ['plain', 'grown', 'touched']) {
  const engine = new Engine(await openNodeDuckDB());
  const mod = engine.db.mod;
  const heapMiB = () => Math.round(mod.HEAPU8.length / 2 ** 20);
  const ms = (f) => { const t = performance.now(); f(); return Math.round(performance.now() - t); };
  let before = null;
  if (mode !== 'plain') {
    before = ms(() => {
      const bytes = Math.round(opts.grow * 2 ** 30);
      const p = mod._malloc(bytes);
      if (!p) throw new Error(`could not allocate ${opts.grow} GiB in the wasm heap`);
      if (mode === 'touched') mod.HEAPU8.fill(1, p, p + bytes);
      mod._free(p);
    });
  }
  // The staged text is what this probe types (the app no longer stages a CSV: `bench/stage-or-not.mjs`).
  const ws = new Workspace(engine, { parquetWasm: PARQUET_WASM, stageCsv: true });
  let t = performance.now();
  const opened = await ws.open([{ file: await openAsBlob(data.csv), name: 'tx.csv' }]);
  const open = Math.round(performance.now() - t);
  const heapAfterOpen = heapMiB();
  const sql = transactionsTableSql({
    staging: 'staging_1', files: 'files_1', rejects: 'rejects_1', columnOf: (h) => 'c' + opened.columns.indexOf(h),
    mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point', table: 'tx_next',
  });
  const first = ms(() => engine.exec(sql));
  const heapAfterType = heapMiB();
  engine.exec('DROP TABLE tx_next');
  const second = ms(() => engine.exec(sql));
  const r = { mode, before, open, heapAfterOpen, first, heapAfterType, second };
  results.push(r);
  engine.conn.close();
  engine.db.reset?.();
  log(`  ${mode}: ${before === null ? '' : `heap prepared in ${before} ms; `}open ${open} ms (heap ${heapAfterOpen} MiB); type ${first} ms (heap ${heapAfterType} MiB); again ${second} ms`);
}
console.log(`# Fresh memory: ${opts.rows.toLocaleString('en-US')} rows, the wasm heap prepared with ${opts.grow} GiB\n`);
console.log('| engine | heap prepared | open (staging) | heap after open | type (tx_next), first | heap after | type again, same engine |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.mode} | ${r.before === null ? '—' : r.before + ' ms'} | ${r.open} ms | ${r.heapAfterOpen} MiB | ${r.first} ms | ${r.heapAfterType} MiB | ${r.second} ms |`);
}
