#!/usr/bin/env node
// Can Cartera use two threads? A probe of DuckDB-WASM's threaded bundle ("coi": pthreads, needs a cross-origin
// isolated page) against the single-threaded one the app ships ("eh"), in headless Chromium. It runs the same SQL
// in each: a GROUP BY shaped like the figures step over generated rows, then the benchmark's CSV read from a file
// the page registers, as the app does. Each case must give eh's results; it prints times and any error, and writes
// bench/threads.json. Re-run it after a DuckDB-WASM upgrade (see bench/README.md, "Threads").
//
// Usage: npm run bench:threads [-- --rows 1000000] [--seed 20240601]
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { COLUMNS, ensureData } from './lib/generate.mjs';
import { leastWorkSql, typedCsvSource } from './lib/least-work.mjs';
import { harness, machineInfo } from './lib/sys.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'bench', 'cache');
const OUT = join(CACHE, 'threads-probe');
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const CASES = [['eh', 1], ['coi', 1], ['coi', 2]];

function parseArgs(argv) {
  const o = { rows: 1_000_000, seed: 20240601 };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=');
    const v = inline ?? argv[++i];
    if (k === '--rows') o.rows = Math.round(Number(String(v).replace(/_/g, '')));
    else if (k === '--seed') o.seed = Number(v);
    else throw new Error(`Unknown option ${argv[i]} (use --rows N, --seed N)`);
  }
  if (!Number.isInteger(o.rows) || o.rows < 1000) throw new Error('--rows: an integer ≥ 1000');
  return o;
}

const log = (s) => process.stdout.write(s + '\n');

/** The SQL of each part; results are compared between cases, times reported. */
function parts(rows) {
  const customers = Math.max(1, Math.round(rows / 10));
  const group = `SELECT count(*) AS customers, sum(n) AS orders, sum(s) AS net, max(m) AS last FROM (
  SELECT c, count(*) AS n, sum(a) AS s, max(d) AS m FROM t GROUP BY c)`;
  return {
    'generated rows, GROUP BY': [
      `CREATE TABLE t AS SELECT CAST(hash(i) % ${customers} AS VARCHAR) AS c, CAST(i % 1000 AS DECIMAL(18,4)) AS a,
  DATE '2022-01-01' + CAST(i % 1000 AS INTEGER) AS d FROM range(${rows}) r(i)`,
      group,
      group,
    ],
    'CSV file read (registered File)': [
      'REGISTER',
      `CREATE TABLE f AS SELECT * FROM read_csv('data.csv', header = true, auto_detect = false, delim = ',', quote = '"',
  columns = {'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'order_date': 'DATE', 'quantity': 'INTEGER',
  'unit_price': 'DECIMAL(18,2)', 'amount': 'DECIMAL(18,2)', 'cost': 'DECIMAL(18,2)'})`,
      `SELECT count(*) AS lines, count(DISTINCT customer_id) AS customers, sum(amount) AS amount FROM f`,
    ],
    // The least-work baseline's statement (bench/lib/least-work.mjs) on the registered File: in eh, 1 thread, the
    // least a design that reads the file with DuckDB-WASM in a tab could take (compare bench:read-less (d)).
    'least-work statement (registered File)': [
      'REGISTER',
      `SELECT string_agg(segment || ':' || customers, ', ' ORDER BY segment) AS segments FROM (${leastWorkSql({
        source: typedCsvSource({ path: 'data.csv', header: COLUMNS, map: { customer: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' } }),
      })})`,
    ],
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const data = await ensureData(CACHE, opts.rows, opts.seed, log);
  log('building the probe page (bench/threads → bench/cache/threads-probe) …');
  const b = spawnSync('npx', ['vite', 'build', join(ROOT, 'bench', 'threads'), '--outDir', OUT, '--emptyOutDir', '--base', './', '--logLevel', 'warn'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
  });
  if (b.status !== 0) throw new Error(`vite build of the probe failed:\n${b.stderr || b.stdout}`);
  const h = await harness(ROOT);
  const { server, url } = await h.serveDir(OUT, ISOLATION);
  const browser = await h.launchBrowser();
  const report = { startedAt: new Date().toISOString(), rows: opts.rows, machine: { ...machineInfo(), chromium: browser.version() }, parts: {} };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e}`));
    await page.goto(url);
    await page.waitForFunction(() => 'probe' in window);
    report.crossOriginIsolated = await page.evaluate(() => window.probe.crossOriginIsolated);
    log(`page cross-origin isolated: ${report.crossOriginIsolated}`);
    await page.getByLabel('CSV file').setInputFiles(data.csv);
    for (const [part, sqls] of Object.entries(parts(opts.rows))) {
      log(`\n${part}`);
      const cases = [];
      for (const [bundle, threads] of CASES) {
        const steps = await page.evaluate(([b, t, s]) => window.probe.run(b, t, s), [bundle, threads, sqls]);
        cases.push({ bundle, threads, steps });
      }
      const reference = cases[0].steps.map((s) => s.result ?? null);
      for (const c of cases) {
        const failed = c.steps.filter((s) => s.error);
        const differs = c.steps.some((s, i) => !s.error && (s.result ?? null) !== reference[i]);
        c.verdict = failed.length ? `FAILED: ${failed[0].error}` : differs ? 'WRONG RESULT (differs from eh, 1 thread)' : 'same results';
        const times = c.steps.slice(1).map((s) => (s.ms == null ? 'n/a' : `${(s.ms / 1000).toFixed(2)} s`));
        log(`  ${c.bundle}, ${c.threads} thread(s): ${times.join(' / ')} — ${c.verdict}`);
      }
      report.parts[part] = cases;
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  const usable = Object.values(report.parts).every((cases) => cases.every((c) => c.verdict === 'same results'));
  report.threadedBundleUsable = usable && report.crossOriginIsolated;
  log(`\nthreaded bundle usable for Cartera: ${report.threadedBundleUsable ? 'yes' : 'NO'}`);
  writeFileSync(join(ROOT, 'bench', 'threads.json'), JSON.stringify(report, null, 2) + '\n');
  log('wrote bench/threads.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
