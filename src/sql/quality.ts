/**
 * Data-quality summary of the analysed transactions.
 *
 * Inputs: tx, tx_orders (rfm.ts's ordersTableSql: an order is an order id of one customer), excluded (from
 * transactions.ts), the staging table and its rejects table.
 * Output: one row — rows_read, rows_used, customers, orders, first_order, last_order, revenue (DECIMAL as
 * text, exact), return_rows, return_orders, orders_not_positive; and reasonsSql: (reason, rows) for every
 * row not used, rows DuckDB could not split included as 'malformed'.
 */
import { ident } from './sql-text';

/** One-row summary of tx against what was read. */
export function qualitySummarySql(staging: string, rejects: string): string {
  return `
WITH orders AS (SELECT net, has_return FROM tx_orders), customers AS (
  SELECT customer_id FROM tx_orders GROUP BY customer_id
)
SELECT
  (SELECT count(*) FROM ${ident(staging)}) + (SELECT count(*) FROM ${ident(rejects)}) AS rows_read,
  (SELECT count(*) FROM tx) AS rows_used,
  (SELECT count(*) FROM customers) AS customers,
  (SELECT count(*) FROM orders) AS orders,
  (SELECT CAST(min(order_date) AS VARCHAR) FROM tx) AS first_order,
  (SELECT CAST(max(order_date) AS VARCHAR) FROM tx) AS last_order,
  (SELECT CAST(coalesce(sum(amount), 0) AS VARCHAR) FROM tx) AS revenue,
  (SELECT count(*) FROM tx WHERE is_return) AS return_rows,
  (SELECT count(*) FROM orders WHERE has_return) AS return_orders,
  (SELECT count(*) FROM orders WHERE net <= 0) AS orders_not_positive`;
}

/** Rows not used, counted per reason (reasons with no row are left out). */
export function exclusionCountsSql(rejects: string): string {
  return `
SELECT reason, count(*) AS rows FROM excluded GROUP BY reason
UNION ALL
SELECT 'malformed' AS reason, count(*) AS rows FROM ${ident(rejects)} HAVING count(*) > 0
ORDER BY rows DESC, reason`;
}
