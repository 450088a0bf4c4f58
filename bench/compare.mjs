#!/usr/bin/env node
// A/B in the same window: the production build of the working tree against the build of an earlier commit, in one
// Chromium, runs alternating (current, base, then base, current, …) on the same files. The machine's speed drifts
// by a third within an hour here, so two benchmark runs made at different times cannot show a 10 % change; paired
// runs made seconds apart can. Prints and writes bench/compare.md and bench/compare.json (git-ignored); it never
// touches bench/results.* or the README.
//
// Usage: npm run bench:compare -- --base <commit> [--rows 1000000] [--reps 3] [--seed 20240601]
//    or: npm run bench:compare -- --base-dist <dir> …  (a production build made beforehand, e.g. with another
//        DuckDB-WASM: a base commit is built with this checkout's node_modules, so it has this checkout's engine)
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { ensureData, writeCsv } from './lib/generate.mjs';
import { browserRun } from './lib/browser.mjs';
import { ensureBuild, harness, machineInfo, MemorySampler } from './lib/sys.mjs';
import { fmt, stats } from './lib/report.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'bench', 'cache');
const log = (s) => process.stderr.write(s + '\n');

function parseArgs(argv) {
  const o = { base: null, baseDist: null, rows: [1_000_000], reps: 3, seed: 20240601 };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=');
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`${k} needs a value`);
    if (k === '--base') o.base = v;
    else if (k === '--base-dist') o.baseDist = v;
    else if (k === '--rows') o.rows = v.split(',').map((x) => Math.round(Number(x.replace(/_/g, ''))));
    else if (k === '--reps') o.reps = Number(v);
    else if (k === '--seed') o.seed = Number(v);
    else throw new Error(`Unknown option ${k} (use --base <commit> or --base-dist <dir>, --rows N[,M], --reps N, --seed N)`);
  }
  if (!o.base === !o.baseDist) throw new Error('give one of --base <commit> (the commit to compare the working tree with) or --base-dist <dir> (a build)');
  if (!o.rows.length || o.rows.some((r) => !Number.isInteger(r) || r < 1000)) throw new Error('--rows: integers ≥ 1000, comma-separated');
  if (!Number.isInteger(o.reps) || o.reps < 1) throw new Error('--reps: an integer ≥ 1');
  return o;
}

/** The base commit's production build, in bench/cache/compare/<sha>-dist (built once from a temporary worktree). */
function baseBuild(ref) {
  const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  const sha = git('rev-parse', '--verify', `${ref}^{commit}`);
  const out = join(CACHE, 'compare', `${sha.slice(0, 12)}-dist`);
  if (existsSync(join(out, 'index.html'))) {
    log(`base: ${sha.slice(0, 12)} (${git('log', '-1', '--format=%s', sha).slice(0, 80)}), build reused`);
    return { sha, label: sha.slice(0, 12), dir: out };
  }
  const tree = join(CACHE, 'compare', `${sha.slice(0, 12)}-tree`);
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(dirname(tree), { recursive: true });
  log(`base: building ${sha.slice(0, 12)} in a temporary worktree (with this checkout's node_modules) …`);
  git('worktree', 'add', '--detach', tree, sha);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    const r = spawnSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: tree, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
    });
    if (r.status !== 0) throw new Error(`the base commit does not build here:\n${(r.stderr || r.stdout).slice(-1500)}`);
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
  return { sha, label: sha.slice(0, 12), dir: out };
}

/** A build made beforehand (its directory holds index.html); named by its path in the report. */
function prebuilt(dir) {
  const abs = resolve(dir);
  if (!existsSync(join(abs, 'index.html'))) throw new Error(`--base-dist ${dir}: no index.html there (a production build is needed)`);
  log(`base: the build in ${abs}`);
  return { label: abs, dir: abs };
}

const STEPS = [
  ['measures', 'load', 'load (file → staged table)'],
  ['measures', 'analyze', 'analyze'],
  ['measures', 'score', 'first scoring'],
  ['wall', 'openToViews', 'open → views drawn (wall)'],
  ['measures', 'rescoreDate', 'date change, scoring call'],
  ['wall', 'rescoreDate', 'date change, event → settled'],
  ['measures', 'ruleEdit', 'rule edit, scoring call'],
  ['wall', 'ruleEdit', 'rule edit, event → settled'],
  ['measures', 'rescoreMethod', 'method change, scoring call'],
  ['wall', 'rescoreMethod', 'method change, event → settled'],
];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const base = opts.baseDist ? prebuilt(opts.baseDist) : baseBuild(opts.base);
  const current = ensureBuild(ROOT, log);
  if (current.stale) throw new Error('the working tree does not build: fix it before comparing');
  const h = await harness(ROOT);
  const servers = { current: (await h.serveDir(current.dir)).server, base: (await h.serveDir(base.dir)).server };
  const urls = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, `http://127.0.0.1:${s.address().port}/tools/cartera/`]));
  const browser = await h.launchBrowser();
  const sampler = new MemorySampler(200).start();
  const warmupFile = join(CACHE, `warmup-s${opts.seed}.csv`);
  if (!existsSync(warmupFile)) await writeCsv(warmupFile, 50, opts.seed);
  const results = { startedAt: new Date().toISOString(), base: base.sha ?? null, baseLabel: base.label, machine: { ...machineInfo(), chromium: browser.version() }, options: opts, runs: {} };
  try {
    for (const rows of opts.rows) {
      const data = await ensureData(CACHE, rows, opts.seed, log);
      const timeoutMs = 60_000 + 90_000 * (rows / 1e6);
      results.runs[rows] = {};
      for (const format of ['csv', 'parquet']) {
        const pairs = [];
        for (let rep = 1; rep <= opts.reps; rep++) {
          // Alternate which build goes first, so that a steady drift does not favour either.
          const order = rep % 2 ? ['current', 'base'] : ['base', 'current'];
          const pair = {};
          for (const which of order) {
            const r = await browserRun({ browser, url: urls[which], file: format === 'csv' ? data.csv : data.parquet, warmupFile, timeoutMs, mapCost: true, sampler });
            if (r.error) throw new Error(`${which} build, ${format}, ${rows} rows, rep ${rep}: ${r.error}`);
            pair[which] = r;
          }
          pairs.push(pair);
          log(`  ${rows.toLocaleString('en-US')} rows ${format} rep ${rep}: date ${fmt(pair.current.measures.rescoreDate)} vs ${fmt(pair.base.measures.rescoreDate)}, rule ${fmt(pair.current.measures.ruleEdit)} vs ${fmt(pair.base.measures.ruleEdit)} (current vs base)`);
        }
        results.runs[rows][format] = pairs;
      }
    }
  } finally {
    sampler.stop();
    await browser.close().catch(() => {});
    Object.values(servers).forEach((s) => s.close());
  }
  const md = report(results);
  writeFileSync(join(ROOT, 'bench', 'compare.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(ROOT, 'bench', 'compare.md'), md);
  console.log(md);
  log('wrote bench/compare.md and bench/compare.json');
}

/** Medians of each build and the median of the paired ratios (current ÷ base, per repetition). */
function report(results) {
  const lines = [
    `# Current working tree vs ${results.baseLabel}, same window`,
    '',
    `Machine: ${results.machine.cpuModel}, ${results.machine.cores} cores; Chromium ${results.machine.chromium}. Run ${results.startedAt}; ${results.options.reps} paired repetition(s), alternating which build goes first. Medians (min–max); the ratio is the median of the per-pair ratios (below 1 = the current tree is faster).`,
    '',
    '| rows | format | step | current | base | current ÷ base (paired) |',
    '|---:|---|---|---:|---:|---:|',
  ];
  const cell = (st) => (!st ? 'n/a' : st.n > 1 ? `${fmt(st.median)} (${fmt(st.min)}–${fmt(st.max)})` : fmt(st.median));
  for (const [rows, formats] of Object.entries(results.runs)) {
    for (const [format, pairs] of Object.entries(formats)) {
      for (const [kind, key, label] of STEPS) {
        const cur = stats(pairs.map((p) => p.current[kind][key]));
        const bas = stats(pairs.map((p) => p.base[kind][key]));
        const ratios = stats(pairs.map((p) => (p.current[kind][key] && p.base[kind][key] ? p.current[kind][key] / p.base[kind][key] : null)));
        lines.push(`| ${Number(rows).toLocaleString('en-US')} | ${format.toUpperCase()} | ${label} | ${cell(cur)} | ${cell(bas)} | ${ratios ? ratios.median.toFixed(2) : 'n/a'} |`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

main().catch((e) => {
  console.error(`bench:compare: ${e?.message ?? e}`);
  process.exit(1);
});
