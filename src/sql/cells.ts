/**
 * The per-cell sums from which the segment reports are computed.
 *
 * Segment rules act on the bins³ score cells only, so everything a rule edit changes can be derived from
 * per-cell sums read once after scoring (and after the cost model changes): src/domain/segment-reports.ts then
 * answers every rule edit in TypeScript, whatever the number of customers, without a query. Money sums come as
 * exact decimal text.
 *
 * Input: customer_base (views.ts: figures, scores and profit in one table).
 */
import { CUSTOMER_BASE } from './views';
import { ident } from './sql-text';

/**
 * Query → per score cell (rows in no order): rfm_cell INTEGER, customers INTEGER, net VARCHAR (exact sum),
 * sum_recency VARCHAR, sum_frequency VARCHAR (integer sums), sum_monetary VARCHAR, known INTEGER (customers
 * with a known profit), gross_margin VARCHAR (NULL when no profit is known in the cell), cost_to_serve VARCHAR,
 * profit VARCHAR (NULL as gross_margin), below INTEGER (customers below the adequate level). See `CellStat`.
 */
export function cellStatsSql(): string {
  return `SELECT rfm_cell, CAST(count(*) AS INTEGER) AS customers, CAST(sum(net) AS VARCHAR) AS net,
  CAST(sum(recency_days) AS VARCHAR) AS sum_recency, CAST(sum(frequency) AS VARCHAR) AS sum_frequency,
  CAST(sum(monetary) AS VARCHAR) AS sum_monetary, CAST(count(profit) AS INTEGER) AS known,
  CAST(sum(gross_margin) AS VARCHAR) AS gross_margin, CAST(sum(cost_to_serve) AS VARCHAR) AS cost_to_serve,
  CAST(sum(profit) AS VARCHAR) AS profit, CAST(count(*) FILTER (WHERE below_adequate) AS INTEGER) AS below
FROM ${ident(CUSTOMER_BASE)}
GROUP BY rfm_cell`;
}

/**
 * Query → customers and profit per score cell and profit decile (1 = the most profitable 10 % of all customers,
 * decile = ⌊(profit_rank − 1) × 10 ÷ n⌋ + 1): rfm_cell INTEGER, decile INTEGER, customers INTEGER,
 * profit VARCHAR (exact sum; NULL when unknown). See `CellDecile`.
 */
export function cellDecilesSql(): string {
  return `WITH n AS (SELECT count(*) AS n FROM ${ident(CUSTOMER_BASE)})
SELECT b.rfm_cell, CAST((b.profit_rank - 1) * 10 // n.n + 1 AS INTEGER) AS decile, CAST(count(*) AS INTEGER) AS customers,
  CAST(sum(b.profit) AS VARCHAR) AS profit
FROM ${ident(CUSTOMER_BASE)} b, n
GROUP BY ALL`;
}
