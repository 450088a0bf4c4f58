/**
 * Data-quality summary of the analysed transactions.
 *
 * Inputs: tx, tx_orders (rfm.ts's ordersTableSql: an order is an order id of one customer), excluded (from
 * transactions.ts), tx_all (every row read and kept, used or not) and the rejects table.
 * Output: one row — rows_read, rows_used, customers, orders, first_order, last_order, revenue (DECIMAL as
 * text, exact), return_rows, return_orders, orders_not_positive; and reasonsSql: (reason, rows) for every
 * row not used, rows DuckDB could not split included as 'malformed'.
 */
import { ident } from './sql-text';

/** One-row summary of tx against what was read: one scan of the lines, one of the orders. */
export function qualitySummarySql(all: string, rejects: string): string {
  return `
WITH lines AS (
  SELECT count(*) AS rows_used, CAST(min(order_date) AS VARCHAR) AS first_order,
    CAST(max(order_date) AS VARCHAR) AS last_order, CAST(coalesce(sum(amount), 0) AS VARCHAR) AS revenue,
    count(*) FILTER (WHERE is_return) AS return_rows
  FROM tx
), orders AS (
  SELECT count(*) AS orders, count(*) FILTER (WHERE has_return) AS return_orders,
    count(*) FILTER (WHERE net <= 0) AS orders_not_positive
  FROM tx_orders
), customers AS (
  SELECT count(*) AS customers FROM (SELECT customer_id FROM tx_orders GROUP BY customer_id)
)
SELECT
  (SELECT count(*) FROM ${ident(all)}) + (SELECT count(*) FROM ${ident(rejects)}) AS rows_read,
  l.rows_used, c.customers, o.orders, l.first_order, l.last_order, l.revenue, l.return_rows, o.return_orders,
  o.orders_not_positive
FROM lines l, orders o, customers c`;
}

/** Rows not used, counted per reason (reasons with no row are left out). */
export function exclusionCountsSql(rejects: string, excluded = 'excluded'): string {
  return `
SELECT reason, count(*) AS rows FROM ${ident(excluded)} GROUP BY reason
UNION ALL
SELECT 'malformed' AS reason, count(*) AS rows FROM ${ident(rejects)} HAVING count(*) > 0
ORDER BY rows DESC, reason`;
}
