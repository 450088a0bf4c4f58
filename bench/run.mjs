#!/usr/bin/env node
// Cartera benchmark: the production build in headless Chromium against native DuckDB on the same files.
// Usage: npm run bench [-- --rows 1000000[,5000000,10000000]] [--reps 3] [--seed 20240601] [--unmap-cost]
//        [--skip-browser] [--skip-native] [--skip-least-work] [--timeout-scale 1]
// See bench/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { existsSync, renameSync } from 'node:fs';
import { COLUMNS, ensureData, writeCsv } from './lib/generate.mjs';
import { nativeRun } from './lib/native.mjs';
import { leastWorkRun, parquetSource, segmentMismatches, typedCsvSource } from './lib/least-work.mjs';
import { browserRun } from './lib/browser.mjs';
import { machineInfo, ensureBuild, harness, MemorySampler } from './lib/sys.mjs';
import { report } from './lib/report.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const CACHE = join(BENCH, 'cache');

function parseArgs(argv) {
  const o = { rows: [1_000_000], reps: 3, seed: 20240601, mapCost: true, browser: true, native: true, leastWork: true, timeoutScale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--rows')) o.rows = val().split(',').map((s) => Math.round(Number(s.replace(/_/g, ''))));
    else if (a.startsWith('--reps')) o.reps = Number(val());
    else if (a.startsWith('--seed')) o.seed = Number(val());
    else if (a.startsWith('--timeout-scale')) o.timeoutScale = Number(val());
    else if (a === '--unmap-cost') o.mapCost = false;
    else if (a === '--skip-browser') o.browser = false;
    else if (a === '--skip-native') o.native = false;
    else if (a === '--skip-least-work') o.leastWork = false;
    else if (a === '--help' || a === '-h') {
      console.log('npm run bench -- [--rows 1000000[,5000000,10000000]] [--reps 3] [--seed N] [--unmap-cost] [--skip-browser] [--skip-native] [--skip-least-work] [--timeout-scale 1]');
      process.exit(0);
    } else throw new Error(`Unknown option ${a} (try --help)`);
  }
  if (!o.rows.length || o.rows.some((r) => !Number.isInteger(r) || r < 1000)) throw new Error('--rows: integers ≥ 1000, comma-separated');
  if (!Number.isInteger(o.reps) || o.reps < 1) throw new Error('--reps: an integer ≥ 1');
  return o;
}

const log = (...a) => console.error(...a);
const s = (ms) => (ms == null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(CACHE, { recursive: true });
  const machine = machineInfo();
  const threadsAll = os.cpus().length;
  log(`Cartera bench — rows ${opts.rows.join(', ')}, reps ${opts.reps}, seed ${opts.seed}${opts.mapCost ? '' : ', cost unmapped'}`);
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const results = {
    startedAt: new Date().toISOString(), options: { ...opts, threadsAll }, machine, data: {}, browser: {}, native: {}, leastWork: {}, mismatches: [], errors: [],
  };

  let browser = null;
  let server = null;
  const sampler = new MemorySampler(200).start();
  const cleanup = async () => {
    sampler.stop();
    await browser?.close().catch(() => {});
    server?.close();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    if (opts.browser) {
      const build = ensureBuild(ROOT, log);
      const dir = build.dir;
      results.build = { dir: dir.slice(ROOT.length + 1), stale: build.stale, error: build.buildError ?? null };
      const h = await harness(ROOT);
      ({ server } = await h.serveDir(dir));
      browser = await h.launchBrowser();
      machine.chromium = browser.version();
      machine.build = dir.slice(ROOT.length + 1);
      log(`browser: Chromium ${machine.chromium}, serving ${machine.build}`);
    }
    // A 50-row file opened first in every browser run (see bench/README.md, "cold start").
    const warmupFile = join(CACHE, `warmup-s${opts.seed}.csv`);
    if (opts.browser && !existsSync(warmupFile)) {
      await writeCsv(warmupFile + '.tmp', 50, opts.seed);
      renameSync(warmupFile + '.tmp', warmupFile);
    }
    const url = server ? `http://127.0.0.1:${server.address().port}/tools/cartera/` : null;

    for (const rows of opts.rows) {
      log(`\n== ${rows.toLocaleString('en-US')} rows`);
      const data = await ensureData(CACHE, rows, opts.seed, log);
      results.data[rows] = data.facts;
      const timeoutMs = Math.round((60_000 + 90_000 * (rows / 1e6)) * opts.timeoutScale);
      const files = { csv: data.csv, parquet: data.parquet };

      results.browser[rows] = { csv: [], parquet: [] };
      results.native[rows] = { csv: { 1: [], all: [] }, parquet: { 1: [], all: [] } };
      results.leastWork[rows] = { csv: { 1: [], all: [] }, parquet: { 1: [], all: [] } };
      const sources = { csv: typedCsvSource({ path: files.csv, header: COLUMNS, map: LEAST_WORK_MAP }), parquet: parquetSource({ path: files.parquet, map: LEAST_WORK_MAP }) };
      // Each repetition runs the tab, then native DuckDB, on both formats: every ratio comes from one window of a drifting machine.
      for (let rep = 1; rep <= opts.reps; rep++) {
        if (opts.browser) {
          for (const format of ['csv', 'parquet']) {
            const r = await browserRun({ browser, url, file: files[format], warmupFile, timeoutMs, mapCost: opts.mapCost, sampler, readSegments: opts.leastWork });
            results.browser[rows][format].push(r);
            if (r.error) {
              results.errors.push(`browser ${format} ${rows} rep ${rep}: ${r.error}`);
              log(`  browser ${format} rep ${rep}: FAILED — ${r.error}`);
              if (!browser.isConnected()) throw new Error('the browser crashed or was closed');
            } else {
              const mm = r.measures;
              log(
                `  browser ${format.padEnd(7)} rep ${rep}: cold start ${s(mm.coldStart)}, load ${s(mm.load)}, analyze ${s(mm.analyze)}, score ${s(mm.score)}, first view ${s(mm.firstView)}, ` +
                  `open→views ${s(r.wall.openToViews)} (wall), date ${s(mm.rescoreDate)}, rules ${s(mm.ruleEdit)}, method ${s(mm.rescoreMethod)}, ` +
                  `longest task in load ${Math.round(r.longTasks.load)} ms, peak RSS ${r.memory.peakRssMiB} MiB (PSS ${r.memory.peakPssMiB})`,
              );
            }
          }
        }
        if (opts.native || opts.leastWork) {
          for (const format of ['csv', 'parquet']) {
            for (const t of ['1', 'all']) {
              const threads = t === '1' ? 1 : threadsAll;
              // The least-work baseline just before the same-SQL run, on the same threads.
              if (opts.leastWork) {
                try {
                  const r = await leastWorkRun({ source: sources[format], threads });
                  results.leastWork[rows][format][t].push(r);
                  log(`  least-work ${format.padEnd(7)} ${String(threads).padStart(2)} thr rep ${rep}: file → segment counts ${s(r.ms)}`);
                } catch (e) {
                  const msg = String(e?.message ?? e).split('\n')[0];
                  results.errors.push(`least-work ${format} ${threads} threads ${rows} rep ${rep}: ${msg}`);
                  results.leastWork[rows][format][t].push({ error: msg });
                  log(`  least-work ${format} ${threads} threads rep ${rep}: FAILED — ${msg}`);
                }
              }
              if (!opts.native) continue;
              try {
                const r = await nativeRun({ root: ROOT, format, path: files[format], threads, mapCost: opts.mapCost });
                results.native[rows][format][t].push(r);
                const x = r.times;
                log(
                  `  native  ${format.padEnd(7)} ${String(threads).padStart(2)} thr rep ${rep}: load ${s(x.load)}, analyze ${s(x.analyze)}, score ${s(x.score)}, ` +
                    `date ${s(x['rescore-date'])}, rules ${s(x['rule-edit'])}, method ${s(x['rescore-method'])}`,
                );
              } catch (e) {
                const msg = String(e?.message ?? e).split('\n')[0];
                results.errors.push(`native ${format} ${threads} threads ${rows} rep ${rep}: ${msg}`);
                results.native[rows][format][t].push({ error: msg });
                log(`  native ${format} ${threads} threads rep ${rep}: FAILED — ${msg}`);
              }
            }
          }
        }
      }
    }
  } finally {
    await cleanup();
  }
  results.mismatches = segmentCheck(results);
  for (const m of results.mismatches) log(`MISMATCH ${m}`);
  results.peakMemoryOverall = { peakRssMiB: Math.round(sampler.overall.peakRssMiB), peakPssMiB: Math.round(sampler.overall.peakPssMiB) };
  results.finishedAt = new Date().toISOString();
  machine.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  const { markdown, summary } = report(results);
  results.summary = summary;
  writeFileSync(join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(BENCH, 'results.md'), markdown);
  updateReadme(markdown);
  console.log(markdown);
  log(`wrote bench/results.json and bench/results.md`);
  if (results.errors.length) {
    log(`\n${results.errors.length} step(s) failed:\n  ${results.errors.join('\n  ')}`);
    process.exitCode = 1;
  }
  if (results.mismatches.length) {
    log(`\nMISMATCH: the least-work baseline's segment counts differ from the tab's (${results.mismatches.length}):\n  ${results.mismatches.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`bench: ${e?.message ?? e}`);
  process.exit(1);
});

/** The generated files' mapped columns, as the app guesses them (the amount column, not quantity × unit price). */
const LEAST_WORK_MAP = { customer: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

/**
 * Every run's segment counts against the first least-work run's of the same file: the tab's (from its
 * 'Segments' table) and the other least-work runs'. Returns one line per difference.
 */
function segmentCheck(results) {
  const out = [];
  for (const [rows, formats] of Object.entries(results.leastWork)) {
    for (const [format, byThreads] of Object.entries(formats)) {
      const runs = [...byThreads['1'], ...byThreads.all].filter((r) => !r.error);
      if (!runs.length) continue;
      const expected = runs[0].segments;
      const others = [
        ...runs.slice(1).map((r, i) => [`least-work run ${i + 2}`, r.segments]),
        ...(results.browser[rows]?.[format] ?? []).filter((r) => r.segments).map((r, i) => [`tab rep ${i + 1}`, r.segments]),
      ];
      for (const [who, got] of others) {
        const diff = segmentMismatches(expected, got);
        if (diff.length) out.push(`${rows} rows ${format.toUpperCase()}, ${who} (least-work vs it): ${diff.join('; ')}`);
      }
    }
  }
  return out;
}

/** Puts the latest table in the README, between its bench:start and bench:end markers (headings demoted). */
function updateReadme(markdown) {
  const path = join(BENCH, '..', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return;
  const body = markdown.replace(/^# .*\n/, '').replace(/^## /gm, '#### ');
  writeFileSync(path, readme.slice(0, a + start.length) + '\n' + body.trim() + '\n' + readme.slice(b));
}
