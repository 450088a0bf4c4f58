// Native DuckDB (@duckdb/node-api) running the app's own SQL (src/sql/*.ts, loaded through Vite's module runner).
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { COLUMNS } from './generate.mjs';

let sqlModules = null;

/** The app's SQL builders, imported from the TypeScript sources (Vite's `runnerImport`, no config, no plugins). */
export async function appSql(root) {
  if (sqlModules) return sqlModules;
  const { runnerImport } = await import('vite');
  const load = async (p) => (await runnerImport(join(root, p), { configFile: false, root, logLevel: 'error' })).module;
  const [rfm, views, transactions, quality, presets] = await Promise.all([
    load('src/sql/rfm.ts'),
    load('src/sql/views.ts'),
    load('src/sql/transactions.ts'),
    load('src/sql/quality.ts'),
    load('src/domain/segment-presets.ts'),
  ]);
  // Profitability (figures from cost) joined the scoring call later; measured when the app has it.
  let profit = null;
  let settings = null;
  try {
    [profit, settings] = await Promise.all([load('src/sql/profit.ts'), load('src/domain/settings.ts')]);
    if (typeof profit.customerProfitSql !== 'function' || typeof settings.zeroCostModel !== 'function') profit = null;
  } catch {
    profit = null;
  }
  sqlModules = { rfm, views, transactions, quality, presets, profit, settings };
  return sqlModules;
}

const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const STAGING = 'staging_1';
const REJECTS = 'rejects_1';
const FILES = 'files_1';
/** The mapping the app guesses for the generated files (cost unmapped with --unmap-cost). */
const mappingFor = (mapCost) => ({
  customer: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount', quantity: 'quantity',
  unitPrice: 'unit_price', cost: mapCost ? 'cost' : null, profit: null,
});

/** Step 1, as the app: every column staged as VARCHAR (c0 … cN), from CSV or from Parquet. */
function stagingSql(format, path) {
  const create = `CREATE TABLE ${REJECTS} (file_no INTEGER, row_no BIGINT, line VARCHAR, error VARCHAR);
CREATE TABLE ${FILES} (file_no INTEGER, name VARCHAR, first_rowid BIGINT, header BOOLEAN);
INSERT INTO ${FILES} VALUES (0, ${q(path)}, 0, ${format === 'csv' ? 'true' : 'false'});`;
  const cols = COLUMNS.map((c, i) => `c${i}`);
  if (format === 'csv') {
    const types = cols.map((c) => `${q(c)}: 'VARCHAR'`).join(', ');
    return `${create}
CREATE TABLE ${STAGING} AS SELECT CAST(0 AS INTEGER) AS file_no, ${cols.join(', ')}
FROM read_csv(${q(path)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false,
  columns = {${types}}, null_padding = true);`;
  }
  return `${create}
CREATE TABLE ${STAGING} AS SELECT CAST(0 AS INTEGER) AS file_no, ${COLUMNS.map((c, i) => `CAST(${c} AS VARCHAR) AS c${i}`).join(', ')}
FROM read_parquet(${q(path)});`;
}

/**
 * One native run on a fresh in-memory database with `threads` threads. Steps (milliseconds):
 *  load      file → staging table, all VARCHAR (the app's staging; CSV: read_csv, Parquet: read_parquet)
 *  analyze   the app's transactionsSql (typing: dates, DECIMAL(18,4)) + quality summary + exclusion counts
 *  score     first scoring: customer_figures, score_cuts, customer_scores, segment tables, customer profit (when
 *            src/sql/profit.ts exists) + every overview query the worker's RfmSession.score runs
 *  rescore-date  the same after an analysis-date change (figures → segments, + overview)
 *  rule-edit     segment tables only (preset → R-by-F grid), + overview
 */
export async function nativeRun({ root, format, path, threads, mapCost = true }) {
  const sql = await appSql(root);
  const { rfm, views, transactions, quality, presets } = sql;
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const times = {};
  const timed = async (name, fn) => {
    const t = performance.now();
    const r = await fn();
    times[name] = performance.now() - t;
    return r;
  };
  const rows = async (s) => (await conn.runAndReadAll(s)).getRowObjectsJS();
  const overview = async (bins) => {
    await rows(`SELECT strftime(any_value(analysis_date), '%Y-%m-%d') AS d FROM customer_figures`);
    for (const m of rfm.MEASURES) await rows(views.histogramSql(m));
    await rows(rfm.defaultAnalysisDateSql());
    await rows('SELECT count(*) AS n FROM customer_figures');
    await rows(rfm.cutPointsSql());
    await rows(rfm.scoreCountsSql(bins));
    await rows(rfm.ruleCountsSql());
    await rows(rfm.segmentSummarySql());
    return rows(views.rfGridSql());
  };
  // As workers/rfm-session.ts: the profit table follows the figures; its overview is read on every call.
  let hasCost = null;
  const costModel = sql.profit ? sql.settings.zeroCostModel() : null;
  const profitStep = async (figuresChanged) => {
    const p = sql.profit;
    if (!p) return;
    hasCost ??= !!(await rows(p.hasCostSql()))[0]?.has_cost;
    if (figuresChanged) await conn.run(p.customerProfitSql({ costModel, hasCost }));
    const totals = (await rows(p.profitTotalsSql()))[0];
    await rows(p.whalePeakSql());
    if (totals?.profit_known) await rows(p.whaleCurveSql(400));
    await rows(p.profitBySegmentSql());
    if (totals?.profit_known) await rows(p.segmentProfitDecileSql());
  };
  const cutParams = { method: 'quantile', bins: 5, customCuts: null };
  try {
    await conn.run(`SET threads = ${threads}`);
    await timed('load', () => conn.run(stagingSql(format, path)));
    const summary = await timed('analyze', async () => {
      await conn.run(
        transactions.transactionsSql({
          staging: STAGING, files: FILES, columnOf: (h) => 'c' + COLUMNS.indexOf(h), mapping: mappingFor(mapCost),
          dateFormat: 'iso', decimalMark: 'point',
        }),
      );
      const s = (await rows(quality.qualitySummarySql(STAGING, REJECTS)))[0];
      await rows(quality.exclusionCountsSql(REJECTS));
      return s;
    });
    const rfmRules = presets.presetRules('rfm', 5);
    let analysisDate = null;
    await timed('score', async () => {
      await conn.run(rfm.customerFiguresSql({ analysisDate: null, monetaryMode: 'total' }));
      await conn.run(rfm.computeCutsSql(cutParams));
      await conn.run(rfm.scoresSql(cutParams));
      await conn.run(rfm.segmentTablesSql(rfmRules, 5));
      await profitStep(true);
      await overview(5);
    });
    analysisDate = (await rows(rfm.defaultAnalysisDateSql()))[0].analysis_date;
    const newDate = shiftDays(analysisDate, -90);
    await timed('rescore-date', async () => {
      await conn.run(rfm.customerFiguresSql({ analysisDate: newDate, monetaryMode: 'total' }));
      await conn.run(rfm.computeCutsSql(cutParams));
      await conn.run(rfm.scoresSql(cutParams));
      await conn.run(rfm.segmentTablesSql(rfmRules, 5));
      await profitStep(true);
      await overview(5);
    });
    await timed('rule-edit', async () => {
      await conn.run(rfm.segmentTablesSql(presets.presetRules('rf-grid', 5), 5));
      await profitStep(false);
      await overview(5);
    });
    return {
      times,
      profitStep: !!sql.profit,
      facts: { rowsUsed: Number(summary.rows_used), customers: Number(summary.customers), orders: Number(summary.orders), revenue: String(summary.revenue) },
    };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

export function shiftDays(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
