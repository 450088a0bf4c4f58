import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { Engine } from './engine';
import {
  CLV_PREDICTIONS, CLV_SUMMARY, clvDaysSql, clvSpendRowsSql, clvSummarySql, clvSummaryTotalsSql, clvTriplesSql,
  firstDaysSql, holdoutTriplesSql, repeatsByWeekSql,
} from '../src/sql/clv';
import { dateLit, ident, numLit } from '../src/sql/sql-text';
import { expectedTransactions, expectedTransactionsNew, pAlive, type BgNbdParams, type Triple } from '../src/domain/clv/bgnbd';
import { expectedSpend, type GammaGammaParams, type SpendRow } from '../src/domain/clv/gamma-gamma';
import { bgnbdBoundary, bgnbdFitter, gammaGammaFitter, type BgNbdFit, type FitResult } from '../src/domain/clv/fit';
import { minimumDataCheck, type MinimumDataProblem } from '../src/domain/clv/min-data';
import { discountedTransactions } from '../src/domain/clv/discount';
import type { CostModel } from '../src/domain/settings';

/** What the lifetime-value view asks for. Times in weeks; dates ISO days. */
export interface ClvRequest {
  analysisDate: string;
  /** The last day of the calibration period (included). */
  calibrationEnd: string;
  horizonWeeks: number;
  /** Yearly discount rate as a fraction (0.1 = 10 %), 0 for none. */
  discountRate: number;
  keyAccounts: number;
  costModel: CostModel;
}

export interface ClvProgress { step: 'summary' | 'fit' | 'spend' | 'predict' | 'check'; done: number; total: number }

export interface KeyAccount {
  customer_id: string; segment: string; p_alive: number; expected_orders: number; expected_order_value: number;
  clv: number; expected_cost: number; net_clv: number;
}

/** The lifetime-value view's data. */
export interface ClvOverview {
  request: Omit<ClvRequest, 'costModel'>;
  /** The last transaction day up to the analysis date; a holdout exists when the calibration end is before it. */
  lastDay: string | null;
  summary: {
    customers: number; repeatCustomers: number; later: number; sumX: number; sumTx: number; sumT: number; sumMx: number;
    /** The longest T (weeks): the calibration period seen by the earliest customer. */
    calibrationWeeks: number;
  };
  problems: MinimumDataProblem[];
  /** Null when the minimum-data check refuses the fit. */
  bgnbd: (Omit<BgNbdFit, 'params'> & { params: BgNbdParams }) | null;
  gammaGamma: (FitResult<GammaGammaParams> & { customers: number }) | null;
  pAliveBins: { x0: number; x1: number; count: number }[];
  expectedBins: { x0: number; x1: number; count: number }[];
  pAliveByRecency: { frequency: number; points: { recency_weeks: number; p_alive: number }[] }[];
  modelCheck: {
    calibrationWeeks: number;
    holdoutWeeks: number;
    weeks: { week: number; actual: number; predicted: number }[];
    holdout: { frequency: number; customers: number; actual: number; predicted: number }[];
  } | null;
  keyAccounts: KeyAccount[];
  totals: { expectedTransactions: number; clv: number; meanPAlive: number };
  workerMs: number;
}

/** Lets the worker read its messages (a cancel) between steps. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class ClvCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Days → weeks, the models' time unit. */
const weeks = (days: number) => days / 7;

/**
 * The lifetime-value models on the analysed transactions: the calibration summary in DuckDB, the fits and the
 * predictions here (per distinct (x, t_x, T), so the cost grows with the distinct triples, not the customers),
 * the per-customer table back in DuckDB for pages, profiles and exports.
 */
export class ClvModel {
  private stop = false;
  /** The per-customer predictions exist (customer_clv), for pages and exports. */
  fitted = false;

  constructor(private readonly engine: Engine) {}

  cancel(): void {
    this.stop = true;
  }

  reset(): void {
    this.fitted = false;
    this.engine.exec(`DROP TABLE IF EXISTS main.${ident(CLV_PREDICTIONS)}`);
  }

  private async step(): Promise<void> {
    await breathe();
    if (this.stop) throw new ClvCancelled();
  }

  /** Fits the models and predicts every customer; `customerSegments` names the main analysis's segment per customer. */
  async fit(req: ClvRequest, customerSegments: string, onProgress?: (p: ClvProgress) => void): Promise<ClvOverview> {
    this.stop = false;
    const started = performance.now();
    const e = this.engine;
    const say = (step: ClvProgress['step'], done: number, total: number) => onProgress?.({ step, done, total });
    say('summary', 0, 1);
    e.exec(clvDaysSql(req.analysisDate));
    e.exec(clvSummarySql(req.calibrationEnd));
    const t = e.one<{
      customers: number; repeat_customers: number; later: number; sum_x: number; sum_t_x: number; sum_T: number;
      sum_m_x: number; max_T: number; last_day: string | null;
    }>(clvSummaryTotalsSql())!;
    const summary = {
      customers: t.customers, repeatCustomers: t.repeat_customers, later: t.later, sumX: t.sum_x, sumTx: t.sum_t_x,
      sumT: t.sum_T, sumMx: t.sum_m_x, calibrationWeeks: t.max_T,
    };
    const base: ClvOverview = {
      request: { analysisDate: req.analysisDate, calibrationEnd: req.calibrationEnd, horizonWeeks: req.horizonWeeks, discountRate: req.discountRate, keyAccounts: req.keyAccounts },
      lastDay: t.last_day, summary, problems: minimumDataCheck(summary), bgnbd: null, gammaGamma: null, pAliveBins: [],
      expectedBins: [], pAliveByRecency: [], modelCheck: null, keyAccounts: [],
      totals: { expectedTransactions: 0, clv: 0, meanPAlive: 0 }, workerMs: 0,
    };
    // Refused: the predictions of an earlier fit go too. Otherwise they stay until the new ones replace them, so a
    // cancelled fit leaves the tables and the view on screen as they were.
    if (base.problems.some((p) => p.level === 'refuse')) {
      this.reset();
      return { ...base, workerMs: performance.now() - started };
    }

    const rows = e.rows<{ x: number; t_days: number; age_days: number; n: number }>(clvTriplesSql());
    const triples: Triple[] = rows.map((r) => ({ x: r.x, t_x: weeks(r.t_days), T: weeks(r.age_days), n: r.n }));
    const fitter = bgnbdFitter(triples);
    for (let i = 0; i < fitter.starts.length; i++) {
      say('fit', i, fitter.starts.length + 1);
      await this.step();
      fitter.start(i);
    }
    say('fit', fitter.starts.length, fitter.starts.length + 1);
    await this.step();
    const bgnbd = bgnbdBoundary(fitter.polish(), triples);
    const params = bgnbd.params;

    say('spend', 0, 1);
    await this.step();
    const spendRows = e.rows<SpendRow & { m_x: number }>(clvSpendRowsSql()).map((r) => ({ x: r.x, m: r.m_x, n: r.n }));
    const spendCustomers = spendRows.reduce((s, r) => s + r.n, 0);
    const gg = spendRows.length > 0 ? { ...gammaGammaFitter(spendRows).run(), customers: spendCustomers } : null;
    // Gamma-Gamma's population mean needs q > 1; without it the value per transaction falls back to the observed mean.
    const ggUsable = gg && gg.params.q > 1 ? gg.params : null;

    say('predict', 0, rows.length);
    await this.step();
    const n = rows.length;
    const cols = {
      x: new Int32Array(n), t_days: new Int32Array(n), age_days: new Int32Array(n),
      p_alive: new Float64Array(n), expected_orders: new Float64Array(n), discounted_orders: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      const tr = triples[i];
      cols.x[i] = r.x;
      cols.t_days[i] = r.t_days;
      cols.age_days[i] = r.age_days;
      cols.p_alive[i] = pAlive(params, tr.x, tr.t_x, tr.T);
      cols.expected_orders[i] = expectedTransactions(params, req.horizonWeeks, tr.x, tr.t_x, tr.T);
      cols.discounted_orders[i] = req.discountRate > 0
        ? discountedTransactions((w) => expectedTransactions(params, w, tr.x, tr.t_x, tr.T), req.horizonWeeks, req.discountRate)
        : cols.expected_orders[i];
      if (i % 2000 === 1999) {
        say('predict', i + 1, n);
        await this.step();
      }
    }
    e.exec('DROP TABLE IF EXISTS main.clv_triples');
    // As IPC bytes: insertArrowTable would serialise with duckdb-wasm's own bundled apache-arrow (parquet.ts).
    e.conn.insertArrowFromIPCStream(tableToIPC(tableFromArrays(cols), 'stream'), { name: 'clv_triples', create: true });
    e.exec(customerClvSql(req, ggUsable, customerSegments));
    this.fitted = true;

    say('check', 0, 1);
    await this.step();
    const overview: ClvOverview = {
      ...base,
      bgnbd,
      gammaGamma: gg,
      pAliveBins: e.rows(binsSql('p_alive', 0, 0.1, 10)),
      expectedBins: e.rows(binsSql('expected_orders', 0, expectedWidth(e), 20)),
      pAliveByRecency: pAliveCurves(params, summary.calibrationWeeks),
      modelCheck: t.last_day && req.calibrationEnd < t.last_day ? modelCheck(e, params, req.calibrationEnd, t.last_day, summary.calibrationWeeks) : null,
      keyAccounts: e.rows<KeyAccount>(`SELECT customer_id, segment, p_alive, expected_orders, expected_order_value, clv, expected_cost, net_clv
FROM main.${ident(CLV_PREDICTIONS)} WHERE net_clv IS NOT NULL ORDER BY net_clv DESC, customer_id LIMIT ${numLit(Math.max(1, Math.trunc(req.keyAccounts)))}`),
      totals: e.one<ClvOverview['totals']>(`SELECT coalesce(sum(expected_orders), 0) AS "expectedTransactions", coalesce(sum(clv), 0) AS clv,
  coalesce(avg(p_alive), 0) AS "meanPAlive" FROM main.${ident(CLV_PREDICTIONS)}`)!,
      workerMs: 0,
    };
    overview.workerMs = performance.now() - started;
    return overview;
  }
}

/**
 * Statement → TABLE customer_clv: every customer of the calibration summary with its predictions over the horizon:
 * p_alive, expected_orders, expected_order_value (Gamma-Gamma; the population mean when x = 0; the customer's own
 * mean repeat value, or its first day's, when Gamma-Gamma cannot be used), clv = discounted expected orders ×
 * expected value × margin share, expected_cost = expected orders × cost per order + P(alive) × cost per customer
 * and year × horizon ÷ 52, and net_clv = clv − expected_cost.
 * Margin share: the customer's gross margin ÷ revenue when profit is known and revenue > 0; otherwise 1.
 */
function customerClvSql(req: ClvRequest, gg: GammaGammaParams | null, customerSegments: string): string {
  const value = gg
    ? `CASE WHEN s.x > 0 AND s.m_x > 0 THEN (${dbl(gg.gamma)} + s.x * s.m_x) * ${dbl(gg.p)} / (${dbl(gg.p)} * s.x + ${dbl(gg.q)} - 1)
       ELSE ${dbl(expectedSpend(gg, 0, 0))} END`
    : `s.m_x`;
  const perOrder = Number(req.costModel.costPerOrder) || 0;
  const perYear = Number(req.costModel.costPerCustomerYear) || 0;
  return `CREATE OR REPLACE TABLE main.${ident(CLV_PREDICTIONS)} AS
SELECT customer_id, segment, p_alive, expected_orders, expected_order_value, margin_share,
  discounted_orders * expected_order_value * margin_share AS clv, expected_cost,
  discounted_orders * expected_order_value * margin_share - expected_cost AS net_clv
FROM (
  SELECT s.customer_id, coalesce(c.segment, '') AS segment, p.p_alive, p.expected_orders, p.discounted_orders,
    ${value} AS expected_order_value,
    CASE WHEN c.revenue > 0 AND c.gross_margin IS NOT NULL THEN CAST(c.gross_margin AS DOUBLE) / CAST(c.revenue AS DOUBLE) ELSE 1 END AS margin_share,
    p.expected_orders * ${dbl(perOrder)} + p.p_alive * ${dbl(perYear)} * ${dbl(req.horizonWeeks)} / 52 AS expected_cost
  FROM main.${ident(CLV_SUMMARY)} s
  JOIN main.clv_triples p ON p.x = s.x AND p.t_days = s.t_days AND p.age_days = s.age_days
  LEFT JOIN ${customerSegments} c USING (customer_id)
)`;
}

/** A DOUBLE literal (scientific notation: DuckDB reads a long plain literal as a DECIMAL, which can overflow). */
function dbl(v: number): string {
  numLit(v);
  return v.toExponential(17);
}

/** A width for the expected-transactions histogram: the 99th percentile ÷ 20, at least 0.05. */
function expectedWidth(e: Engine): number {
  const p99 = e.one<{ p: number | null }>(`SELECT quantile_cont(expected_orders, 0.99) AS p FROM main.${ident(CLV_PREDICTIONS)}`)?.p ?? 1;
  return Math.max(0.05, p99 / 20);
}

/** Query → a histogram of one predicted column: `bins` bars of `width` from `lo`, values above in the last. */
function binsSql(column: 'p_alive' | 'expected_orders', lo: number, width: number, bins: number): string {
  const [l, w] = [dbl(lo), dbl(width)];
  return `SELECT ${l} + b * ${w} AS x0, ${l} + (b + 1) * ${w} AS x1, CAST(count(*) AS INTEGER) AS count
FROM (SELECT least(greatest(CAST(floor((${ident(column)} - ${l}) / ${w}) AS INTEGER), 0), ${bins - 1}) AS b FROM main.${ident(CLV_PREDICTIONS)})
GROUP BY b ORDER BY b`;
}

/** P(alive) against recency (t_x, weeks) for frequencies 0 … 7, with T = the calibration length. */
function pAliveCurves(p: BgNbdParams, T: number): ClvOverview['pAliveByRecency'] {
  const steps = 40;
  return Array.from({ length: 8 }, (_, frequency) => ({
    frequency,
    points: Array.from({ length: steps + 1 }, (_, i) => {
      const recency = (T * i) / steps;
      return { recency_weeks: recency, p_alive: pAlive(p, frequency, recency, T) };
    }),
  }));
}

/**
 * The model check: cumulative repeat transactions week by week since the data's first transaction day, actual
 * and predicted (each customer's E[X(t)] from its first day), and the holdout's transactions per calibration
 * frequency (0 … 6, 7 = 7 and more): actual and predicted means.
 */
function modelCheck(e: Engine, p: BgNbdParams, calibrationEnd: string, lastDay: string, calibrationWeeks: number): NonNullable<ClvOverview['modelCheck']> {
  const firsts = e.rows<{ offset: number; n: number }>(firstDaysSql());
  const repeats = e.rows<{ week: number; repeats: number }>(repeatsByWeekSql());
  const span = e.one<{ d: number; h: number }>(`SELECT CAST(datediff('day', (SELECT min(first_day) FROM main.${ident(CLV_SUMMARY)}), ${dateLit(lastDay)}) AS INTEGER) AS d,
  CAST(datediff('day', ${dateLit(calibrationEnd)}, ${dateLit(lastDay)}) AS INTEGER) AS h`)!;
  const lastWeek = Math.ceil(span.d / 7);
  const byWeek = new Map(repeats.map((r) => [r.week, r.repeats]));
  const weeksOut: { week: number; actual: number; predicted: number }[] = [];
  let actual = 0;
  for (let w = 1; w <= lastWeek; w++) {
    actual += byWeek.get(w) ?? 0;
    let predicted = 0;
    for (const f of firsts) predicted += f.n * expectedTransactionsNew(p, w - f.offset / 7);
    weeksOut.push({ week: w, actual, predicted });
  }
  const holdoutWeeks = span.h / 7;
  const groups = new Map<number, { customers: number; actual: number; predicted: number }>();
  for (const r of e.rows<{ x: number; t_days: number; age_days: number; n: number; holdout: number }>(holdoutTriplesSql(calibrationEnd))) {
    const f = Math.min(r.x, 7);
    const g = groups.get(f) ?? { customers: 0, actual: 0, predicted: 0 };
    g.customers += r.n;
    g.actual += r.holdout;
    g.predicted += r.n * expectedTransactions(p, holdoutWeeks, r.x, weeks(r.t_days), weeks(r.age_days));
    groups.set(f, g);
  }
  const holdout = [...groups.entries()].sort((a, b) => a[0] - b[0])
    .map(([frequency, g]) => ({ frequency, customers: g.customers, actual: g.actual / g.customers, predicted: g.predicted / g.customers }));
  // The calibration end as a week of the same axis.
  const calibrationWeek = Math.round(((span.d - span.h) / 7) * 100) / 100;
  return { calibrationWeeks: calibrationWeek || calibrationWeeks, holdoutWeeks, weeks: weeksOut, holdout };
}
