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
  const [rfm, views, transactions, quality, presets, cells, reports] = await Promise.all([
    load('src/sql/rfm.ts'),
    load('src/sql/views.ts'),
    load('src/sql/transactions.ts'),
    load('src/sql/quality.ts'),
    load('src/domain/segment-presets.ts'),
    load('src/sql/cells.ts'),
    load('src/domain/segment-reports.ts'),
  ]);
  // Profitability (figures from cost) joined the scoring call later; measured when the app has it.
  let profit = null;
  let settings = null;
  try {
    [profit, settings] = await Promise.all([load('src/sql/profit.ts'), load('src/domain/settings.ts')]);
    if (typeof profit.profitCtes !== 'function' || typeof settings.zeroCostModel !== 'function') profit = null;
  } catch {
    profit = null;
  }
  sqlModules = { rfm, views, transactions, quality, presets, profit, settings, cells, reports };
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

/** Step 1, as the app: every column staged (c0 … cN), VARCHAR from CSV, Parquet's own types from Parquet. */
function stagingSql(format, path) {
  const create = `CREATE TABLE ${REJECTS} (file_no INTEGER, row_no BIGINT, line VARCHAR, error VARCHAR);
CREATE TABLE ${FILES} (file_no INTEGER, name VARCHAR, first_rowid BIGINT, header BOOLEAN, lead_rows INTEGER);
INSERT INTO ${FILES} VALUES (0, ${q(path)}, 0, ${format === 'csv' ? 'true, 1' : 'false, 0'});`;
  const cols = COLUMNS.map((c, i) => `c${i}`);
  if (format === 'csv') {
    const types = cols.map((c) => `${q(c)}: 'VARCHAR'`).join(', ');
    return `${create}
CREATE TABLE ${STAGING} AS SELECT CAST(0 AS INTEGER) AS file_no, ${cols.join(', ')}
FROM read_csv(${q(path)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false,
  columns = {${types}}, null_padding = true);`;
  }
  return `${create}
CREATE TABLE ${STAGING} AS SELECT CAST(0 AS INTEGER) AS file_no, ${COLUMNS.map((c, i) => `${c} AS c${i}`).join(', ')}
FROM read_parquet(${q(path)});`;
}

/**
 * One native run on a fresh in-memory database with `threads` threads. Steps (milliseconds):
 *  load      file → staging table (the app's staging; CSV: read_csv, all VARCHAR; Parquet: read_parquet, typed)
 *  analyze   the app's transactionsSql (typing: dates, DECIMAL(18,4)) + tx_orders + quality summary + exclusion counts
 *  score     first scoring: customer_figures, score_cuts, customer_base (scores + profit), segment tables
 *            + every overview query the worker's RfmSession.score runs (cell sums included; not the histograms,
 *            which the distributions view asks for on its own)
 *  rescore-date  the same after an analysis-date change (figures → customer_base, + overview)
 *  rule-edit     the cell map only (preset → R-by-F grid) + the cell-based segment reports, as the worker
 *  rescore-method  scoring method quantile → equal-size: cut points, boundary customers, customer_base, segment tables, overview
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
  /** rfm.ts's QuerySteps (SQL in turn, each fed the rows of the last), on the async connection. */
  const runSteps = async (steps) => {
    let step = steps.next();
    while (!step.done) step = steps.next(await rows(step.value));
    return step.value;
  };
  // As workers/rfm-session.ts: each part of the overview is read again only after the step it depends on.
  const { cells } = sql;
  let hasCost = null;
  const costModel = sql.settings.zeroCostModel();
  let cellRows = null;
  const overview = async (bins, rules, ran) => {
    if (ran.figures) {
      await rows(`SELECT strftime(any_value(analysis_date), '%Y-%m-%d') AS d FROM customer_figures`);
      await rows('SELECT count(*) AS n FROM customer_figures');
      // The histograms are not part of a scoring: the distributions view asks for them (RfmSession.histograms).
    }
    if (ran.scores) {
      await rows(rfm.cutPointsSql());
      await rows(rfm.scoreCountsSql(bins));
      await rows(views.rfGridSql());
    }
    if (ran.scores || ran.profit) cellRows = { stats: await rows(cells.cellStatsSql()), deciles: await rows(cells.cellDecilesSql()) };
    let known = true;
    if (ran.profit) {
      const p = sql.profit;
      const totals = (await rows(p.profitTotalsSql()))[0];
      known = !!totals?.profit_known;
      await rows(p.whalePeakSql());
      if (known) await rows(p.whaleCurveSql(400));
    }
    // As the worker: the segment reports from the cell sums, in TypeScript (no query).
    sql.reports.segmentReports(rules, bins, cellRows.stats, cellRows.deciles, known);
  };
  // As the worker: after the cut points, their thresholds; figures and profit (customer_rows) and their ranks
  // (customer_rank_rows) when the figures changed; the scores in the same row order; the customer_base views.
  const baseStep = async (scores, { profit = true } = {}) => {
    hasCost ??= !!(await rows(sql.profit.hasCostSql()))[0]?.has_cost;
    const thresholds = scores.method === 'equal-size' ? null : await rows(rfm.scoreThresholdsSql(scores.bins));
    if (profit) {
      await conn.run(views.customerRowsSql({ costModel, hasCost }));
      await conn.run(views.customerRanksSql());
    }
    await conn.run(rfm.scoreRowsSql({ ...scores, thresholds }, views.CUSTOMER_ROWS));
    if (profit) await conn.run(views.customerBaseViewsSql());
  };
  const cutParams = { method: 'quantile', bins: 5, customCuts: null };
  try {
    await conn.run(`SET threads = ${threads}`);
    await timed('load', () => conn.run(stagingSql(format, path)));
    const types = Object.fromEntries((await rows(`DESCRIBE ${STAGING}`)).map((c) => [c.column_name, c.column_type]));
    const summary = await timed('analyze', async () => {
      await conn.run(
        transactions.transactionsSql({
          staging: STAGING, files: FILES, columnOf: (h) => 'c' + COLUMNS.indexOf(h), typeOf: (h) => types['c' + COLUMNS.indexOf(h)], mapping: mappingFor(mapCost),
          dateFormat: 'iso', decimalMark: 'point',
        }),
      );
      await conn.run(rfm.ordersTableSql());
      const s = (await rows(quality.qualitySummarySql('tx_all', REJECTS)))[0];
      await rows(quality.exclusionCountsSql(REJECTS));
      return s;
    });
    const rfmRules = presets.presetRules('rfm', 5);
    const gridRules = presets.presetRules('rf-grid', 5);
    let analysisDate = null;
    const all = { figures: true, scores: true, profit: true };
    await timed('score', async () => {
      await conn.run(rfm.customerFiguresSql({ analysisDate: null, monetaryMode: 'total' }));
      await conn.run(rfm.computeCutsSql(cutParams));
      await baseStep(cutParams);
      await conn.run(rfm.cellSegmentsSql(rfmRules, 5));
      await overview(5, rfmRules, all);
      await rows(rfm.defaultAnalysisDateSql());
    });
    analysisDate = (await rows(rfm.defaultAnalysisDateSql()))[0].analysis_date;
    const newDate = shiftDays(analysisDate, -90);
    await timed('rescore-date', async () => {
      await conn.run(rfm.customerFiguresSql({ analysisDate: newDate, monetaryMode: 'total' }));
      await conn.run(rfm.computeCutsSql(cutParams));
      await baseStep(cutParams);
      await conn.run(rfm.cellSegmentsSql(rfmRules, 5));
      await overview(5, rfmRules, all);
    });
    await timed('rule-edit', async () => {
      await conn.run(rfm.cellSegmentsSql(gridRules, 5));
      await overview(5, gridRules, {});
    });
    await timed('rescore-method', async () => {
      const equal = { method: 'equal-size', bins: 5, customCuts: null };
      await conn.run(rfm.computeCutsSql(equal));
      // As the worker: the boundary customers first, then scores without ranking.
      const { bounds } = await runSteps(rfm.equalSizeBoundsSteps(5));
      await baseStep({ ...equal, bounds }, { profit: false });
      await conn.run(rfm.cellSegmentsSql(gridRules, 5));
      await overview(5, gridRules, { scores: true });
    });
    return {
      times,
      profitStep: true,
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
