#!/usr/bin/env node
// Issue 19, "read less, once", measured without changing the app: the generated CSV to a typed transactions table
// (a) as the app does today — every column staged as VARCHAR with the reader's rejects, then typed in SQL by the
//     app's own transactionsSql (workers/workspace.ts + workers/ingest/load-csv.ts + src/sql/transactions.ts) —
// (b) read once, typed by DuckDB's reader: only the mapped columns selected, date format and decimal mark fixed,
//     DECIMAL(18,4) money, the rejects stored with their line numbers and reasons;
// on native DuckDB (1 and all threads) and on the duckdb-wasm Node build (the tab's engine, one thread), alternating.
// Also: the mapping panel's sample (the first MiB), a remap (a: typing again from the staging table;
// b: the file read again), and (c) the read of (a) counted, not staged (an open that keeps its row count and
// malformed rows but stages nothing, with (b) at Analyze); (d) the least-work baseline's statements on each engine;
// (e) the app's own typing (transactionsTableSql) on the all-text read itself, in one statement, no staging table
//     (what "read less" keeps when the SQL rules, and so every answer, stay exactly as they are).
// Usage: npm run bench:read-less -- [--rows 1000000] [--reps 3] [--seed 20240601]
import { createRequire } from 'node:module';
import { closeSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { COLUMNS, CSV_TYPES, ensureData } from './lib/generate.mjs';
import { appSql } from './lib/native.mjs';
import { leastWorkSql, typedCsvSource } from './lib/least-work.mjs';
import { stats, fmt } from './lib/report.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const CACHE = join(BENCH, 'cache');
const log = (...a) => console.error(...a);
const q = (s) => "'" + s.replaceAll("'", "''") + "'";

function parseArgs(argv) {
  const o = { rows: 1_000_000, reps: 3, seed: 20240601 };
  for (let i = 0; i < argv.length; i++) {
    const [k, v = argv[++i]] = argv[i].split('=');
    if (k === '--rows') o.rows = Math.round(Number(v.replace(/_/g, '')));
    else if (k === '--reps') o.reps = Number(v);
    else if (k === '--seed') o.seed = Number(v);
    else if (k === '--help' || k === '-h') {
      console.log('node bench/read-less.mjs [--rows 1000000] [--reps 3] [--seed 20240601]');
      process.exit(0);
    } else throw new Error(`Unknown option ${k} (try --help)`);
  }
  return o;
}

/** The mapping the app guesses for the generated files (as bench/lib/native.mjs). */
const MAPPING = { customer: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount', quantity: 'quantity', unitPrice: 'unit_price', cost: 'cost', profit: null };
/** What (b) reads: the mapped columns the analysis uses (unit price only matters without an amount column). */
const TYPED = ['customer_id', 'order_id', 'order_date', 'quantity', 'amount', 'cost'];

/** Every column as VARCHAR, the reader's rejects stored in `rejects`, as load-csv.ts reads each chunk. */
function allTextRead(path, rejects) {
  const cols = COLUMNS.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${q(path)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false,
  columns = {${cols}}, null_padding = false, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scans')`;
}

/** (a), step 1: every column staged as VARCHAR, the reader's rejects stored. */
function stagingSql(path) {
  return `CREATE TABLE rejects_1 (file_no INTEGER, row_no BIGINT, line VARCHAR, error VARCHAR);
CREATE TABLE files_1 (file_no INTEGER, name VARCHAR, first_rowid BIGINT, header BOOLEAN, lead_rows INTEGER);
INSERT INTO files_1 VALUES (0, ${q(path)}, 0, true, 1);
CREATE TABLE staging_1 AS SELECT CAST(0 AS INTEGER) AS file_no, ${COLUMNS.map((_, i) => `c${i}`).join(', ')}
FROM ${allTextRead(path, 'chunk_rejects')};`;
}

/**
 * (c): the same read, counted and not staged: what an open that keeps its row count and malformed rows (with
 * their reasons) but stages nothing would cost, before (b) at Analyze.
 */
function countSql(path) {
  return `DROP TABLE IF EXISTS count_rejects; DROP TABLE IF EXISTS count_rejects_scans;
CREATE OR REPLACE TABLE counted AS SELECT count(*) AS n FROM ${allTextRead(path, 'count_rejects')};`;
}

/** (b): one typed, projected read; rows whose mapped values do not read go to the rejects with line and reason. */
function typedReadSql(path, table) {
  const cols = COLUMNS.map((c) => `${q(c)}: ${q(TYPED.includes(c) ? CSV_TYPES[c].replace('DECIMAL(18,2)', 'DECIMAL(18,4)') : 'VARCHAR')}`).join(', ');
  return `DROP TABLE IF EXISTS typed_rejects; DROP TABLE IF EXISTS typed_scans;
CREATE OR REPLACE TABLE ${table} AS SELECT ${TYPED.join(', ')}
FROM read_csv(${q(path)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false,
  columns = {${cols}}, dateformat = '%Y-%m-%d', decimal_separator = '.', null_padding = false,
  store_rejects = true, rejects_table = 'typed_rejects', rejects_scan = 'typed_scans');`;
}

/** The first MiB of the file, cut after its last full line: what the mapping panel needs. */
function writeSample(path, out) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  writeFileSync(out, buf.subarray(0, buf.lastIndexOf(10, n - 1) + 1));
}

/** The duckdb-wasm Node build (blocking), one connection with an `exec` that returns a row count. */
async function wasmEngine() {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(path);
  const dist = dirname(path);
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new duckdb.VoidLogger(), duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  db.open({});
  const conn = db.connect();
  return {
    run: async (sql) => void conn.query(sql),
    value: async (sql) => Number(conn.query(sql).getChildAt(0).get(0)),
    close: () => { conn.close(); db.reset?.(); },
  };
}

/** Native DuckDB on `threads` threads, the same three calls. */
async function nativeEngine(threads) {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`SET threads = ${threads}`);
  return {
    run: async (sql) => void (await conn.run(sql)),
    value: async (sql) => Number((await conn.runAndReadAll(sql)).getRows()[0][0]),
    close: () => { conn.closeSync(); db.closeSync(); },
  };
}

/**
 * One run of both ways on a fresh database, after an untimed read of the file; (a) first or (b) first as `aFirst`
 * says (alternated between repetitions); milliseconds per step, and the rows each way typed.
 */
async function once(engine, csv, sample, tx, aFirst) {
  const timed = async (fn) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const typeSql = tx.transactionsSql({
    staging: 'staging_1', files: 'files_1', rejects: 'rejects_1', columnOf: (h) => 'c' + COLUMNS.indexOf(h), mapping: MAPPING,
    dateFormat: 'iso', decimalMark: 'point',
  });
  // (e): the same statement with the read in place of the staging table (row numbers in reading order).
  const fusedSql = tx.transactionsTableSql({
    staging: 'SOURCE', files: 'files_e', rejects: 'rejects_e', columnOf: (h) => 'c' + COLUMNS.indexOf(h), mapping: MAPPING,
    dateFormat: 'iso', decimalMark: 'point', table: 'fused_tx',
  }).replace('"SOURCE" s', `(SELECT CAST(0 AS INTEGER) AS file_no, row_number() OVER () - 1 AS rowid, * FROM ${allTextRead(csv, 'fused_rejects')}) s`);
  if (!fusedSql.includes('fused_rejects')) throw new Error('(e): the staging table was not found in the typing statement');
  const r = {};
  // A fresh wasm engine grows its memory on the first large read (about 1 s here), whichever way runs first: one
  // untimed read of the whole file first, so that both ways meet the same warm engine.
  await engine.run(`CREATE TABLE warm AS SELECT * FROM read_csv(${q(csv)}, header = true, all_varchar = true); DROP TABLE warm;`);
  r.sample = await timed(() => engine.run(`CREATE TABLE sample AS SELECT * FROM read_csv(${q(sample)}, header = true, all_varchar = true)`));
  const wayA = async () => {
    r.aLoad = await timed(() => engine.run(stagingSql(csv)));
    r.aType = await timed(() => engine.run(typeSql));
    // transactionsSql replaces its table and views: a remap is the same statement again.
    r.aRemap = await timed(() => engine.run(typeSql));
  };
  const wayB = async () => {
    r.b = await timed(() => engine.run(typedReadSql(csv, 'typed_tx')));
    r.bRemap = await timed(() => engine.run(typedReadSql(csv, 'typed_tx')));
    r.count = await timed(() => engine.run(countSql(csv)));
    // (e) has a files table of its own (the one (a) creates may not exist yet).
    await engine.run(`CREATE TABLE files_e (file_no INTEGER, name VARCHAR, first_rowid BIGINT, header BOOLEAN, lead_rows INTEGER);
      INSERT INTO files_e VALUES (0, ${q(csv)}, 0, true, 1);`);
    r.e = await timed(() => engine.run(fusedSql));
  };
  // (d) the least-work baseline's own statements (bench/lib/least-work.mjs) on this engine: its typed read of the
  // four columns it needs alone, and the whole statement (file → segment counts). On the tab's engine, the second is
  // the least any design that reads the file with DuckDB-WASM could take.
  const lwSource = typedCsvSource({ path: csv, header: COLUMNS, map: { customer: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' } });
  const wayD = async () => {
    r.lwRead = await timed(() => engine.run(`CREATE OR REPLACE TABLE lw_read AS SELECT * FROM ${lwSource}`));
    await engine.run('DROP TABLE lw_read');
    r.lw = await timed(() => engine.run(`CREATE OR REPLACE TABLE lw_segments AS ${leastWorkSql({ source: lwSource })}`));
    r.segments = await engine.value(`SELECT sum(customers * length(segment)) FROM lw_segments`);
  };
  // (d) first, on an engine that holds nothing else yet (the wasm heap is too small for (a)'s tables and (d)'s at 10 M rows).
  await wayD();
  for (const way of aFirst ? [wayA, wayB] : [wayB, wayA]) await way();
  const count = (table) => engine.value(`SELECT count(*) FROM ${table}`);
  r.rowsA = await count('tx');
  r.rowsB = await count('typed_tx');
  r.rowsE = await count('fused_tx WHERE reason IS NULL');
  // (c) counts the rows (a) stages, and finds the same malformed rows: none in the generated file.
  r.rowsC = (await count('count_rejects')) === 0 ? await engine.value('SELECT n FROM counted') : -1;
  return r;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(CACHE, { recursive: true });
  const data = await ensureData(CACHE, opts.rows, opts.seed, log);
  const sample = join(CACHE, `sample-${opts.rows}-s${opts.seed}.csv`);
  writeSample(data.csv, sample);
  const { transactions } = await appSql(ROOT);
  const all = os.cpus().length;
  const engines = [['native, 1 thread', () => nativeEngine(1)], [`native, ${all} threads`, () => nativeEngine(all)], ['duckdb-wasm (Node), 1 thread', wasmEngine]];
  const runs = Object.fromEntries(engines.map(([name]) => [name, []]));
  for (let rep = 1; rep <= opts.reps; rep++) {
    for (const [name, open] of engines) {
      const engine = await open();
      try {
        const r = await once(engine, data.csv, sample, transactions, rep % 2 === 1);
        if (r.rowsE !== r.rowsA) throw new Error(`(e) used ${r.rowsE} rows, (a) ${r.rowsA}`);
        if (r.rowsA !== r.rowsB) throw new Error(`the two ways typed ${r.rowsA} and ${r.rowsB} rows`);
        if (r.rowsC !== r.rowsA) throw new Error(`the counting pass found ${r.rowsC} rows (−1: malformed rows), (a) ${r.rowsA}`);
        // The same segment counts on every engine (a checksum: customers weighted by the segment name's length).
        const first = Object.values(runs).flat()[0];
        if (first && first.segments !== r.segments) throw new Error(`least-work segment checksum ${r.segments}, first run ${first.segments}`);
        runs[name].push(r);
        log(`  ${name} rep ${rep}: sample ${fmt(r.sample)}; (a) load ${fmt(r.aLoad)} + type ${fmt(r.aType)}, remap ${fmt(r.aRemap)}; (b) ${fmt(r.b)}, remap ${fmt(r.bRemap)}; (c) ${fmt(r.count)}; (e) ${fmt(r.e)}; (d) read ${fmt(r.lwRead)}, whole ${fmt(r.lw)}`);
      } finally {
        engine.close();
      }
    }
  }
  const med = (rs, f) => stats(rs.map(f));
  const cell = (st) => (st ? (st.n > 1 ? `${fmt(st.median)} (${fmt(st.min)}–${fmt(st.max)})` : fmt(st.median)) : 'n/a');
  const lines = [
    `# Read less, once: ${opts.rows.toLocaleString('en-US')} rows, CSV ${(data.facts.csvBytes / 2 ** 20).toFixed(0)} MiB, ${opts.reps} repetition(s), ${os.cpus()[0].model.trim()} × ${all}`,
    '',
    '| engine | sample (first MiB) | (a) stage all as text | (a) type in SQL | **(a) file → typed** | **(b) typed projected read** | (a) / (b) | remap (a): type again | remap (b): read again | (c) count only | **(c) + (b)** | **(e) read + type, one statement** | **(c) + (e)** |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name] of engines) {
    const rs = runs[name];
    const a = med(rs, (r) => r.aLoad + r.aType);
    const b = med(rs, (r) => r.b);
    lines.push(
      `| ${name} | ${cell(med(rs, (r) => r.sample))} | ${cell(med(rs, (r) => r.aLoad))} | ${cell(med(rs, (r) => r.aType))} | ${cell(a)} | ${cell(b)} | ` +
        `${a && b ? (a.median / b.median).toFixed(2) + '×' : 'n/a'} | ${cell(med(rs, (r) => r.aRemap))} | ${cell(med(rs, (r) => r.bRemap))} | ` +
        `${cell(med(rs, (r) => r.count))} | ${cell(med(rs, (r) => r.count + r.b))} | ${cell(med(rs, (r) => r.e))} | ${cell(med(rs, (r) => r.count + r.e))} |`,
    );
  }
  const native1 = med(runs[engines[0][0]], (r) => r.lw);
  lines.push(
    '',
    '| engine | (d) least-work typed read (4 columns) | **(d) least-work statement, file → segment counts** | (d) / native 1 thread | (b) / native least-work, 1 thread |',
    '|---|---:|---:|---:|---:|',
  );
  for (const [name] of engines) {
    const rs = runs[name];
    const lw = med(rs, (r) => r.lw);
    const b = med(rs, (r) => r.b);
    lines.push(
      `| ${name} | ${cell(med(rs, (r) => r.lwRead))} | ${cell(lw)} | ${lw && native1 ? (lw.median / native1.median).toFixed(2) + '×' : 'n/a'} | ` +
        `${b && native1 ? (b.median / native1.median).toFixed(2) + '×' : 'n/a'} |`,
    );
  }
  lines.push('', `Both ways typed ${runs[engines[0][0]][0]?.rowsA.toLocaleString('en-US') ?? 'n/a'} rows. Medians, spread (min–max) in brackets.`);
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(`read-less: ${e?.stack ?? e}`);
  process.exit(1);
});
