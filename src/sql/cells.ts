/**
 * The segment reports computed from the score cells instead of from every customer.
 *
 * Segment rules act on the bins³ score cells only, so everything a rule edit changes can be derived from
 * per-cell sums taken once after scoring (and after the cost model changes): a rule edit then reads
 * at most 125 rows, whatever the number of customers. The outputs have exactly the columns and order of
 * rfm.ts's segmentSummarySql and ruleCountsSql and of profit.ts's profitBySegmentSql and
 * segmentProfitDecileSql, which read every customer (tests check that both give the same figures).
 *
 * Inputs: customer_base (views.ts: figures, scores and profit in one table, built just before), cell_segments,
 * segment_rules.
 * Tables: cell_stats(rfm_cell, customers, net, sum_recency, sum_frequency, sum_monetary, known, gross_margin,
 *   cost_to_serve, profit, below) and cell_deciles(rfm_cell, decile, customers, profit).
 */
import { OTHERS } from '../domain/segment-rules';
import { CELLS, RULES } from './rfm';
import { PROFIT_BY_SEGMENT_SELECT, SEGMENT_NAMES_CTE } from './profit';
import { CUSTOMER_BASE } from './views';
import { ident, lit } from './sql-text';

/** Statement → TABLE cell_stats: per score cell, the sums every segment report needs (exact DECIMAL). */
export function cellStatsSql(): string {
  return `CREATE OR REPLACE TABLE cell_stats AS
SELECT rfm_cell, count(*) AS customers, sum(net) AS net, sum(recency_days) AS sum_recency,
  sum(frequency) AS sum_frequency, sum(monetary) AS sum_monetary,
  count(profit) AS known, sum(gross_margin) AS gross_margin, sum(cost_to_serve) AS cost_to_serve,
  sum(profit) AS profit, count(*) FILTER (WHERE below_adequate) AS below
FROM ${ident(CUSTOMER_BASE)}
GROUP BY rfm_cell`;
}

/** Statement → TABLE cell_deciles: customers and profit per score cell and profit decile (1 = top 10 %). */
export function cellDecilesSql(): string {
  return `CREATE OR REPLACE TABLE cell_deciles AS
WITH n AS (SELECT count(*) AS n FROM ${ident(CUSTOMER_BASE)})
SELECT b.rfm_cell, (b.profit_rank - 1) * 10 // n.n + 1 AS decile, count(*) AS customers, sum(b.profit) AS profit
FROM ${ident(CUSTOMER_BASE)} b, n
GROUP BY ALL`;
}

const PER_SEGMENT = `SELECT coalesce(c.segment, ${lit(OTHERS)}) AS segment, c.rule_no, s.*
  FROM cell_stats s LEFT JOIN ${ident(CELLS)} c USING (rfm_cell)`;

/** Query → the segment table (as segmentSummarySql) from cell_stats. */
export function segmentSummaryFromCellsSql(): string {
  return `WITH ${SEGMENT_NAMES_CTE},
per AS (
  SELECT segment, sum(customers) AS customers, sum(net) AS revenue, sum(sum_recency) AS sr, sum(sum_frequency) AS sf,
    sum(sum_monetary) AS sm
  FROM (${PER_SEGMENT}) GROUP BY segment
),
total AS (SELECT sum(customers) AS customers, sum(net) AS revenue FROM cell_stats)
SELECT n.segment,
  CAST(coalesce(p.customers, 0) AS INTEGER) AS customers,
  CASE WHEN t.customers > 0 THEN 100.0 * coalesce(p.customers, 0) / t.customers END AS pct_customers,
  CAST(coalesce(p.revenue, 0) AS DOUBLE) AS revenue,
  CASE WHEN t.revenue <> 0 THEN 100.0 * CAST(coalesce(p.revenue, 0) AS DOUBLE) / CAST(t.revenue AS DOUBLE) END AS pct_revenue,
  CAST(p.sr AS DOUBLE) / p.customers AS avg_recency,
  CAST(p.sf AS DOUBLE) / p.customers AS avg_frequency,
  CAST(p.sm AS DOUBLE) / p.customers AS avg_monetary
FROM names n LEFT JOIN per p USING (segment), total t
ORDER BY n.first_rule NULLS LAST`;
}

/** Query → customers per rule (as ruleCountsSql) from cell_stats. */
export function ruleCountsFromCellsSql(): string {
  return `WITH taken AS (
  SELECT c.rule_no, count(*) AS cells, coalesce(sum(s.customers), 0) AS customers
  FROM ${ident(CELLS)} c LEFT JOIN cell_stats s USING (rfm_cell) GROUP BY c.rule_no
)
SELECT rule_no, segment, cells, customers FROM (
  SELECT r.rule_no, r.segment, CAST(coalesce(t.cells, 0) AS INTEGER) AS cells, CAST(coalesce(t.customers, 0) AS INTEGER) AS customers
  FROM ${ident(RULES)} r LEFT JOIN taken t USING (rule_no)
  UNION ALL
  SELECT NULL, ${lit(OTHERS)}, CAST(coalesce(t.cells, 0) AS INTEGER), CAST(coalesce(t.customers, 0) AS INTEGER)
  FROM (SELECT 1) LEFT JOIN taken t ON t.rule_no IS NULL
)
ORDER BY rule_no NULLS LAST`;
}

/** Query → profit by segment (as profitBySegmentSql) from cell_stats. */
export function profitBySegmentFromCellsSql(): string {
  return `WITH ${SEGMENT_NAMES_CTE},
per AS (
  SELECT segment, sum(customers) AS customers, sum(net) AS revenue, sum(gross_margin) AS gross_margin,
    sum(cost_to_serve) AS cost_to_serve, sum(profit) AS profit, sum(below) AS below
  FROM (${PER_SEGMENT}) GROUP BY segment
),
t AS (SELECT sum(customers) = sum(known) AS known FROM cell_stats)
${PROFIT_BY_SEGMENT_SELECT}`;
}

/** Query → the segment × profit-decile matrix (as segmentProfitDecileSql) from cell_deciles. */
export function segmentDecilesFromCellsSql(): string {
  return `WITH ${SEGMENT_NAMES_CTE},
counted AS (
  SELECT coalesce(c.segment, ${lit(OTHERS)}) AS segment, d.decile, sum(d.customers) AS customers, sum(d.profit) AS profit
  FROM cell_deciles d LEFT JOIN ${ident(CELLS)} c USING (rfm_cell) GROUP BY ALL
),
grid AS (SELECT segment, first_rule, CAST(d AS INTEGER) AS decile FROM names, range(1, 11) AS t(d))
SELECT g.segment, g.decile, CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
  CAST(coalesce(c.profit, 0) AS DOUBLE) AS profit
FROM grid g LEFT JOIN counted c ON c.segment = g.segment AND c.decile = g.decile
ORDER BY g.first_rule NULLS LAST, g.decile`;
}
