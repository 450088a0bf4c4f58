/**
 * The calibration summary of the lifetime-value models (BG/NBD, Gamma-Gamma; src/domain/clv/), and the tables of
 * their per-customer predictions.
 *
 * Input: tx (transactions.ts: one row per line, amount DECIMAL(18,4), is_return).
 * Definitions (exact; Fader, Hardie and Lee 2005):
 * - Purchase lines: lines that are not returns or cancellations (is_return false, amount ≥ 0). A zero-value purchase
 *   line counts.
 * - Transaction: one customer on one calendar day with at least one purchase line; its value = the sum of those
 *   lines (DECIMAL). Only days on or before the analysis date count.
 * - Calibration end E (a day, included). Per customer with a first transaction day on or before E, over its days
 *   up to E: x = days − 1; t_x = (last day − first day) ÷ 7 weeks; T = (E − first day) ÷ 7 weeks; m_x = (sum of
 *   the values − the first day's value) ÷ x (the mean of the repeat days; 0 when x = 0). Whole days are kept
 *   (t_days, age_days), so triples group exactly.
 * - Holdout: the days after E up to the analysis date (the model check).
 */
import { dateLit, ident } from './sql-text';

export const CLV_DAYS = 'clv_days';
export const CLV_SUMMARY = 'clv_summary';
export const CLV_PREDICTIONS = 'customer_clv';

/** Statement → TABLE clv_days(customer_id, day DATE, value DECIMAL(18,4)): the transactions up to the analysis date. */
export function clvDaysSql(analysisDate: string): string {
  return `CREATE OR REPLACE TABLE main.${ident(CLV_DAYS)} AS
SELECT customer_id, order_date AS day, CAST(sum(amount) AS DECIMAL(18,4)) AS value
FROM tx WHERE NOT is_return AND amount >= 0 AND order_date <= ${dateLit(analysisDate)}
GROUP BY customer_id, order_date`;
}

/**
 * Statement → TABLE clv_summary(customer_id, x INTEGER, t_days INTEGER, age_days INTEGER, t_x DOUBLE, T DOUBLE,
 * m_x DOUBLE, first_day DATE), one row per customer whose first transaction is on or before `calibrationEnd`.
 */
export function clvSummarySql(calibrationEnd: string): string {
  const e = dateLit(calibrationEnd);
  return `CREATE OR REPLACE TABLE main.${ident(CLV_SUMMARY)} AS
SELECT customer_id, x, t_days, age_days, t_days / 7 AS t_x, age_days / 7 AS T,
  CASE WHEN x > 0 THEN CAST((total - first_value) / x AS DOUBLE) ELSE 0 END AS m_x, first_day
FROM (
  SELECT customer_id, CAST(count(*) - 1 AS INTEGER) AS x, min(day) AS first_day,
    CAST(datediff('day', min(day), max(day)) AS INTEGER) AS t_days,
    CAST(datediff('day', min(day), ${e}) AS INTEGER) AS age_days,
    sum(value) AS total, arg_min(value, day) AS first_value
  FROM main.${ident(CLV_DAYS)} WHERE day <= ${e} GROUP BY customer_id
)`;
}

/**
 * Query → one row: customers INTEGER (in the fit), repeat_customers INTEGER (x > 0), later INTEGER (first
 * transaction after E: left out of the fit), sum_x, sum_t_x, sum_T, sum_m_x DOUBLE, max_T DOUBLE (weeks),
 * last_day VARCHAR (the last transaction day up to the analysis date).
 */
export function clvSummaryTotalsSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS customers, CAST(count(*) FILTER (WHERE x > 0) AS INTEGER) AS repeat_customers,
  CAST((SELECT count(DISTINCT customer_id) FROM main.${ident(CLV_DAYS)}) - count(*) AS INTEGER) AS later,
  CAST(coalesce(sum(x), 0) AS DOUBLE) AS sum_x, coalesce(sum(t_x), 0) AS sum_t_x, coalesce(sum(T), 0) AS sum_T,
  coalesce(sum(m_x), 0) AS sum_m_x, coalesce(max(T), 0) AS max_T,
  (SELECT strftime(max(day), '%Y-%m-%d') FROM main.${ident(CLV_DAYS)}) AS last_day
FROM main.${ident(CLV_SUMMARY)}`;
}

/** Query → the distinct (x, t_days, age_days) with their customer counts n (the BG/NBD fit's input). */
export function clvTriplesSql(): string {
  return `SELECT x, t_days, age_days, CAST(count(*) AS INTEGER) AS n FROM main.${ident(CLV_SUMMARY)} GROUP BY ALL`;
}

/** Query → the distinct (x, m_x) of customers with x > 0 and m_x > 0, with counts (the Gamma-Gamma fit's input). */
export function clvSpendRowsSql(): string {
  return `SELECT x, m_x, CAST(count(*) AS INTEGER) AS n FROM main.${ident(CLV_SUMMARY)} WHERE x > 0 AND m_x > 0 GROUP BY ALL`;
}

/**
 * Query → the model check's actual repeat transactions per week since the first transaction day of the data
 * (week w covers days 7(w−1)+1 … 7w after it), for the customers in the fit: week INTEGER, repeats INTEGER.
 * A repeat transaction is any transaction day after the customer's first, calibration or holdout.
 */
export function repeatsByWeekSql(): string {
  return `WITH origin AS (SELECT min(first_day) AS d0 FROM main.${ident(CLV_SUMMARY)})
SELECT CAST(ceil(datediff('day', origin.d0, d.day) / 7) AS INTEGER) AS week, CAST(count(*) AS INTEGER) AS repeats
FROM main.${ident(CLV_DAYS)} d JOIN main.${ident(CLV_SUMMARY)} s USING (customer_id), origin
WHERE d.day > s.first_day GROUP BY 1 ORDER BY 1`;
}

/** Query → customers per first transaction day, as days since the data's first transaction day: offset INTEGER, n INTEGER. */
export function firstDaysSql(): string {
  return `WITH origin AS (SELECT min(first_day) AS d0 FROM main.${ident(CLV_SUMMARY)})
SELECT CAST(datediff('day', origin.d0, first_day) AS INTEGER) AS offset, CAST(count(*) AS INTEGER) AS n
FROM main.${ident(CLV_SUMMARY)}, origin GROUP BY 1 ORDER BY 1`;
}

/**
 * Query → per calibration frequency group (x = 0 … 6, and 7 for 7+): customers, the actual holdout transactions
 * (days after E up to the analysis date), per distinct triple so the predictions can be added per group:
 * x, t_days, age_days, n INTEGER, holdout INTEGER (their holdout days, summed).
 */
export function holdoutTriplesSql(calibrationEnd: string): string {
  return `SELECT s.x, s.t_days, s.age_days, CAST(count(*) AS INTEGER) AS n, CAST(coalesce(sum(h.days), 0) AS INTEGER) AS holdout
FROM main.${ident(CLV_SUMMARY)} s LEFT JOIN (
  SELECT customer_id, count(*) AS days FROM main.${ident(CLV_DAYS)} WHERE day > ${dateLit(calibrationEnd)} GROUP BY customer_id
) h USING (customer_id)
GROUP BY ALL`;
}
