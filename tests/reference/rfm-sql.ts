/**
 * The reference SQL the tests hold the shipping SQL to: whole per-customer tables built the plain way (every
 * score column over customer_figures, the segment tables and a view per customer, the reports as per-customer
 * aggregates), where the worker keeps four integer columns, a cell map and per-cell sums. Nothing in src/ or
 * workers/ uses it; it moved here from src/sql/rfm.ts so that src/sql/ holds what ships.
 */
import type { SegmentRule } from '../../src/domain/settings';
import { OTHERS, type Bins } from '../../src/domain/segment-rules';
import { ident, lit, numLit } from '../../src/sql/sql-text';
import {
  CELLS, CUSTOMER_SEGMENTS, CUTS, FIGURES, FIGURE_COLUMNS, MEASURES, RULES, SCORES, VALUE_COLUMN, cellSegmentsSql,
  checkBins, checkRules, intField, pastBounds, ruleNames, thresholdExpr, type Measure, type ScoreParams,
} from '../../src/sql/rfm';

/**
 * Statement → TABLE customer_scores(customer_id VARCHAR, first_order, last_order, orders, recency_days,
 *   frequency, net, monetary (as customer_figures), r_score INTEGER, f_score INTEGER, m_score INTEGER,
 *   rfm_cell INTEGER), one row per row of customer_figures.
 * 'quantile' and 'custom' read score_cuts (run `computeCutsSql` with the same method and bins first);
 * 'equal-size' ranks customer_figures. Rules in the module comment.
 */
export function scoresSql(p: ScoreParams): string {
  return `CREATE OR REPLACE TABLE ${ident(SCORES)} AS
${scoresWith(p)}
SELECT customer_id, ${FIGURE_COLUMNS.join(', ')},
  ${SCORE_SELECT}
FROM s`;
}

/** The score columns of a SELECT over the CTE `s` of `scoresWith`. */
export const SCORE_SELECT = `CAST(r_score AS INTEGER) AS r_score, CAST(f_score AS INTEGER) AS f_score, CAST(m_score AS INTEGER) AS m_score,
  CAST(r_score * 100 + f_score * 10 + m_score AS INTEGER) AS rfm_cell`;

/**
 * The WITH clause of `scoresSql` (the table the tests hold `scoreRowsSql` to): CTE `s` = every column of
 * customer_figures plus r_score, f_score, m_score (not yet cast; select them with SCORE_SELECT).
 */
export function scoresWith(p: ScoreParams): string {
  checkBins(p.bins);
  const k = p.bins;
  let body: string;
  if (p.method === 'quantile' || p.method === 'custom') {
    const cutCol = (m: Measure, j: number) => ident(`${m}_${j}`);
    // #{c_j < v} = Σ_j [k·v > k·c_j] = Σ_j [v > t_j], t_j = ⌊10⁴·k·c_j ÷ k⌋ ÷ 10⁴: every value has at most
    // 4 decimals (10⁴·v is an integer u, and u > x ⇔ u > ⌊x⌋), so comparing with t_j as DECIMAL(18,4) is exact
    // and runs on 64-bit integers. t_j is clamped to DECIMAL(18,4)'s range (no value lies beyond it).
    const threshold = thresholdExpr(k);
    const below = (m: Measure) =>
      Array.from({ length: k - 1 }, (_, i) => `CASE WHEN f.${ident(VALUE_COLUMN[m])} > c.${cutCol(m, i + 1)} THEN 1 ELSE 0 END`).join(' + ');
    const pivots = MEASURES.flatMap((m) =>
      Array.from({ length: k - 1 }, (_, i) =>
        `max(${threshold}) FILTER (WHERE measure = ${lit(m)} AND cut_no = ${i + 1}) AS ${cutCol(m, i + 1)}`,
      ),
    );
    body = `WITH c AS (
  SELECT ${pivots.join(',\n    ')}
  FROM ${ident(CUTS)}
),
s AS (
  SELECT f.*,
    CASE WHEN ${MEASURES.map((m) => `c.${cutCol(m, 1)} IS NULL`).join(' OR ')}
      THEN error('No cut points: run computeCutsSql with the same method and bins first.')
      ELSE ${k} - (${below('recency')}) END AS r_score,
    1 + (${below('frequency')}) AS f_score,
    1 + (${below('monetary')}) AS m_score
  FROM ${ident(FIGURES)} f, c
)`;
  } else if (p.method === 'equal-size' && p.bounds) {
    const past = (m: Measure) => pastBounds(p.bounds!, m);
    body = `WITH s AS (
  SELECT *,
    ${k} - (${past('recency')}) AS r_score,
    1 + (${past('frequency')}) AS f_score,
    1 + (${past('monetary')}) AS m_score
  FROM ${ident(FIGURES)}
)`;
  } else if (p.method === 'equal-size') {
    const group = (m: Measure) =>
      `((row_number() OVER (ORDER BY ${ident(VALUE_COLUMN[m])}, customer_id) - 1) * ${k}) // count(*) OVER () + 1`;
    body = `WITH s AS (
  SELECT *,
    ${k + 1} - (${group('recency')}) AS r_score,
    ${group('frequency')} AS f_score,
    ${group('monetary')} AS m_score
  FROM ${ident(FIGURES)}
)`;
  } else {
    throw new Error(`Unknown score method: ${String(p.method)}`);
  }
  return body;
}

/**
 * Statements → TABLE segment_rules(rule_no INTEGER (0-based position), segment VARCHAR, r_lo, r_hi,
 *   f_lo, f_hi, m_lo, m_hi INTEGER), TABLE cell_segments(rfm_cell, r_score, f_score, m_score INTEGER,
 *   segment VARCHAR, rule_no INTEGER NULL = 'Others'): all bins³ cells, resolved in TypeScript by
 *   `assignCells`, and VIEW customer_segments = customer_scores ⨝ cell_segments:
 *   every figure and score column plus segment, rule_no.
 * Needs customer_figures and customer_scores to exist. Only these bins³ rows change when a rule
 * changes. Throws on invalid rules (see `validateRules`): clamp 5-bin presets first for 3 or 4 bins.
 */
export function segmentTablesSql(rules: readonly SegmentRule[], bins: Bins): string {
  checkRules(rules, bins);
  const int = (v: number) => numLit(Math.trunc(v));
  // The rules go in as one text constant, split in SQL: a VALUES list is slow to bind (bench/README.md).
  const bounds = rules.map((r) => [r.r[0], r.r[1], r.f[0], r.f[1], r.m[0], r.m[1]].map(int).join(',')).join(';');
  return `CREATE OR REPLACE TABLE ${ident(RULES)} AS
SELECT CAST(i - 1 AS INTEGER) AS rule_no, CAST(${ruleNames(rules)}[i] AS VARCHAR) AS segment,
  ${['r_lo', 'r_hi', 'f_lo', 'f_hi', 'm_lo', 'm_hi'].map((col, j) => `${intField('b', j + 1)} AS ${col}`).join(', ')}
FROM (SELECT i, string_split(string_split(${lit(bounds)}, ';')[i], ',') AS b FROM range(1, ${rules.length + 1}) t(i))
ORDER BY i;
${cellSegmentsSql(rules, bins)};
CREATE OR REPLACE VIEW ${ident(CUSTOMER_SEGMENTS)} AS
SELECT s.customer_id, s.first_order, s.last_order, s.orders, s.recency_days, s.frequency, s.net, s.monetary,
  s.r_score, s.f_score, s.m_score, s.rfm_cell,
  coalesce(c.segment, ${lit(OTHERS)}) AS segment, c.rule_no
FROM ${ident(SCORES)} s
LEFT JOIN ${ident(CELLS)} c ON c.rfm_cell = s.rfm_cell;`;
}

/**
 * Query → customers per rule: rule_no INTEGER (0-based; NULL for the 'Others' row, last),
 * segment VARCHAR, cells INTEGER (cells the rule takes after earlier rules), customers INTEGER.
 * Every rule is listed, 0 included: a broad rule placed early shows a later rule with 0.
 * Counts customers per cell from customer_scores alone (one aggregate); 'Others' = everyone else.
 */
export function ruleCountsSql(): string {
  return `WITH cell_customers AS (
  SELECT rfm_cell, count(*) AS n FROM ${ident(SCORES)} GROUP BY rfm_cell
),
per_rule AS (
  SELECT c.rule_no, count(*) AS cells, coalesce(sum(n.n), 0) AS customers
  FROM ${ident(CELLS)} c LEFT JOIN cell_customers n USING (rfm_cell)
  WHERE c.rule_no IS NOT NULL
  GROUP BY c.rule_no
),
matched AS (SELECT coalesce(sum(customers), 0) AS n FROM per_rule)
SELECT rule_no, segment, CAST(cells AS INTEGER) AS cells, CAST(customers AS INTEGER) AS customers FROM (
  SELECT r.rule_no, r.segment, coalesce(p.cells, 0) AS cells, coalesce(p.customers, 0) AS customers
  FROM ${ident(RULES)} r LEFT JOIN per_rule p USING (rule_no)
  UNION ALL
  SELECT NULL, ${lit(OTHERS)},
    (SELECT count(*) FROM ${ident(CELLS)} WHERE rule_no IS NULL),
    (SELECT count(*) FROM ${ident(SCORES)}) - (SELECT n FROM matched)
)
ORDER BY rule_no NULLS LAST`;
}

/**
 * Query → one row per segment name (in the order of its first rule; 'Others' last; segments with
 * no customer included with 0): segment VARCHAR, customers INTEGER, pct_customers DOUBLE (0–100),
 * revenue DOUBLE (sum of net, the exact DECIMAL sum converted once), pct_revenue DOUBLE (0–100 of the
 * total net; NULL when the total is 0), avg_recency, avg_frequency, avg_monetary DOUBLE (NULL when
 * empty; monetary in the selected mode).
 */
export function segmentSummarySql(): string {
  return `WITH names AS (
  SELECT segment, min(rule_no) AS first_rule
  FROM (SELECT segment, rule_no FROM ${ident(RULES)} UNION ALL SELECT ${lit(OTHERS)}, NULL)
  GROUP BY segment
),
per AS (
  SELECT segment, count(*) AS customers, sum(net) AS revenue,
    avg(recency_days) AS avg_recency, avg(frequency) AS avg_frequency, avg(monetary) AS avg_monetary
  FROM ${ident(CUSTOMER_SEGMENTS)} GROUP BY segment
),
total AS (SELECT count(*) AS customers, sum(net) AS revenue FROM ${ident(CUSTOMER_SEGMENTS)})
SELECT n.segment,
  CAST(coalesce(p.customers, 0) AS INTEGER) AS customers,
  CASE WHEN t.customers > 0 THEN 100.0 * coalesce(p.customers, 0) / t.customers END AS pct_customers,
  CAST(coalesce(p.revenue, 0) AS DOUBLE) AS revenue,
  CASE WHEN t.revenue <> 0 THEN 100.0 * CAST(coalesce(p.revenue, 0) AS DOUBLE) / CAST(t.revenue AS DOUBLE) END AS pct_revenue,
  CAST(p.avg_recency AS DOUBLE) AS avg_recency,
  CAST(p.avg_frequency AS DOUBLE) AS avg_frequency,
  CAST(p.avg_monetary AS DOUBLE) AS avg_monetary
FROM names n LEFT JOIN per p USING (segment), total t
ORDER BY n.first_rule NULLS LAST`;
}
