/**
 * Cohorts: how each month's (or quarter's) new customers keep buying.
 *
 * Input: tx_orders (rfm.ts: one row per order, order_date = its first line's day, net DECIMAL(18,4)).
 * Parameters: the analysis date A (orders on or before A count, as in the RFM analysis) and the grain.
 * Output: TABLE customer_cohorts(customer_id, cohort DATE NULL) — every customer with an order on or before A;
 *   TABLE cohort_activity(customer_id, cohort DATE, period INTEGER, active BOOLEAN, net DECIMAL(18,4)) — one row
 *   per customer and period in which it has an order on or after its cohort's start.
 *
 * Definitions (exact):
 * - A customer's cohort = the calendar month (or quarter) of its first order with a positive net; a customer with
 *   none has no cohort (counted by `cohortTotalsSql`).
 * - Period k = whole calendar months (quarters) from the cohort's start to the order's month (quarter); k = 0 is
 *   the cohort month. Orders before the cohort's start (a first order that is a return or worth 0, in an earlier
 *   month) belong to no cell.
 * - Active in period k = an order with a positive net in it; revenue = the net of every order in it (returns
 *   subtract). Retention(c, k) = active ÷ cohort customers.
 * - Every period from 0 to the month (quarter) of A is listed for every cohort, zeros included; the last one is
 *   partial when A is before its last day.
 */
import { ORDERS } from './rfm';
import { dateLit, ident, lit, numLit } from './sql-text';

export type CohortGrain = 'month' | 'quarter';

export const CUSTOMER_COHORTS = 'customer_cohorts';
export const COHORT_ACTIVITY = 'cohort_activity';

function checkGrain(grain: CohortGrain): void {
  if (grain !== 'month' && grain !== 'quarter') throw new Error(`Unknown cohort grain: ${String(grain)}`);
}

/** Statements → TABLES customer_cohorts and cohort_activity at analysis date `analysisDate` (ISO day). */
export function cohortTablesSql(analysisDate: string, grain: CohortGrain): string {
  checkGrain(grain);
  const a = dateLit(analysisDate);
  const start = (d: string) => `CAST(date_trunc('${grain}', ${d}) AS DATE)`;
  return `CREATE OR REPLACE TABLE ${ident(CUSTOMER_COHORTS)} AS
SELECT customer_id, ${start('min(order_date) FILTER (WHERE net > 0)')} AS cohort
FROM ${ident(ORDERS)} WHERE order_date <= ${a} GROUP BY customer_id;
CREATE OR REPLACE TABLE ${ident(COHORT_ACTIVITY)} AS
SELECT o.customer_id, c.cohort, CAST(datediff('${grain}', c.cohort, ${start('o.order_date')}) AS INTEGER) AS period,
  bool_or(o.net > 0) AS active, CAST(sum(o.net) AS DECIMAL(18,4)) AS net
FROM ${ident(ORDERS)} o JOIN ${ident(CUSTOMER_COHORTS)} c USING (customer_id)
WHERE o.order_date <= ${a} AND c.cohort IS NOT NULL AND o.order_date >= c.cohort
GROUP BY o.customer_id, c.cohort, 3;`;
}

/** A cohort's label: 'YYYY-MM', or 'YYYY-Qn' by quarter. */
function labelExpr(grain: CohortGrain, d: string): string {
  return grain === 'month' ? `strftime(${d}, '%Y-%m')` : `strftime(${d}, '%Y') || '-Q' || CAST(quarter(${d}) AS VARCHAR)`;
}

/**
 * Query → every cell of the triangle, in cohort then period order: cohort VARCHAR (label), period INTEGER,
 * cohort_customers INTEGER, active_customers INTEGER, retention DOUBLE (0..1), revenue VARCHAR (exact decimal),
 * partial BOOLEAN. Run after `cohortTablesSql` with the same date and grain.
 */
export function cohortCellsSql(analysisDate: string, grain: CohortGrain): string {
  checkGrain(grain);
  const a = dateLit(analysisDate);
  const last = `CAST(date_trunc('${grain}', ${a}) AS DATE)`;
  const lastDay = `CAST(${last} + INTERVAL 1 ${grain === 'month' ? 'MONTH' : 'QUARTER'} - INTERVAL 1 DAY AS DATE)`;
  return `WITH sizes AS (
  SELECT cohort, count(*) AS n FROM ${ident(CUSTOMER_COHORTS)} WHERE cohort IS NOT NULL GROUP BY cohort
), grid AS (
  SELECT cohort, n, CAST(unnest(range(0, datediff('${grain}', cohort, ${last}) + 1)) AS INTEGER) AS period FROM sizes
), cells AS (
  SELECT cohort, period, count(*) FILTER (WHERE active) AS active, sum(net) AS revenue
  FROM ${ident(COHORT_ACTIVITY)} GROUP BY cohort, period
)
SELECT ${labelExpr(grain, 'g.cohort')} AS cohort, g.period, CAST(g.n AS INTEGER) AS cohort_customers,
  CAST(coalesce(c.active, 0) AS INTEGER) AS active_customers, coalesce(c.active, 0) / g.n AS retention,
  CAST(CAST(coalesce(c.revenue, 0) AS DECIMAL(18,4)) AS VARCHAR) AS revenue,
  g.period = datediff('${grain}', g.cohort, ${last}) AND ${a} < ${lastDay} AS partial
FROM grid g LEFT JOIN cells c USING (cohort, period)
ORDER BY g.cohort, g.period`;
}

/** Query → one row: customers INTEGER (with an order on or before A), without_cohort INTEGER (no positive order). */
export function cohortTotalsSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS customers, CAST(count(*) FILTER (WHERE cohort IS NULL) AS INTEGER) AS without_cohort
FROM ${ident(CUSTOMER_COHORTS)}`;
}

/** SQL condition on customer_id: the customers of a cohort (its label, which names the grain) active in a period. */
export function cohortCellWhere(cohort: string, period: number): string {
  if (!Number.isInteger(period) || period < 0) throw new Error(`Not a period: ${period}`);
  const grain: CohortGrain = /-Q[1-4]$/.test(cohort) ? 'quarter' : 'month';
  return `customer_id IN (SELECT customer_id FROM main.${ident(COHORT_ACTIVITY)}
  WHERE active AND period = ${numLit(period)} AND ${labelExpr(grain, 'cohort')} = ${lit(cohort)})`;
}

/** Query → cohorts.csv's columns (retention to 10 decimals, revenue exact), in cohort then period order. */
export function cohortsExportSql(analysisDate: string, grain: CohortGrain): string {
  return `SELECT cohort, period, cohort_customers, active_customers, round(retention, 10) AS retention, revenue
FROM (${cohortCellsSql(analysisDate, grain)})`;
}
