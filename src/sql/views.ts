/**
 * Queries the RFM views read, all from customer_base (figures, scores and profit: a view over customer_rows) and the
 * cell map.
 * Each returns a small result: the per-customer table is never sent whole to the page.
 */
import { ident, lit, numLit } from './sql-text';
import { CELLS, FIGURE_COLUMNS, FIGURES, MEASURES, SCORE_ROWS, SCORES, type Measure } from './rfm';
import { PROFIT, profitCtes, profitSelect, RANK_ORDER, type ProfitParams } from './profit';
import { OTHERS } from '../domain/segment-rules';
import { cohortCellWhere } from './cohorts';
import { migrationFlowWhere } from './migration';
import { segmentLabelSql, type SegmentLabels } from './segment-labels';

export type { SegmentLabels } from './segment-labels';

/** Which customers a view or an export is about. */
export type Selection =
  | { kind: 'all' }
  | { kind: 'segment'; segment: string }
  | { kind: 'cell'; r: number; f: number }
  /** Customers by profit rank (1 = most profitable), both ends included: a whale-curve brush. */
  | { kind: 'rank'; from: number; to: number }
  | { kind: 'below-adequate' }
  /** The customers of a cohort (its label) active in a period (cohorts.ts). */
  | { kind: 'cohort'; cohort: string; period: number }
  /** The customers who moved from one segment to another between the comparison and analysis dates (migration.ts). */
  | { kind: 'migration'; before: string; after: string };

export const CUSTOMER_BASE = 'customer_base';
/** The table under customer_base: figures and profit per customer (customer_figures' row order). */
export const CUSTOMER_ROWS = 'customer_rows';

/**
 * Statement → TABLE customer_rows: one row per customer of customer_figures with its figures and profit (profit.ts's
 * `profitCtes` and `profitSelect`, the SQL text of `customerProfitSql`), in customer_figures' row order (a
 * projection keeps it). Rebuilt when the figures or the cost model change, and customer_rank_rows after it;
 * customer_score_rows, in the same order, changes only with the figures or the scoring settings. Columns:
 * customer_id, first_order, last_order, orders, recency_days, frequency, net, monetary, returned_orders,
 * relationship_days, revenue, cogs, gross_margin, order_cost, return_cost, relationship_cost, cost_to_serve,
 * profit, below_adequate, sink_reason.
 */
export function customerRowsSql(profit: ProfitParams): string {
  return `CREATE OR REPLACE TABLE ${ident(CUSTOMER_ROWS)} AS
WITH ${profitCtes(profit, ident(FIGURES))}
SELECT customer_id, ${FIGURE_COLUMNS.join(', ')}, returned_orders, relationship_days, ${profitSelect(profit)}
FROM profited`;
}

export const RANK_ROWS = 'customer_rank_rows';

/**
 * Statements → TABLE customer_rank_rows(profit_rank INTEGER), in customer_rows' row order: each customer's rank by
 * profit (`RANK_ORDER`: profit descending, unknown last, ties by customer_id). Two narrow sorts — the row numbers
 * in rank order, then the ranks back in row order — instead of one sort carrying every column.
 */
export function customerRanksSql(): string {
  return `CREATE OR REPLACE TEMP TABLE rank_order AS SELECT rowid AS row_no FROM ${ident(CUSTOMER_ROWS)} ORDER BY ${RANK_ORDER};
CREATE OR REPLACE TABLE ${ident(RANK_ROWS)} AS SELECT CAST(rowid + 1 AS INTEGER) AS profit_rank FROM rank_order ORDER BY row_no;
DROP TABLE rank_order;`;
}

/**
 * Statements → VIEW customer_base = customer_rows beside customer_score_rows (rfm.ts's `scoreRowsSql` over
 * customer_rows) and customer_rank_rows, all three in the same row order, so POSITIONAL JOINs pair them; and VIEWs
 * customer_scores and customer_profit with the columns of the tables `scoresSql` and `customerProfitSql` build,
 * for the readers of either. A new method or new bins rewrite only the four score columns; a rule edit changes
 * only the 125-row cell map joined at query time.
 * Columns: customer_id, first_order, last_order, orders, recency_days, frequency, net, monetary, r_score,
 * f_score, m_score, rfm_cell, returned_orders, relationship_days, revenue, cogs, gross_margin, order_cost,
 * return_cost, relationship_cost, cost_to_serve, profit, below_adequate, sink_reason, profit_rank.
 */
export function customerBaseViewsSql(): string {
  const profitColumns = `revenue, cogs, gross_margin, order_cost, return_cost, relationship_cost, cost_to_serve, profit,
  below_adequate, sink_reason`;
  return `CREATE OR REPLACE VIEW ${ident(CUSTOMER_BASE)} AS
SELECT r.customer_id, ${FIGURE_COLUMNS.map((c) => 'r.' + c).join(', ')},
  s.r_score, s.f_score, s.m_score, s.rfm_cell,
  r.returned_orders, r.relationship_days, ${profitColumns.split(',').map((c) => 'r.' + c.trim()).join(', ')},
  k.profit_rank
FROM ${ident(CUSTOMER_ROWS)} r POSITIONAL JOIN ${ident(SCORE_ROWS)} s POSITIONAL JOIN ${ident(RANK_ROWS)} k;
CREATE OR REPLACE VIEW ${ident(SCORES)} AS
SELECT customer_id, ${FIGURE_COLUMNS.join(', ')}, r_score, f_score, m_score, rfm_cell FROM ${ident(CUSTOMER_BASE)};
CREATE OR REPLACE VIEW ${ident(PROFIT)} AS
SELECT customer_id, orders, returned_orders, relationship_days, ${profitColumns}, profit_rank FROM ${ident(CUSTOMER_BASE)};`;
}

/** Customers with their segment (from the cell map) and, when computed, their profit. */
const CUSTOMERS = `(SELECT b.*, coalesce(c.segment, ${lit(OTHERS)}) AS segment
  FROM ${ident(CUSTOMER_BASE)} b LEFT JOIN ${ident(CELLS)} c USING (rfm_cell))`;

/** SQL condition on customer_segments for a selection. */
export function selectionWhere(sel: Selection): string {
  switch (sel.kind) {
    case 'all':
      return 'true';
    case 'segment':
      return `segment = ${lit(sel.segment)}`;
    case 'cell':
      return `r_score = ${numLit(Math.trunc(sel.r))} AND f_score = ${numLit(Math.trunc(sel.f))}`;
    case 'rank':
      return `profit_rank BETWEEN ${numLit(Math.trunc(sel.from))} AND ${numLit(Math.trunc(sel.to))}`;
    case 'below-adequate':
      return `below_adequate`;
    case 'cohort':
      return cohortCellWhere(sel.cohort, sel.period);
    case 'migration':
      return migrationFlowWhere(sel.before, sel.after);
  }
}

/**
 * Query → the R×F grid: r INTEGER, f INTEGER, customers INTEGER, revenue DOUBLE (sum of net),
 * avg_monetary DOUBLE; only cells with customers.
 */
export function rfGridSql(): string {
  return `SELECT r_score AS r, f_score AS f, CAST(count(*) AS INTEGER) AS customers,
  CAST(sum(net) AS DOUBLE) AS revenue, CAST(avg(monetary) AS DOUBLE) AS avg_monetary
FROM ${ident(CUSTOMER_BASE)} GROUP BY ALL ORDER BY r, f`;
}

const VALUE: Record<Measure, string> = { recency: 'recency_days', frequency: 'frequency', monetary: 'monetary' };

/**
 * Query → the three histograms at once (`bins` bars from the minimum to the 99th percentile, values above it in the last bar): measure VARCHAR, x0 DOUBLE, x1 DOUBLE,
 * count INTEGER, in measure (recency, frequency, monetary) then x order.
 * Recency and frequency are whole numbers with few distinct values: each is counted by value once, and the
 * minimum, the 99th percentile and the bins come from those few rows in integer arithmetic, exactly — with the
 * values sorted x_0 ≤ … ≤ x_{n−1} and h = 0.99·(n − 1), p99 = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋) and the top
 * hi = ⌈p99⌉; width w = max(1, ⌈(hi − lo + 1) ÷ bins⌉); a value v goes in bin min(⌊(v − lo) ÷ w⌋, ⌈(hi − lo) ÷ w⌉).
 * Monetary (mostly distinct decimals): min and p99 (DuckDB's quantile_cont) in one pass, the bins in another;
 * width (p99 − min) ÷ bins (1 when p99 = min); bin min(⌊(v − lo) ÷ w⌋, ⌈(hi − lo) ÷ w⌉ − 1).
 */
export function histogramsSql(bins = 40): string {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a whole number ≥ 1, not ${bins}.`);
  const whole = (i: number, m: Measure) => {
    const c = (x: string) => ident(`${x}_${m}`);
    return {
      ctes: `${c('values')} AS MATERIALIZED (SELECT ${ident(VALUE[m])} AS v, count(*) AS c FROM ${ident(FIGURES)} GROUP BY 1),
${c('cum')} AS (SELECT v, sum(c) OVER (ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto FROM ${c('values')}),
${c('pos')} AS (
  -- h = 0.99·(n − 1) = (99·(n − 1)) ÷ 100: index ⌊h⌋ and the next (0-based), and 100·(h − ⌊h⌋)
  SELECT lo, (99 * (n - 1)) // 100 AS i_lo, least((99 * (n - 1)) // 100 + 1, n - 1) AS i_hi, (99 * (n - 1)) % 100 AS rem
  FROM (SELECT sum(c) AS n, min(v) AS lo FROM ${c('values')}) WHERE n > 0
),
${c('top')} AS (
  SELECT p.lo, x_lo + (p.rem * (x_hi - x_lo) + 99) // 100 AS hi
  FROM ${c('pos')} p,
    LATERAL (SELECT min(v) FILTER (WHERE upto > p.i_lo) AS x_lo, min(v) FILTER (WHERE upto > p.i_hi) AS x_hi FROM ${c('cum')})
),
${c('params')} AS (
  SELECT lo, w, (hi - lo + w - 1) // w AS last
  FROM (SELECT lo, hi, greatest(1, (hi - lo + ${bins}) // ${bins}) AS w FROM ${c('top')})
)`,
      out: `SELECT ${i} AS m, ${lit(m)} AS measure, CAST(p.lo + b * p.w AS DOUBLE) AS x0, CAST(p.lo + (b + 1) * p.w AS DOUBLE) AS x1,
    CAST(n AS INTEGER) AS count
  FROM (SELECT least((v.v - p.lo) // p.w, p.last) AS b, sum(v.c) AS n FROM ${c('values')} v, ${c('params')} p GROUP BY 1) t, ${c('params')} p`,
    };
  };
  const money = (i: number) => {
    const v = `CAST(${ident(VALUE.monetary)} AS DOUBLE)`;
    return {
      ctes: `money_params AS MATERIALIZED (
  SELECT lo, hi, CASE WHEN hi > lo THEN (hi - lo) / ${bins} ELSE 1 END AS w
  FROM (SELECT min(${v}) AS lo, quantile_cont(${v}, 0.99) AS hi FROM ${ident(FIGURES)})
)`,
      out: `SELECT ${i} AS m, 'monetary' AS measure, p.lo + b * p.w AS x0, p.lo + (b + 1) * p.w AS x1, CAST(n AS INTEGER) AS count
  FROM (
    SELECT greatest(least(CAST(floor((${v} - p.lo) / p.w) AS INTEGER), CAST(ceil((p.hi - p.lo) / p.w) AS INTEGER) - 1), 0) AS b, count(*) AS n
    FROM ${ident(FIGURES)}, money_params p GROUP BY 1
  ) t, money_params p`,
    };
  };
  const parts = MEASURES.map((m, i) => (m === 'monetary' ? money(i) : whole(i, m)));
  return `WITH ${parts.map((x) => x.ctes).join(',\n')}
SELECT measure, x0, x1, count FROM (
  ${parts.map((x) => x.out).join('\n  UNION ALL\n  ')}
)
ORDER BY m, x0`;
}

/** Columns of a customers page and of the export, in this order. */
export const CUSTOMER_COLUMNS = [
  'customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'rfm_cell', 'segment',
] as const;
/** Columns the export adds after the RFM ones when profit is known. */
export const PROFIT_COLUMNS = ['gross_margin', 'cost_to_serve', 'profit', 'below_adequate'] as const;
/** Columns the export adds after those when the lifetime-value model is fitted (clv.ts, for the current horizon). */
export const CLV_COLUMNS = ['p_alive', 'expected_orders', 'expected_order_value', 'clv'] as const;
/** The fitted model's per-customer predictions (workers/clv.ts), joined by customer id. */
const CLV_JOIN = `LEFT JOIN (SELECT customer_id, ${CLV_COLUMNS.join(', ')} FROM main.customer_clv) k USING (customer_id)`;
const SORTABLE = new Set<string>([...CUSTOMER_COLUMNS, ...PROFIT_COLUMNS, 'orders', 'first_order', 'last_order', 'profit_rank']);

export interface PageQuery {
  selection: Selection;
  search: string;
  sort: { key: string; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

function searchWhere(search: string): string {
  const s = search.trim();
  if (!s) return 'true';
  return `(contains(lower(customer_id), ${lit(s.toLowerCase())}) OR contains(lower(segment), ${lit(s.toLowerCase())}))`;
}

/** The cells whose segment satisfies a condition on `segment` ('Others' also stands for a cell not in the map). */
function cellsWhere(segmentCondition: string, othersMatch: boolean): string {
  const inMap = `rfm_cell IN (SELECT rfm_cell FROM ${ident(CELLS)} WHERE ${segmentCondition})`;
  return othersMatch ? `(${inMap} OR rfm_cell NOT IN (SELECT rfm_cell FROM ${ident(CELLS)}))` : inMap;
}

/**
 * The same conditions as `selectionWhere` and `searchWhere`, on customer_base alone: a segment becomes the set of
 * its cells, so that the per-customer rows are filtered and sorted before the 125-row cell map is joined.
 */
function baseWhere(sel: Selection, search: string): string {
  const parts: string[] = [];
  if (sel.kind === 'segment') parts.push(cellsWhere(`segment = ${lit(sel.segment)}`, sel.segment === OTHERS));
  else parts.push(selectionWhere(sel));
  const s = search.trim().toLowerCase();
  if (s) {
    parts.push(`(contains(lower(customer_id), ${lit(s)}) OR ${cellsWhere(`contains(lower(segment), ${lit(s)})`, OTHERS.toLowerCase().includes(s))})`);
  }
  return parts.join(' AND ');
}

/** Query → one page of customers (monetary as DOUBLE for display; the export keeps exact text). */
export function customersPageSql(q: PageQuery, withClv = false): string {
  const key = SORTABLE.has(q.sort.key) ? q.sort.key : 'customer_id';
  const dir = q.sort.dir === 'desc' ? 'DESC' : 'ASC';
  const order = `ORDER BY ${ident(key)} ${dir}, customer_id`;
  const window = `LIMIT ${numLit(Math.max(0, Math.trunc(q.limit)))} OFFSET ${numLit(Math.max(0, Math.trunc(q.offset)))}`;
  // Sorting by segment needs the cell map first; any other key sorts customer_base and joins the page's rows.
  const rows = key === 'segment'
    ? `SELECT * FROM ${CUSTOMERS} WHERE ${selectionWhere(q.selection)} AND ${searchWhere(q.search)} ${order} ${window}`
    : `SELECT b.*, coalesce(c.segment, ${lit(OTHERS)}) AS segment
  FROM (SELECT * FROM ${ident(CUSTOMER_BASE)} WHERE ${baseWhere(q.selection, q.search)} ${order} ${window}) b
  LEFT JOIN ${ident(CELLS)} c USING (rfm_cell)`;
  return `SELECT customer_id, recency_days, frequency, CAST(monetary AS DOUBLE) AS monetary, r_score, f_score, m_score,
  rfm_cell, segment, orders, strftime(first_order, '%Y-%m-%d') AS first_order, strftime(last_order, '%Y-%m-%d') AS last_order,
  CAST(gross_margin AS DOUBLE) AS gross_margin, CAST(cost_to_serve AS DOUBLE) AS cost_to_serve, CAST(profit AS DOUBLE) AS profit,
  below_adequate, sink_reason, profit_rank${withClv ? `, ${CLV_COLUMNS.join(', ')}` : ''}
FROM (${rows}) ${withClv ? CLV_JOIN : ''}
${order}`;
}

/** Query → total: the number of customers in a selection after the search. */
export function customersCountSql(selection: Selection, search: string): string {
  return `SELECT CAST(count(*) AS INTEGER) AS total FROM ${ident(CUSTOMER_BASE)}
WHERE ${baseWhere(selection, search)}`;
}

/**
 * Query → the export of a selection: exactly the columns CUSTOMER_COLUMNS with `segment_label` (the segment's label
 * from `labels`) after `segment`, then PROFIT_COLUMNS when profit is known and CLV_COLUMNS when the model is fitted;
 * money as exact DECIMAL; ordered by customer_id.
 */
export function customersExportSql(selection: Selection, withProfit = false, withClv = false, labels: SegmentLabels = {}): string {
  const cols = [...CUSTOMER_COLUMNS, ...(withProfit ? PROFIT_COLUMNS : []), ...(withClv ? CLV_COLUMNS : [])]
    .map((c) => (c === 'segment' ? `${ident(c)}, ${segmentLabelSql(labels)} AS segment_label` : ident(c)))
    .join(', ');
  return `SELECT ${cols} FROM ${CUSTOMERS} ${withClv ? CLV_JOIN : ''} WHERE ${selectionWhere(selection)} ORDER BY customer_id`;
}

/** Query → one customer's figures and scores, monetary as exact text. */
export function customerProfileSql(customerId: string): string {
  return `SELECT customer_id, strftime(first_order, '%Y-%m-%d') AS first_order, strftime(last_order, '%Y-%m-%d') AS last_order,
  orders, recency_days, frequency, CAST(monetary AS VARCHAR) AS monetary, r_score, f_score, m_score, rfm_cell, segment,
  CAST(gross_margin AS VARCHAR) AS gross_margin, CAST(cost_to_serve AS VARCHAR) AS cost_to_serve, CAST(profit AS VARCHAR) AS profit,
  below_adequate, sink_reason
FROM ${CUSTOMERS} WHERE customer_id = ${lit(customerId)}`;
}

/** Query → one customer's orders on or before the analysis date: order_id, order_date, net, lines, is_return. */
export function customerOrdersSql(customerId: string, analysisDate: string): string {
  return `SELECT order_id, strftime(min(order_date), '%Y-%m-%d') AS order_date, CAST(sum(amount) AS DOUBLE) AS net,
  CAST(count(*) AS INTEGER) AS lines, bool_or(is_return) AS is_return
FROM tx WHERE customer_id = ${lit(customerId)}
GROUP BY order_id HAVING min(order_date) <= DATE ${lit(analysisDate)}
ORDER BY min(order_date), order_id`;
}
