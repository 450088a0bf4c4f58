#!/usr/bin/env node
// Issue 19, "read less, once", the loader that stages nothing: the app's own Workspace on the duckdb-wasm Node
// build (the tab's engine, one thread) opens and analyzes the generated CSV with CSV text staged (the loader before)
// and not staged (the chunks kept as bytes and typed at Analyze), alternating, on a fresh engine each time; prints
// the open, the Analyze, their sum, the wasm heap at the end and the segment-independent summary both give.
// Usage: npm run bench:stage-or-not -- [--rows 1000000] [--seed 20240601] [--reps 2]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './lib/generate.mjs';
import { appModules, numericOptions } from './lib/sys.mjs';
import { timedOpenAnalyze } from './lib/workspace-run.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const log = (...a) => console.error(...a);
const opts = numericOptions(process.argv.slice(2), { rows: 1_000_000, seed: 20240601, reps: 2 });

const load = await appModules(ROOT);
const [{ Engine }, { Workspace }] = await Promise.all(['workers/engine.ts', 'workers/workspace.ts'].map(load));
const { openNodeDuckDB } = await load('tests/helpers/duckdb.ts');
const app = { Engine, Workspace, openNodeDuckDB };

const data = await ensureData(join(BENCH, 'cache'), opts.rows, opts.seed, log);
const results = { staged: [], unstaged: [] };
for (let rep = 0; rep < opts.reps; rep++) {
  for (const way of rep % 2 ? ['unstaged', 'staged'] : ['staged', 'unstaged']) {
    const { db, engine, open, analyze, summary: s } = await timedOpenAnalyze(app, data.csv, { stageCsv: way === 'staged' });
    const tables = engine.one(`SELECT CAST(sum(memory_usage_bytes) // 1048576 AS INTEGER) AS mib FROM duckdb_memory()`).mib;
    const r = { open, analyze, total: open + analyze, tablesMiB: tables, rowsUsed: s.rowsUsed, revenue: s.revenue };
    results[way].push(r);
    console.log(`${way.padEnd(9)} rep ${rep + 1}: open ${open.toFixed(0)} ms, analyze ${analyze.toFixed(0)} ms, total ${r.total.toFixed(0)} ms; DuckDB memory ${tables} MiB; ${s.rowsUsed} rows used, revenue ${s.revenue}`);
    db.reset?.();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = results.staged;
const b = results.unstaged;
if (a.some((r, i) => r.rowsUsed !== b[i].rowsUsed || r.revenue !== b[i].revenue)) throw new Error('the two loaders disagree');
console.log(`\n${opts.rows.toLocaleString('en')} rows: staged ${median(a.map((r) => r.total)).toFixed(0)} ms, not staged ${median(b.map((r) => r.total)).toFixed(0)} ms ` +
  `(${(median(b.map((r) => r.total)) / median(a.map((r) => r.total))).toFixed(2)} x); DuckDB memory ${median(a.map((r) => r.tablesMiB))} MiB against ${median(b.map((r) => r.tablesMiB))} MiB`);
