import type { Engine } from './engine';
import {
  customerFiguresSql, computeCutsSql, cutPointsSql, cellSegmentsSql, scoreCountsSql, defaultAnalysisDateSql, MEASURES,
  equalSizeBoundsSteps, runSteps, scoreRowsSql, scoreThresholdsSql, type EqualSizeBound, type Measure,
  type ScoreThreshold,
} from '../src/sql/rfm';
import {
  rfGridSql, histogramsSql, customersPageSql, customersCountSql, customersExportSql, customerProfileSql,
  customerOrdersSql, customerRowsSql, customerRanksSql, customerBaseViewsSql, CUSTOMER_ROWS, type PageQuery, type Selection, type SegmentLabels,
} from '../src/sql/views';
import type { CostModel, CustomCuts, MonetaryMode, ScoreMethod, SegmentRule } from '../src/domain/settings';
import {
  hasCostSql, profitTotalsSql, whaleCurveSql, whalePeakSql, costModelProblems, type CostModelProblem,
} from '../src/sql/profit';
import {
  cellStatsSql, cellDecilesSql,
} from '../src/sql/cells';
import { segmentReports, type CellDecile, type CellStat } from '../src/domain/segment-reports';
import { zeroCostModel } from '../src/domain/settings';
import type { Bins } from '../src/domain/segment-rules';
import { tableToCsv, type ExportDialect } from './csv-text';
import { tableParquet } from './export-parquet';
import { segmentReportExport, type SegmentReportName } from '../src/sql/segment-exports';
import { lit } from '../src/sql/sql-text';

/** The scoring steps, in the order `recomputed` lists them. */
const STEPS = ['figures', 'scores', 'segments', 'profit'] as const;

/** The part of the analysis settings that scoring depends on. */
export interface ScoringSettings {
  analysisDate: string | null;
  monetaryMode: MonetaryMode;
  scoreMethod: ScoreMethod;
  bins: Bins;
  customCuts: CustomCuts | null;
  segmentRules: SegmentRule[];
  costModel: CostModel;
}

/** The profitability views' data; `known` is false when the file has no cost and no margin is typed. */
export interface ProfitOverview {
  known: boolean;
  hasCost: boolean;
  totals: { customers: number; revenue_text: string; gross_margin_text: string | null; cost_to_serve_text: string; profit_text: string | null; profit: number | null; below_adequate: number | null };
  peak: { customers: number; peak_rank: number | null; peak_customer_share: number | null; peak_profit_share: number | null; total_profit: number | null };
  whale: { rank: number; customer_share: number; profit_share: number | null }[];
  bySegment: { segment: string; customers: number; revenue: number; gross_margin: number | null; cost_to_serve: number; profit: number | null; profit_per_customer: number | null; below_adequate: number | null; pct_below_adequate: number | null }[];
  deciles: { segment: string; decile: number; customers: number }[];
  /** Problems of the cost model asked for (empty when valid); profit then keeps the last valid model. */
  problems: CostModelProblem[];
}

export interface ScoreCount { measure: Measure; score: number; customers: number; min_value: number | null; max_value: number | null }
export interface SegmentRow {
  segment: string; customers: number; pct_customers: number | null; revenue: number; pct_revenue: number | null;
  avg_recency: number | null; avg_frequency: number | null; avg_monetary: number | null;
}

/** Everything the RFM views draw, small enough to send as plain objects. */
export interface RfmOverview {
  analysisDate: string;
  defaultAnalysisDate: string;
  customers: number;
  cuts: { measure: Measure; cuts: string[]; cut_values: number[] }[];
  scoreCounts: ScoreCount[];
  ruleCounts: { rule_no: number | null; segment: string; cells: number; customers: number }[];
  segments: SegmentRow[];
  grid: { r: number; f: number; customers: number; revenue: number; avg_monetary: number }[];
  /** Which customer figures (analysis date, monetary mode) the overview was scored on; `histograms()` names the same. */
  figuresKey: string;
  profit: ProfitOverview;
  /** The per-cell sums the segment reports come from: the page answers a rule edit from them at once. */
  cells: { stats: CellStat[]; deciles: CellDecile[] };
  /** Which steps ran for this call (the rest were kept from the previous call). */
  recomputed: ('figures' | 'scores' | 'segments' | 'profit')[];
  /** Time the worker spent on this call, in milliseconds (the rest of a call's time is messaging and waiting). */
  workerMs: number;
}

/**
 * The distributions view's histograms, built only when that view asks (`RfmSession.histograms`), for the figures
 * named by `figuresKey` (the overview's).
 */
export interface Histograms {
  figuresKey: string;
  bars: Record<Measure, { x0: number; x1: number; count: number }[]>;
}

export interface CustomerProfile {
  customer_id: string; first_order: string; last_order: string; orders: number; recency_days: number; frequency: number;
  monetary: string; r_score: number; f_score: number; m_score: number; rfm_cell: number; segment: string;
  gross_margin: string | null; cost_to_serve: string | null; profit: string | null; below_adequate: boolean | null; sink_reason: string | null;
  timeline: { order_id: string; order_date: string; net: number; lines: number; is_return: boolean }[];
  /** The lifetime-value predictions over the current horizon, when the model is fitted (null otherwise). */
  clv: { p_alive: number; expected_orders: number; expected_order_value: number; clv: number } | null;
}

/** The analysis the page shows (the analysis date set in the controls); its tables live in DuckDB's main schema. */
export const MAIN_ANALYSIS = 'main';

/** A name for an analysis: letters, digits, `_` and `-`, up to 40 characters. */
export const ANALYSIS_NAME = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * One analysis: the analysed transactions scored under one set of settings. It is a value with a name: its tables
 * (customer_figures … customer_base, the cell map) live in a DuckDB schema of its own (`analysis_<name>`; the
 * main analysis in `main`), and every statement of the session runs with the search path set to that schema,
 * then `main`, so the SQL builders' table names are this analysis's, and the shared inputs (tx, tx_orders) are
 * read from `main`. The analysis at the analysis date, one at a comparison date and one for a calibration period
 * can then coexist in one engine, each drawn or dropped on its own.
 *
 * Scores the analysed transactions and answers the views' queries. Each step runs only when a setting it
 * depends on changed: the analysis date or monetary mode → figures; method, bins, cut points → scores;
 * rules → the bins³ cell map only. The per-customer tables stay in DuckDB; the page gets summaries and pages.
 */
export class RfmSession {
  private keys = { figures: '', scores: '', segments: '', profit: '' };
  private hasCost: boolean | null = null;
  /** Equal-size scoring's boundary customers for the current figures and bins (null for other methods). */
  private bounds: EqualSizeBound[] | null = null;
  /** Quantile and custom scoring's thresholds for the current cut points (null for equal-size). */
  private thresholds: ScoreThreshold[] | null = null;
  /** The last valid cost model (the one customer_base was costed with). */
  private costModel: CostModel | null = null;
  /** The overview's parts, each recomputed only after the step it reads. */
  private cache: {
    analysisDate?: string; defaultAnalysisDate?: string; customers?: number; histograms?: Histograms;
    cuts?: RfmOverview['cuts']; scoreCounts?: ScoreCount[]; grid?: RfmOverview['grid'];
    ruleCounts?: RfmOverview['ruleCounts']; segments?: SegmentRow[];
    bySegment?: ProfitOverview['bySegment']; deciles?: ProfitOverview['deciles'];
    profitTotals?: Pick<ProfitOverview, 'known' | 'totals' | 'peak' | 'whale'>;
    /** The per-cell sums, read again only after scores or profit change. */
    cells?: { stats: CellStat[]; deciles: CellDecile[] };
  } = {};

  /** The DuckDB schema that holds this analysis's tables. */
  readonly schema: string;
  private depth = 0;

  constructor(private readonly engine: Engine, readonly name: string = MAIN_ANALYSIS) {
    if (!ANALYSIS_NAME.test(name)) throw new Error(`not an analysis name: ${name}`);
    this.schema = name === MAIN_ANALYSIS ? 'main' : `analysis_${name.replaceAll('-', '_')}`;
    if (this.schema !== 'main') engine.exec(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
  }

  /** Runs statements with this analysis's tables first on the search path (re-entrant; the path is put back). */
  within<T>(run: () => T): T {
    if (this.schema === 'main' || this.depth > 0) return run();
    this.engine.exec(`SET search_path = '${this.schema},main'`);
    this.depth++;
    try {
      return run();
    } finally {
      this.depth--;
      this.engine.exec(`RESET search_path`);
    }
  }

  /** Drops this analysis's tables (the main analysis keeps its schema; its tables are replaced by the next). */
  drop(): void {
    if (this.schema !== 'main') this.engine.exec(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    this.reset();
  }

  /** Forgets the cached steps (new transactions were analysed; tx_orders is rebuilt by the caller). */
  reset(): void {
    this.keys = { figures: '', scores: '', segments: '', profit: '' };
    this.hasCost = null;
    this.bounds = null;
    this.thresholds = null;
    this.costModel = null;
    this.cache = {};
  }

  /** Runs the steps the settings need and returns what the views draw. */
  score(s: ScoringSettings): RfmOverview {
    return this.within(() => this.scoreSteps(s));
  }

  private scoreSteps(s: ScoringSettings): RfmOverview {
    const e = this.engine;
    const started = performance.now();
    const recomputed: RfmOverview['recomputed'] = [];
    const figuresKey = JSON.stringify([s.analysisDate, s.monetaryMode]);
    const scoresKey = JSON.stringify([figuresKey, s.scoreMethod, s.bins, s.scoreMethod === 'custom' ? s.customCuts : null]);
    const segmentsKey = JSON.stringify([scoresKey, s.segmentRules]);
    if (figuresKey !== this.keys.figures) {
      e.exec(customerFiguresSql({ analysisDate: s.analysisDate, monetaryMode: s.monetaryMode }));
      this.keys = { figures: figuresKey, scores: '', segments: '', profit: '' };
      recomputed.push('figures');
    }
    const scoreParams = { method: s.scoreMethod, bins: s.bins, customCuts: s.customCuts };
    if (scoresKey !== this.keys.scores) {
      e.exec(computeCutsSql(scoreParams));
      // Equal-size: the k − 1 boundary customers per measure, found without sorting the customers.
      this.bounds = s.scoreMethod === 'equal-size' ? runSteps(equalSizeBoundsSteps(s.bins), (sql) => e.rows(sql)).bounds : null;
      // Quantile and custom: the cut points as the constants the scores compare with.
      this.thresholds = s.scoreMethod === 'equal-size' ? null : e.rows<ScoreThreshold>(scoreThresholdsSql(s.bins));
      this.keys.scores = scoresKey;
      this.keys.segments = '';
      recomputed.push('scores');
    }
    this.hasCost ??= !!e.one<{ has_cost: boolean }>(hasCostSql())?.has_cost;
    const problems = costModelProblems(s.costModel);
    // An invalid cost model keeps the last valid one; the first time there is none, so zero costs stand in.
    if (problems.length === 0) this.costModel = s.costModel;
    this.costModel ??= zeroCostModel();
    const profitKey = JSON.stringify([figuresKey, this.costModel, this.hasCost]);
    if (profitKey !== this.keys.profit) recomputed.push('profit');
    const ran = (step: RfmOverview['recomputed'][number]) => recomputed.includes(step);
    if (ran('profit')) {
      // Figures and profit per customer, and their ranks by profit in the same row order; customer_base is a view
      // of them beside their scores.
      e.exec(customerRowsSql({ costModel: this.costModel, hasCost: this.hasCost }));
      e.exec(customerRanksSql());
      this.keys.profit = profitKey;
    }
    // The scores, in the same row order (customer_figures'): a new method or new bins rewrite only these four
    // columns, and a new cost model none of them.
    if (ran('scores')) e.exec(scoreRowsSql({ ...scoreParams, bounds: this.bounds, thresholds: this.thresholds }, CUSTOMER_ROWS));
    if (ran('scores') || ran('profit')) e.exec(customerBaseViewsSql());
    if (segmentsKey !== this.keys.segments) {
      // The cell map only: pages and exports join it; the reports below come from the cell sums.
      e.exec(cellSegmentsSql(s.segmentRules, s.bins));
      this.keys.segments = segmentsKey;
      recomputed.push('segments');
    }
    const c = this.cache;
    // The histograms are not built here: the distributions view asks for them (`histograms()`).
    if (ran('figures') || c.customers === undefined) {
      c.analysisDate = e.one<{ d: string }>(`SELECT strftime(any_value(analysis_date), '%Y-%m-%d') AS d FROM customer_figures`)?.d ?? s.analysisDate ?? '';
      c.customers = e.one<{ n: number }>('SELECT count(*) AS n FROM customer_figures')!.n;
    }
    if (ran('scores') || !c.cuts) {
      c.cuts = this.cuts();
      c.scoreCounts = e.rows<ScoreCount>(scoreCountsSql(s.bins));
      c.grid = e.rows(rfGridSql());
    }
    if (ran('scores') || ran('profit') || !c.cells) {
      c.cells = { stats: e.rows<CellStat>(cellStatsSql()), deciles: e.rows<CellDecile>(cellDecilesSql()) };
    }
    if (ran('profit') || !c.profitTotals) {
      const totals = e.one<ProfitOverview['totals'] & { profit_known: boolean }>(profitTotalsSql())!;
      c.profitTotals = {
        totals,
        known: !!totals.profit_known,
        peak: e.one<ProfitOverview['peak']>(whalePeakSql())!,
        whale: totals.profit_known ? e.rows<ProfitOverview['whale'][number]>(whaleCurveSql(400)) : [],
      };
    }
    // Rule edits land here only: the reports come from the cell sums, in TypeScript, without a query.
    if (recomputed.length > 0 || !c.segments) {
      const r = segmentReports(s.segmentRules, s.bins, c.cells.stats, c.cells.deciles, c.profitTotals.known);
      c.ruleCounts = r.ruleCounts;
      c.segments = r.segments;
      c.bySegment = r.bySegment;
      c.deciles = r.deciles;
    }
    c.defaultAnalysisDate ??= e.one<{ analysis_date: string }>(defaultAnalysisDateSql())?.analysis_date ?? '';
    return {
      analysisDate: c.analysisDate!,
      defaultAnalysisDate: c.defaultAnalysisDate,
      customers: c.customers!,
      cuts: c.cuts!,
      scoreCounts: c.scoreCounts!,
      ruleCounts: c.ruleCounts!,
      segments: c.segments!,
      grid: c.grid!,
      figuresKey: this.keys.figures,
      profit: {
        known: c.profitTotals.known,
        hasCost: !!this.hasCost,
        totals: c.profitTotals.totals,
        peak: c.profitTotals.peak,
        whale: c.profitTotals.whale,
        bySegment: c.bySegment!,
        deciles: c.deciles!,
        problems,
      },
      cells: c.cells,
      recomputed: STEPS.filter((step) => recomputed.includes(step)),
      workerMs: performance.now() - started,
    };
  }

  /**
   * The recency, frequency and monetary histograms of the figures last scored, built on the first call after they
   * changed (a scoring never builds them: only the distributions view shows them).
   */
  histograms(): Histograms {
    if (!this.keys.figures) throw new Error('histograms asked for before scoring');
    if (this.cache.histograms?.figuresKey !== this.keys.figures) {
      const rows = this.within(() => this.engine.rows<{ measure: Measure; x0: number; x1: number; count: number }>(histogramsSql()));
      const bars = Object.fromEntries(
        MEASURES.map((m) => [m, rows.filter((b) => b.measure === m).map(({ x0, x1, count }) => ({ x0, x1, count }))]),
      ) as Histograms['bars'];
      this.cache.histograms = { figuresKey: this.keys.figures, bars };
    }
    return this.cache.histograms;
  }

  /** True when profit per customer is known (a cost column, or a typed margin). */
  private profitKnown(): boolean {
    return this.within(() => !!this.engine.one<{ k: boolean }>(`SELECT count(profit) > 0 AS k FROM ${CUSTOMER_ROWS}`)?.k);
  }

  /** Cut points per measure, in cut order (none with equal-size bins). */
  private cuts(): RfmOverview['cuts'] {
    const rows = this.engine.rows<{ measure: Measure; cut_text: string; cut_value: number }>(
      cutPointsSql(),
    );
    return MEASURES.filter((m) => rows.some((r) => r.measure === m)).map((m) => ({
      measure: m,
      cuts: rows.filter((r) => r.measure === m).map((r) => r.cut_text),
      cut_values: rows.filter((r) => r.measure === m).map((r) => r.cut_value),
    }));
  }

  /**
   * Runs queries that read customers from customer_base (pages, profiles, exports). customer_base is a view that puts
   * three tables side by side; DuckDB has no row count for it, and its build-side choice then hashes the 945 k-row
   * view instead of the 125-row cell map (several times slower per page: bench/README.md): these queries keep the
   * side the SQL names on the right as the build side.
   */
  customerQueries<T>(run: () => T): T {
    return this.within(() => {
      this.engine.exec(`SET disabled_optimizers = 'build_side_probe_side'`);
      try {
        return run();
      } finally {
        this.engine.exec(`RESET disabled_optimizers`);
      }
    });
  }

  /** A subquery of this analysis's customers with their segment, revenue and gross margin (schema-qualified). */
  customerSegmentsSql(): string {
    const s = this.schema;
    return `(SELECT b.customer_id, b.revenue, b.gross_margin, coalesce(c.segment, 'Others') AS segment
  FROM ${s}.customer_base b LEFT JOIN ${s}.cell_segments c USING (rfm_cell))`;
  }

  /** One page of customers, as Arrow IPC bytes, with the selection's total. */
  page(q: PageQuery, withClv = false): { total: number; ipc: Uint8Array } {
    return this.customerQueries(() => {
      const total = this.engine.one<{ total: number }>(customersCountSql(q.selection, q.search))!.total;
      return { total, ipc: this.engine.ipc(customersPageSql(q, withClv)) };
    });
  }

  /** One customer's figures, scores, segment and orders. */
  profile(customerId: string, analysisDate: string, withClv = false): CustomerProfile | null {
    return this.customerQueries(() => {
      const p = this.engine.one<Omit<CustomerProfile, 'timeline' | 'clv'>>(customerProfileSql(customerId));
      if (!p) return null;
      const clv = withClv
        ? this.engine.one<NonNullable<CustomerProfile['clv']>>(`SELECT p_alive, expected_orders, expected_order_value, clv FROM main.customer_clv WHERE customer_id = ${lit(customerId)}`) ?? null
        : null;
      return { ...p, clv, timeline: this.engine.rows(customerOrdersSql(customerId, analysisDate)) };
    });
  }

  /** The selection as CSV bytes (UTF-8, header, the dialect's separator; money as exact decimal text; segments labelled by `labels`). */
  exportCsv(sel: Selection, withClv = false, labels: SegmentLabels = {}, dialect: ExportDialect = 'comma'): Uint8Array {
    const withProfit = this.profitKnown();
    const money = ['monetary', ...(withProfit ? ['gross_margin', 'cost_to_serve', 'profit'] : [])];
    const table = this.customerQueries(() => this.engine.table(
      `SELECT * REPLACE (${money.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')}) FROM (${customersExportSql(sel, withProfit, withClv, labels)})`,
    ));
    return new TextEncoder().encode(tableToCsv(table, dialect, money));
  }

  /**
   * The segment table or profit by segment of the overview last scored, its segments in the view's order, as
   * CSV (in the dialect; money as exact decimal text) or Parquet (money DECIMAL(18,4)).
   */
  exportReport(report: SegmentReportName, format: 'csv' | 'parquet', dialect: ExportDialect = 'comma', labels: SegmentLabels = {}): Uint8Array {
    const { sql, money } = segmentReportExport(report, (this.cache.segments ?? []).map((r) => r.segment), labels);
    if (format === 'parquet') return tableParquet(this.within(() => this.engine.table(sql)));
    const table = this.within(() => this.engine.table(`SELECT * REPLACE (${money.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')}) FROM (${sql})`));
    return new TextEncoder().encode(tableToCsv(table, dialect, money));
  }
}
