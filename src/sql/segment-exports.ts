/**
 * The segment table and the profit-by-segment table as files (segments.csv / .parquet, profit-by-segment.csv /
 * .parquet): the figures the views show, from the same tables (customer_base beside cell_segments, in the
 * analysis's schema), with money as exact DECIMAL(18,4) sums instead of the views' floats.
 *
 * Inputs: customer_base (views.ts), cell_segments (rfm.ts), and the segment names in report order (the order of
 * each name's first rule, then 'Others': segmentNames), so that a segment without customers has its row of zeros.
 */
import { ident, lit } from './sql-text';
import { CELLS } from './rfm';
import { CUSTOMER_BASE } from './views';
import { OTHERS } from '../domain/segment-rules';
import { segmentLabelSql, type SegmentLabels } from './segment-labels';

/** Which report table is exported. */
export type SegmentReportName = 'segments' | 'profit-by-segment';

/** Each report's query and its money columns (DECIMAL(18,4); the CSV writes them as exact decimal text). */
export function segmentReportExport(
  report: SegmentReportName, segments: readonly string[], labels: SegmentLabels = {},
): { sql: string; money: string[] } {
  return report === 'segments'
    ? { sql: segmentTableExportSql(segments, labels), money: ['revenue', 'avg_monetary'] }
    : { sql: profitBySegmentExportSql(segments, labels), money: ['revenue', 'gross_margin', 'cost_to_serve', 'profit', 'profit_per_customer'] };
}

const names = (segments: readonly string[]) => {
  const list = segments.length ? `[${segments.map(lit).join(', ')}]` : 'CAST([] AS VARCHAR[])';
  return `names AS (SELECT unnest(${list}) AS segment, generate_subscripts(${list}, 1) AS position)`;
};

const segmented = `customers AS (
  SELECT b.*, coalesce(c.segment, ${lit(OTHERS)}) AS segment
  FROM ${ident(CUSTOMER_BASE)} b LEFT JOIN ${ident(CELLS)} c USING (rfm_cell)
)`;

const money = (expr: string) => `CAST(${expr} AS DECIMAL(18,4))`;

/**
 * An exact mean of a DECIMAL(·,4) sum over `n` > 0 rows, rounded half away from zero to 4 decimals: in integer
 * units of 0.0001 (DuckDB divides decimals in binary floating point).
 */
const moneyMean = (sum: string, n: string) => {
  const u = `CAST(${sum} * 10000 AS HUGEINT)`;
  return money(`CAST(sign(${u}) * ((abs(${u}) * 2 + ${n}) // (2 * ${n})) AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(5,4))`);
};

/**
 * Query → one row per segment, in report order: segment VARCHAR (the stable name), segment_label VARCHAR (its
 * label in `labels`, else the name), customers INTEGER, pct_customers DOUBLE
 * (% of all customers, 10 decimals), revenue DECIMAL(18,4) (sum of net), pct_revenue DOUBLE (% of total
 * revenue, NULL when that is 0), avg_recency DOUBLE, avg_frequency DOUBLE (4 decimals), avg_monetary
 * DECIMAL(18,4) (sum of monetary ÷ customers, half away from zero); averages NULL without customers.
 */
export function segmentTableExportSql(segments: readonly string[], labels: SegmentLabels = {}): string {
  return `WITH ${names(segments)}, ${segmented},
per AS (
  SELECT segment, count(*) AS customers, sum(net) AS revenue, sum(recency_days) AS recency, sum(frequency) AS frequency,
    sum(monetary) AS monetary
  FROM customers GROUP BY segment
),
total AS (SELECT count(*) AS customers, sum(net) AS revenue FROM customers)
SELECT n.segment, ${segmentLabelSql(labels)} AS segment_label, CAST(coalesce(p.customers, 0) AS INTEGER) AS customers,
  CASE WHEN t.customers > 0 THEN round(100.0 * coalesce(p.customers, 0) / t.customers, 10) END AS pct_customers,
  ${money('coalesce(p.revenue, 0)')} AS revenue,
  CASE WHEN t.revenue <> 0 THEN round(100.0 * CAST(coalesce(p.revenue, 0) AS DOUBLE) / CAST(t.revenue AS DOUBLE), 10) END AS pct_revenue,
  round(p.recency / p.customers, 4) AS avg_recency, round(p.frequency / p.customers, 4) AS avg_frequency,
  ${moneyMean('p.monetary', 'p.customers')} AS avg_monetary
FROM names n LEFT JOIN per p USING (segment), total t
ORDER BY n.position`;
}

/**
 * Query → one row per segment, in report order: segment VARCHAR, segment_label VARCHAR, customers INTEGER, revenue, gross_margin,
 * cost_to_serve, profit, profit_per_customer DECIMAL(18,4) (gross_margin, profit and profit_per_customer NULL
 * when profit is unknown; profit_per_customer rounded half away from zero), below_adequate INTEGER and
 * pct_below_adequate DOUBLE (10 decimals), NULL when profit is unknown.
 */
export function profitBySegmentExportSql(segments: readonly string[], labels: SegmentLabels = {}): string {
  return `WITH ${names(segments)}, ${segmented},
per AS (
  SELECT segment, count(*) AS customers, sum(revenue) AS revenue, sum(gross_margin) AS gross_margin,
    sum(cost_to_serve) AS cost_to_serve, sum(profit) AS profit, count(*) FILTER (WHERE below_adequate) AS below
  FROM customers GROUP BY segment
),
t AS (SELECT count(*) > 0 AND count(*) = count(profit) AS known FROM customers)
SELECT n.segment, ${segmentLabelSql(labels)} AS segment_label, CAST(coalesce(p.customers, 0) AS INTEGER) AS customers,
  ${money('coalesce(p.revenue, 0)')} AS revenue,
  CASE WHEN t.known THEN ${money('coalesce(p.gross_margin, 0)')} END AS gross_margin,
  ${money('coalesce(p.cost_to_serve, 0)')} AS cost_to_serve,
  CASE WHEN t.known THEN ${money('coalesce(p.profit, 0)')} END AS profit,
  CASE WHEN t.known AND p.customers > 0 THEN ${moneyMean('p.profit', 'p.customers')} END AS profit_per_customer,
  CASE WHEN t.known THEN CAST(coalesce(p.below, 0) AS INTEGER) END AS below_adequate,
  CASE WHEN t.known AND p.customers > 0 THEN round(100.0 * p.below / p.customers, 10) END AS pct_below_adequate
FROM names n LEFT JOIN per p USING (segment), t
ORDER BY n.position`;
}
