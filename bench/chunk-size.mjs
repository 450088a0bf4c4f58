#!/usr/bin/env node
// Issue 19, per-chunk overhead: the app's own Workspace on the duckdb-wasm Node build (the tab's engine, one thread)
// opens and analyses the generated CSV unstaged with CSV chunks of each size given, alternating, each on a fresh
// engine; prints the open, the Analyze, their sum and the summary each gives (which must agree).
// Usage: npm run bench:chunk-size -- [--rows 1000000] [--seed 20240601] [--reps 2] [--mib 16,64]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './lib/generate.mjs';
import { appModules, numericOptions } from './lib/sys.mjs';
import { timedOpenAnalyze } from './lib/workspace-run.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const log = (...a) => console.error(...a);
const argv = process.argv.slice(2);
const mibAt = argv.indexOf('--mib');
const sizes = mibAt >= 0 ? argv.splice(mibAt, 2)[1].split(',').map(Number) : [16, 64];
const opts = numericOptions(argv, { rows: 1_000_000, seed: 20240601, reps: 2 });

const load = await appModules(ROOT);
const [{ Engine }, { Workspace }] = await Promise.all(['workers/engine.ts', 'workers/workspace.ts'].map(load));
const { openNodeDuckDB } = await load('tests/helpers/duckdb.ts');
const app = { Engine, Workspace, openNodeDuckDB };

const data = await ensureData(join(BENCH, 'cache'), opts.rows, opts.seed, log);
const results = Object.fromEntries(sizes.map((s) => [s, []]));
for (let rep = 0; rep < opts.reps; rep++) {
  for (const mib of rep % 2 ? [...sizes].reverse() : sizes) {
    const { db, open, analyze, summary: s } = await timedOpenAnalyze(app, data.csv, { chunkBytes: mib * 1024 * 1024 });
    const r = { open, analyze, total: open + analyze, rowsUsed: s.rowsUsed, revenue: s.revenue };
    results[mib].push(r);
    console.log(`${String(mib).padStart(4)} MiB rep ${rep + 1}: open ${open.toFixed(0)} ms, analyze ${analyze.toFixed(0)} ms, total ${r.total.toFixed(0)} ms; ${s.rowsUsed} rows used, revenue ${s.revenue}`);
    db.reset?.();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const all = Object.values(results).flat();
if (all.some((r) => r.rowsUsed !== all[0].rowsUsed || r.revenue !== all[0].revenue)) throw new Error('the chunk sizes disagree');
for (const mib of sizes) {
  const rs = results[mib];
  console.log(`${opts.rows.toLocaleString('en')} rows, ${mib} MiB chunks: open ${median(rs.map((r) => r.open)).toFixed(0)} ms, analyze ${median(rs.map((r) => r.analyze)).toFixed(0)} ms, total ${median(rs.map((r) => r.total)).toFixed(0)} ms (medians of ${rs.length})`);
}
