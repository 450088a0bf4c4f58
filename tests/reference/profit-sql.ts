/**
 * The reference profit SQL the tests hold the shipping SQL to: a whole customer_profit table with its ranking
 * window, and the profit reports as per-customer aggregates (the worker computes them from cell sums in
 * src/domain/segment-reports.ts). Nothing in src/ or workers/ uses it; it moved here from src/sql/profit.ts.
 */
import { OTHERS } from '../../src/domain/segment-rules';
import { ident, lit, numLit } from '../../src/sql/sql-text';
import { CUSTOMER_SEGMENTS, FIGURES, RULES } from '../../src/sql/rfm';
import { PROFIT, RANK_ORDER, profitCtes, profitSelect, type ProfitParams } from '../../src/sql/profit';

/**
 * Statement → TABLE customer_profit, one row per row of customer_figures:
 *   customer_id VARCHAR, orders INTEGER, returned_orders INTEGER, relationship_days INTEGER,
 *   revenue DECIMAL(18,4) (= net), cogs, gross_margin, order_cost, return_cost, relationship_cost,
 *   cost_to_serve, profit DECIMAL(18,4), below_adequate BOOLEAN, sink_reason VARCHAR,
 *   profit_rank INTEGER (1 = most profitable). (The whale curve sums profits by rank buckets: `whaleCurveSql`.)
 * cogs, gross_margin, profit, below_adequate and sink_reason are NULL when the cost of goods is unknown
 * (no cost in the file and no margin percentage). Definitions in the module comment. Throws on an invalid
 * cost model (see `costModelProblems`).
 */
export function customerProfitSql(p: ProfitParams): string {
  return `CREATE OR REPLACE TABLE ${ident(PROFIT)} AS
WITH ${profitCtes(p, ident(FIGURES))}
SELECT customer_id, orders, returned_orders, relationship_days, ${profitSelect(p)},
  CAST(row_number() OVER rank_order AS INTEGER) AS profit_rank
FROM profited
${RANK_WINDOW}`;
}

/** A SELECT's window for profit_rank: `CAST(row_number() OVER rank_order AS INTEGER) AS profit_rank`. */
export const RANK_WINDOW = `WINDOW rank_order AS (ORDER BY ${RANK_ORDER})`;

/** Segment names in the order of rfm's segmentSummarySql: first rule, 'Others' last. */
export const SEGMENT_NAMES_CTE = `names AS (
  SELECT segment, min(rule_no) AS first_rule
  FROM (SELECT segment, rule_no FROM ${ident(RULES)} UNION ALL SELECT ${lit(OTHERS)}, NULL)
  GROUP BY segment
)`;

/**
 * Query → one row per segment name (order of segmentSummarySql: first rule, 'Others' last; empty segments
 * with 0): segment VARCHAR, customers INTEGER, revenue, gross_margin, cost_to_serve, profit DOUBLE (exact
 * sums converted once; 0 when empty, NULL gross margin and profit when unknown), profit_text VARCHAR
 * (exact), profit_per_customer DOUBLE (NULL when empty or unknown), below_adequate INTEGER (NULL when
 * unknown), pct_below_adequate DOUBLE (0–100 of the segment's customers; NULL when empty or unknown).
 * Needs customer_segments (rfm.ts step 4) and customer_profit.
 */
export function profitBySegmentSql(): string {
  return `WITH ${SEGMENT_NAMES_CTE},
per AS (
  SELECT s.segment, count(*) AS customers, count(p.profit) AS known,
    sum(p.revenue) AS revenue, sum(p.gross_margin) AS gross_margin, sum(p.cost_to_serve) AS cost_to_serve,
    sum(p.profit) AS profit, count(*) FILTER (WHERE p.below_adequate) AS below
  FROM ${ident(CUSTOMER_SEGMENTS)} s JOIN ${ident(PROFIT)} p USING (customer_id)
  GROUP BY s.segment
),
t AS (SELECT count(*) = count(profit) AS known FROM ${ident(PROFIT)})
${PROFIT_BY_SEGMENT_SELECT}`;
}

/**
 * The final SELECT of the profit-by-segment report, over CTEs `names` (segment, first_rule), `per` (segment,
 * customers, revenue, gross_margin, cost_to_serve, profit, below) and `t` (known): shared with cells.ts.
 */
export const PROFIT_BY_SEGMENT_SELECT = `SELECT n.segment,
  CAST(coalesce(p.customers, 0) AS INTEGER) AS customers,
  CAST(coalesce(p.revenue, 0) AS DOUBLE) AS revenue,
  CASE WHEN t.known THEN CAST(coalesce(p.gross_margin, 0) AS DOUBLE) END AS gross_margin,
  CAST(coalesce(p.cost_to_serve, 0) AS DOUBLE) AS cost_to_serve,
  CASE WHEN t.known THEN CAST(coalesce(p.profit, 0) AS DOUBLE) END AS profit,
  CASE WHEN t.known THEN CAST(coalesce(p.profit, CAST(0 AS DECIMAL(38,4))) AS VARCHAR) END AS profit_text,
  CASE WHEN t.known AND p.customers > 0 THEN CAST(p.profit AS DOUBLE) / p.customers END AS profit_per_customer,
  CASE WHEN t.known THEN CAST(coalesce(p.below, 0) AS INTEGER) END AS below_adequate,
  CASE WHEN t.known AND p.customers > 0 THEN 100.0 * p.below / p.customers END AS pct_below_adequate
FROM names n LEFT JOIN per p USING (segment), t
ORDER BY n.first_rule NULLS LAST`;

/**
 * Query → the segment × profit-decile matrix: segment VARCHAR, decile INTEGER (1 = the most profitable
 * 10 % of all customers), customers INTEGER, profit DOUBLE (sum; 0 when empty); every segment name
 * (segmentSummarySql order) × deciles 1..10, empty cells with 0. Deciles from profit_rank (module comment).
 */
export function segmentProfitDecileSql(): string {
  return `WITH ${SEGMENT_NAMES_CTE},
n AS (SELECT count(*) AS n FROM ${ident(PROFIT)}),
ranked AS (
  SELECT s.segment, (p.profit_rank - 1) * 10 // n.n + 1 AS decile, p.profit
  FROM ${ident(CUSTOMER_SEGMENTS)} s JOIN ${ident(PROFIT)} p USING (customer_id), n
),
counted AS (SELECT segment, decile, count(*) AS customers, sum(profit) AS profit FROM ranked GROUP BY ALL),
grid AS (SELECT segment, first_rule, CAST(d AS INTEGER) AS decile FROM names, range(1, 11) AS t(d))
SELECT g.segment, g.decile, CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
  CAST(coalesce(c.profit, 0) AS DOUBLE) AS profit
FROM grid g LEFT JOIN counted c ON c.segment = g.segment AND c.decile = g.decile
ORDER BY g.first_rule NULLS LAST, g.decile`;
}

const CUSTOMER_COLUMNS = `customer_id, profit_rank, orders, returned_orders, relationship_days,
  CAST(revenue AS DOUBLE) AS revenue, CAST(cogs AS DOUBLE) AS cogs, CAST(gross_margin AS DOUBLE) AS gross_margin,
  CAST(order_cost AS DOUBLE) AS order_cost, CAST(return_cost AS DOUBLE) AS return_cost,
  CAST(relationship_cost AS DOUBLE) AS relationship_cost, CAST(cost_to_serve AS DOUBLE) AS cost_to_serve,
  CAST(profit AS DOUBLE) AS profit, CAST(profit AS VARCHAR) AS profit_text, below_adequate, sink_reason`;

/**
 * Query → the customers below the adequate level, profit ascending (ties by customer_id), at most
 * `limit` rows when given: customer_id, profit_rank, orders, returned_orders, relationship_days,
 * revenue, cogs, gross_margin, order_cost, return_cost, relationship_cost, cost_to_serve, profit DOUBLE,
 * profit_text VARCHAR (exact), below_adequate, sink_reason. No rows when profit is unknown.
 */
export function unprofitableSql(limit?: number): string {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new Error(`Bad limit: ${limit}`);
  return `SELECT ${CUSTOMER_COLUMNS}
FROM ${ident(PROFIT)} WHERE below_adequate
ORDER BY profit, customer_id${limit !== undefined ? `\nLIMIT ${numLit(limit)}` : ''}`;
}

/**
 * Query → the customers whose profit_rank is in [from, to] (inclusive; ranks of the whale curve, where
 * point k is the k-th customer), rank order, same columns as `unprofitableSql`.
 */
export function customersByProfitRankSql(from: number, to: number): string {
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new Error(`Ranks must be whole numbers: ${from}, ${to}.`);
  return `SELECT ${CUSTOMER_COLUMNS}
FROM ${ident(PROFIT)} WHERE profit_rank BETWEEN ${numLit(from)} AND ${numLit(to)}
ORDER BY profit_rank`;
}
