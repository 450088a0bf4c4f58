/**
 * RFM: per-customer figures, scores and named segments, as SQL text for DuckDB.
 *
 * Input: table `tx(row_no, file_no, customer_id, order_id, order_date DATE, amount DECIMAL(18,4),
 * cost, is_return)`, one row per transaction line, amount = net line amount (negative on returns).
 *
 * Pipeline: each step reads only the tables of the steps before it, so a change of settings reruns
 * only the steps after it:
 *   1. `customerFiguresSql`  analysis date, monetary mode → TABLE customer_figures
 *   2. `computeCutsSql`      score method, bins, custom cuts → TABLE score_cuts
 *                            (equal-size: `equalSizeBoundsSteps`; quantile and custom: `scoreThresholdsSql`)
 *   3. `scoreRowsSql`        score method, bins → TABLE customer_score_rows (four integer columns, row-aligned
 *                            with customer_figures; views.ts puts them beside the figures as customer_base)
 *   4. `cellSegmentsSql`     segment rules → TABLE cell_segments (bins³ rows); the reports come from cell sums
 *                            (src/sql/cells.ts, src/domain/segment-reports.ts)
 * Reports: `scoreCountsSql`. Editing a rule reruns step 4 only; changing the method or bins reruns 2–3; only
 * the date or monetary mode reruns 1. The tests hold these to plain per-customer SQL (a whole customer_scores
 * table, segment tables, per-customer reports) in tests/reference/rfm-sql.ts.
 *
 * Definitions (exact):
 * - Order: one distinct (customer_id, order_id) (an order id belongs to one customer; should a file
 *   give one id to two customers, each customer's part is its own order). Order net = sum(amount) of
 *   its lines, DECIMAL (never a binary float). Order date = min(order_date) of its lines.
 * - Analysis date A: default = the day after the last order date. Orders after A are ignored: only
 *   orders with order date ≤ A are kept (an order whose first line is on or before A keeps all its
 *   lines). recency_days = A − last order date: with the default A the latest purchase has recency 1,
 *   and a purchase on A itself, possible only with a date the user sets, has recency 0.
 * - Customers: every customer with at least one kept order, including customers with frequency 0
 *   (only zero or negative orders) and customers with a negative net.
 * - first_order / last_order: first / last order date (any order, a return or cancellation order included).
 * - orders: number of kept orders; frequency: number of kept orders with a net amount > 0.
 * - net: the customer's total net amount (every line of every kept order; returns subtract).
 * - monetary: mode 'total' = net; mode 'average' = net ÷ frequency, rounded half away from zero to
 *   4 decimals with integer arithmetic (exact), and 0 when frequency = 0.
 * - Scores, k = bins (3, 4 or 5):
 *   - 'quantile' (default): cut points c_j = type-7 quantile (R's default, DuckDB `quantile_cont`)
 *     at j/k, j = 1..k−1, over all customers' values: with the n values sorted x_0 ≤ … ≤ x_{n−1},
 *     h = (n−1)·j/k, c_j = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋). Computed here exactly: the table keeps
 *     k·c_j (a DECIMAL, since k·h is an integer) and a value v is compared as k·v > k·c_j, so no binary
 *     float ever decides a score. (DuckDB's quantile_cont is not exact enough: on integers it
 *     returns DOUBLE — the 0.6 quantile of 1, 2, 7, 10 comes out as 5.999999999999999 — and on a
 *     DECIMAL it truncates the interpolated value to the column's scale.) Equal values
 *     always get the same score (ties kept together), so some scores may be empty.
 *     F = 1 + #{c_j < frequency}; M = 1 + #{c_j < monetary}; R = k − #{c_j < recency_days}
 *     (recent = few days = high R).
 *   - 'custom': the user's k−1 ascending cut points per measure (equal ones allowed; read as decimals
 *     from their shortest text, rounded at 10 decimals), same comparisons (recency reversed).
 *   - 'equal-size': customers ranked by (value, customer_id) ascending, rn = 1..n;
 *     group = ⌊(rn−1)·k / n⌋ + 1, so groups differ in size by at most one. Ties are broken by
 *     customer_id (byte order): equal values may get different scores. F = M = group;
 *     R = k + 1 − group (smallest recency = highest score). No cut points (score_cuts is empty);
 *     `scoreCountsSql` gives each score's value range. Computed without sorting the customers:
 *     group > j ⇔ rn − 1 ≥ p_j = ⌈j·n/k⌉ ⇔ (value, customer_id) ≥ b_j, the pair at 0-based position p_j,
 *     so group = 1 + #{j : (value, customer_id) ≥ b_j}; `equalSizeBoundsSteps` finds the k − 1 pairs b_j
 *     by selection and counting (exact, see there). The tests' `scoresWith` ranks (the definition).
 * - rfm_cell = r·100 + f·10 + m.
 * - Segment: the first rule (in order) whose inclusive ranges contain (r, f, m), else 'Others';
 *   resolved per cell by `assignCells` (src/domain/segment-rules.ts).
 */
import type { CustomCuts, MonetaryMode, ScoreMethod, SegmentRule } from '../domain/settings';
import { assignCells, OTHERS, validateRules, type Bins } from '../domain/segment-rules';
import { en } from '../i18n/en'; // a programmer's error (the UI validates first): in English
import { dateLit, ident, lit, numLit } from './sql-text';

export const TX = 'tx';
export const FIGURES = 'customer_figures';
export const CUTS = 'score_cuts';
export const SCORES = 'customer_scores';
export const RULES = 'segment_rules';
export const CELLS = 'cell_segments';
export const CUSTOMER_SEGMENTS = 'customer_segments';

/** The three measures, in the order used by every table (`measure` column values). */
export const MEASURES = ['recency', 'frequency', 'monetary'] as const;
export type Measure = (typeof MEASURES)[number];
export const VALUE_COLUMN: Record<Measure, string> = { recency: 'recency_days', frequency: 'frequency', monetary: 'monetary' };
const SCORE_COLUMN: Record<Measure, string> = { recency: 'r_score', frequency: 'f_score', monetary: 'm_score' };

/** Exact type of the comparisons: every measure value has at most 4 decimals, custom cuts at most 10. */
const EXACT = 'DECIMAL(38,10)';

export function checkBins(bins: number): asserts bins is Bins {
  if (bins !== 3 && bins !== 4 && bins !== 5) throw new Error(`Bins must be 3, 4 or 5, not ${bins}.`);
}

export const ORDERS = 'tx_orders';

/**
 * Statement → TABLE tx_orders(customer_id, order_id, order_date = first line's day, net DECIMAL(18,4),
 * cost DECIMAL(18,4) (sum of the lines' costs; NULL when none has one), has_return BOOLEAN): the orders of `tx`,
 * grouped once after Analyze so that a new analysis date or cost model reads orders, not lines.
 */
export function ordersTableSql(): string {
  return `CREATE OR REPLACE TABLE ${ident(ORDERS)} AS
SELECT customer_id, order_id, min(order_date) AS order_date, CAST(sum(amount) AS DECIMAL(18,4)) AS net,
  CAST(sum(cost) AS DECIMAL(18,4)) AS cost, bool_or(is_return) AS has_return
FROM ${ident(TX)} GROUP BY customer_id, order_id`;
}

/** The orders (run `ordersTableSql` after tx changes). */
const ORDERS_CTE = `orders AS (SELECT customer_id, order_id, order_date, net FROM ${ident(ORDERS)})`;

/**
 * Query → one row, `analysis_date` VARCHAR 'YYYY-MM-DD' (NULL when tx is empty): the day after the
 * last order date (order date = first line's day), the default analysis date.
 */
export function defaultAnalysisDateSql(): string {
  return `WITH ${ORDERS_CTE}
SELECT strftime(CAST(max(order_date) + 1 AS DATE), '%Y-%m-%d') AS analysis_date FROM orders`;
}

export interface FiguresParams {
  /** ISO day, the first day not included; null = the default (day after the last order). */
  analysisDate: string | null;
  monetaryMode: MonetaryMode;
}

/**
 * Statement → TABLE customer_figures, one row per customer with an order on or before the analysis date:
 *   customer_id VARCHAR, first_order DATE, last_order DATE, orders INTEGER, recency_days INTEGER,
 *   frequency INTEGER, net DECIMAL(18,4) (total net, whatever the mode: revenue),
 *   monetary DECIMAL(18,4) (net, or the average per positive order in mode 'average'),
 *   analysis_date DATE (the same on every row), and for the profit step, over the same orders:
 *   cogs_file DECIMAL(18,4) (sum of the orders' cost, 0 when none), returned_orders INTEGER (orders with a return).
 * Definitions in the module comment. Rows in no particular order (readers order what they show).
 */
export function customerFiguresSql(p: FiguresParams): string {
  if (p.monetaryMode !== 'total' && p.monetaryMode !== 'average') throw new Error(`Unknown monetary mode: ${String(p.monetaryMode)}`);
  // The date once, as a constant: a literal, or the default as an uncorrelated scalar subquery (run once).
  const a = p.analysisDate === null ? `(SELECT CAST(max(order_date) + 1 AS DATE) FROM ${ident(ORDERS)})` : dateLit(p.analysisDate);
  // Average: u = net in units of 0.0001 (an integer below 10¹⁸ in size, as net is a DECIMAL(18,4)); round half away
  // from zero of u ÷ frequency = sign(u)·⌊(2|u| + f) ÷ 2f⌋: 2|u| + f < 2⁶³, so 64-bit integers are exact;
  // back to DECIMAL by an exact decimal product.
  const u = `CAST(net * 10000 AS BIGINT)`;
  const monetary =
    p.monetaryMode === 'total'
      ? 'net'
      : `CASE WHEN frequency = 0 THEN CAST(0 AS DECIMAL(18,4)) ELSE CAST(
      CAST(sign(${u}) * ((2 * abs(${u}) + frequency) // (2 * frequency)) AS DECIMAL(18,0)) * CAST(0.0001 AS DECIMAL(4,4))
    AS DECIMAL(18,4)) END`;
  return `CREATE OR REPLACE TABLE ${ident(FIGURES)} AS
WITH per_customer AS (
  SELECT customer_id, min(order_date) AS first_order, max(order_date) AS last_order,
    CAST(count(*) AS INTEGER) AS orders,
    CAST(count(*) FILTER (WHERE net > 0) AS INTEGER) AS frequency,
    CAST(sum(net) AS DECIMAL(18,4)) AS net,
    CAST(coalesce(sum(cost), 0) AS DECIMAL(18,4)) AS cogs_file,
    CAST(count(*) FILTER (WHERE has_return) AS INTEGER) AS returned_orders
  FROM ${ident(ORDERS)}
  WHERE order_date <= ${a}
  GROUP BY customer_id
)
SELECT customer_id, first_order, last_order, orders,
  CAST(${a} - last_order AS INTEGER) AS recency_days,
  frequency, net,
  ${monetary} AS monetary,
  CAST(${a} AS DATE) AS analysis_date, cogs_file, returned_orders
FROM per_customer`;
}

export interface CutParams {
  method: ScoreMethod;
  bins: Bins;
  /** Required when method = 'custom': bins − 1 ascending numbers per measure. */
  customCuts?: CustomCuts | null;
}

/** Problems with custom cut points for `bins` scores (empty = valid): count, finite, ascending (equal allowed). */
export function validateCustomCuts(cuts: CustomCuts | null | undefined, bins: Bins): string[] {
  if (!cuts) return ['Custom cut points are missing.'];
  const problems: string[] = [];
  for (const m of MEASURES) {
    const list = cuts[m];
    if (!Array.isArray(list) || list.length !== bins - 1) {
      problems.push(`${m}: ${bins - 1} cut points are needed.`);
      continue;
    }
    if (!list.every((v) => typeof v === 'number' && Number.isFinite(v))) problems.push(`${m}: every cut point must be a finite number.`);
    else if (list.some((v, i) => i > 0 && v < list[i - 1])) problems.push(`${m}: cut points must be in ascending order.`);
  }
  return problems;
}

/**
 * An exact DECIMAL(38,10) from a JS number, through its shortest decimal text (59.924 → 59.924
 * exactly, never the binary double); a number with more than 10 decimals is rounded at 10.
 */
function exactLit(v: number): string {
  let text = numLit(v);
  if (/e/i.test(text) && Math.abs(v) < 1e21) text = v.toFixed(10);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Cut point out of range: ${text}`);
  return `CAST(${lit(text)} AS ${EXACT})`;
}

/**
 * Statement → TABLE score_cuts(measure VARCHAR, cut_no INTEGER, cut_times_bins DECIMAL(38,10),
 *   cut DECIMAL(38,10), cut_text VARCHAR, cut_value DOUBLE), one row per measure and cut point j = 1..k−1.
 * `cut_times_bins` = k × c_j exactly: what the scores compare with (k·value > cut_times_bins).
 * `cut` = c_j (exact when it has ≤ 10 decimals, as with 4 or 5 bins; else rounded half away from
 * zero at 10 decimals), `cut_text` the same without trailing zeros ('59.924'), `cut_value` for charts.
 * Quantile: recency and frequency from their distinct values' running counts, monetary from one ranking.
 * Custom: the user's numbers. Equal-size: no rows.
 */
export function computeCutsSql(p: CutParams): string {
  checkBins(p.bins);
  const k = p.bins;
  let body: string;
  if (p.method === 'quantile') {
    // x_i (0-based, ascending) without sorting lists of customers. Recency and frequency are integers with a
    // few hundred distinct values: each distinct value with the number of customers at or below it (`upto`),
    // and x_i is the smallest value whose upto > i. Monetary values are mostly distinct: one ranking, and only
    // the ranks needed are kept.
    const cum = (m: Measure) => `${ident('cum_' + m)} AS (
  SELECT v, sum(c) OVER (ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto
  FROM (SELECT ${ident(VALUE_COLUMN[m])} AS v, count(*) AS c FROM ${ident(FIGURES)} GROUP BY 1)
)`;
    const pickCum = (m: Measure) => `SELECT ${lit(m)} AS measure, p.cut_no, p.rem,
    CAST(min(c.v) AS ${EXACT}) AS x_lo, CAST(min(c.v) FILTER (WHERE c.upto > p.hi) AS ${EXACT}) AS x_hi
  FROM positions p JOIN ${ident('cum_' + m)} c ON c.upto > p.lo
  GROUP BY p.cut_no, p.rem`;
    const ranked = `ranked_monetary AS (
  SELECT v, i FROM (SELECT monetary AS v, row_number() OVER (ORDER BY monetary) - 1 AS i FROM ${ident(FIGURES)})
  WHERE i IN (SELECT lo FROM positions) OR i IN (SELECT hi FROM positions)
)`;
    const pickRanked = `SELECT 'monetary' AS measure, p.cut_no, p.rem,
    CAST(min(r.v) FILTER (WHERE r.i = p.lo) AS ${EXACT}) AS x_lo, CAST(min(r.v) FILTER (WHERE r.i = p.hi) AS ${EXACT}) AS x_hi
  FROM positions p JOIN ranked_monetary r ON r.i = p.lo OR r.i = p.hi
  GROUP BY p.cut_no, p.rem`;
    body = `WITH ${cum('recency')},
${cum('frequency')},
positions AS (
  -- h = (n−1)·j/k: lo = ⌊h⌋ and hi = min(lo + 1, n − 1) (0-based), rem/k = h − ⌊h⌋
  SELECT CAST(j AS INTEGER) AS cut_no, ((n - 1) * j) // ${k} AS lo, least(((n - 1) * j) // ${k} + 1, n - 1) AS hi,
    ((n - 1) * j) % ${k} AS rem
  FROM (SELECT count(*) AS n FROM ${ident(FIGURES)}), range(1, ${k}) AS t(j)
  WHERE n > 0
),
${ranked},
picks AS (
  ${pickCum('recency')}
  UNION ALL
  ${pickCum('frequency')}
  UNION ALL
  ${pickRanked}
),
exact AS (
  SELECT measure, cut_no, CAST(${k} * x_lo + rem * (x_hi - x_lo) AS ${EXACT}) AS cut_times_bins
  FROM picks
)`;
  } else if (p.method === 'custom') {
    const problems = validateCustomCuts(p.customCuts, k);
    if (problems.length) throw new Error(problems.join(' '));
    const cuts = p.customCuts!;
    const rows = MEASURES.flatMap((m) => cuts[m].map((v, i) => `(${lit(m)}, ${i + 1}, ${k} * ${exactLit(v)})`));
    body = `WITH exact AS (
  SELECT measure, CAST(cut_no AS INTEGER) AS cut_no, CAST(c AS ${EXACT}) AS cut_times_bins
  FROM (VALUES ${rows.join(', ')}) AS t(measure, cut_no, c)
)`;
  } else if (p.method === 'equal-size') {
    body = `WITH exact AS (
  SELECT CAST(NULL AS VARCHAR) AS measure, CAST(NULL AS INTEGER) AS cut_no, CAST(NULL AS ${EXACT}) AS cut_times_bins
  WHERE false
)`;
  } else {
    throw new Error(`Unknown score method: ${String(p.method)}`);
  }
  // cut = cut_times_bins ÷ k exactly, in HUGEINT units of 1e-10, rounded half away from zero.
  const units = `CAST(cut_times_bins * CAST(10000000000 AS HUGEINT) AS HUGEINT)`;
  return `CREATE OR REPLACE TABLE ${ident(CUTS)} AS
${body},
divided AS (
  SELECT measure, cut_no, cut_times_bins,
    CAST(CAST(sign(${units}) * ((2 * abs(${units}) + ${k}) // ${2 * k}) AS DECIMAL(38,0)) * CAST(0.0000000001 AS DECIMAL(10,10)) AS ${EXACT}) AS cut
  FROM exact
)
SELECT measure, cut_no, cut_times_bins, cut,
  CASE WHEN contains(CAST(cut AS VARCHAR), '.') THEN rtrim(rtrim(CAST(cut AS VARCHAR), '0'), '.') ELSE CAST(cut AS VARCHAR) END AS cut_text,
  CAST(cut AS DOUBLE) AS cut_value
FROM divided
ORDER BY list_position([${MEASURES.map(lit).join(', ')}], measure), cut_no`;
}

/**
 * Query → the cut points for display, one row per cut: measure VARCHAR ('recency' | 'frequency' |
 * 'monetary'), cut_no INTEGER (1..k−1), cut_text VARCHAR (exact decimal, no trailing zeros),
 * cut_value DOUBLE. No rows for equal-size.
 */
export function cutPointsSql(): string {
  return `SELECT measure, cut_no, cut_text, cut_value FROM ${ident(CUTS)}
ORDER BY list_position([${MEASURES.map(lit).join(', ')}], measure), cut_no`;
}

export interface ScoreParams {
  method: ScoreMethod;
  bins: Bins;
  /**
   * Equal-size only: the boundary pairs of `equalSizeBoundsSteps` for these bins and the current
   * customer_figures. Without them the customers are ranked (three sorts; the same scores).
   */
  bounds?: readonly EqualSizeBound[] | null;
  /** Quantile and custom, for `scoreRowsSql`: the rows of `scoreThresholdsSql` for these cuts and bins. */
  thresholds?: readonly ScoreThreshold[] | null;
}

/**
 * One boundary of equal-size scoring for a measure: the customer at 0-based position p_j = ⌈j·n/k⌉ in
 * (value, customer_id) order, j = 1..k−1 (none when p_j ≥ n). Customers at or after it score above group j.
 */
export interface EqualSizeBound {
  measure: Measure;
  /** Its value, as exact decimal text ('12', '59.9240'). */
  value: string;
  customerId: string;
}

type Row = Record<string, unknown>;
/** A computation that needs several queries in turn: it yields SQL and is resumed with the result's rows. */
export type QuerySteps<T> = Generator<string, T, Row[]>;

/** Runs `QuerySteps` on a synchronous query function (the worker's Engine.rows). */
export function runSteps<T>(steps: QuerySteps<T>, rows: (sql: string) => Row[]): T {
  let step = steps.next();
  while (!step.done) step = steps.next(rows(step.value));
  return step.value;
}

/** SQL literal of a measure's value (its column's type, so comparisons stay exact and on integers). */
function valueLit(m: Measure, value: string): string {
  if (m === 'monetary') return `CAST(${lit(value)} AS DECIMAL(18,4))`;
  if (!/^-?\d+$/.test(value)) throw new Error(`Not a whole number of ${m}: ${value}`);
  return value;
}

/** A tie group up to this size is ranked alone to find a boundary id; a larger one gets a quantile_disc guess. */
const SMALL_TIE_GROUP = 20_000;

/**
 * The k − 1 boundary pairs of equal-size scoring (see `EqualSizeBound`), over customer_figures, in a few scans
 * and no sort of the customers. Each pair is found, then proved by counting:
 * - its value v: recency and frequency from their value counts (exact); monetary from DuckDB's
 *   `quantile_disc` at q = (p + ½)/n as a first guess, kept only if #{value < v} ≤ p < #{value ≤ v}, else
 *   taken by `ORDER BY … LIMIT 1 OFFSET p` (which is the definition);
 * - its customer_id, t = p − #{value < v} places into the customers of value v: the smallest or largest id
 *   when t is 0 or the last place; in a group of at most 20,000 customers the one ranked t + 1 by id within the
 *   group; in a larger group `quantile_disc` at (t + ½)/#{value = v}, kept only if exactly t ids of value v are
 *   smaller, else `ORDER BY customer_id LIMIT 1 OFFSET t`.
 * So the result never depends on how `quantile_disc` picks its position; only the speed does.
 * Returns the pairs and how many guesses were wrong. For tests of each path: `guess: false` skips the guesses;
 * `guessShift` aims every guess that many places off; `smallTieGroup` moves the 20,000 limit.
 */
export function* equalSizeBoundsSteps(
  bins: Bins,
  options: { guess?: boolean; guessShift?: number; smallTieGroup?: number } = {},
): QuerySteps<{ bounds: EqualSizeBound[]; fallbacks: number }> {
  checkBins(bins);
  const k = bins;
  const guess = options.guess ?? true;
  const shift = options.guessShift ?? 0;
  const fig = ident(FIGURES);
  const n = Number((yield `SELECT count(*) AS n FROM ${fig}`)[0].n);
  const positions: number[] = [];
  for (let j = 1; j < k; j++) {
    const p = Math.floor((j * n + k - 1) / k); // ⌈j·n/k⌉ (exact: j·n < 2⁵³)
    if (p < n) positions.push(p);
  }
  if (positions.length === 0) return { bounds: [], fallbacks: 0 };
  let fallbacks = 0;
  interface Found { measure: Measure; p: number; value: string; below: number; equal: number; id?: string }
  const found: Found[] = [];

  // Recency and frequency: integers with few distinct values; their counts give v, #{< v} and #{= v} exactly.
  const counts = yield `SELECT 'recency' AS measure, recency_days AS v, count(*) AS c FROM ${fig} GROUP BY recency_days
UNION ALL
SELECT 'frequency', frequency, count(*) FROM ${fig} GROUP BY frequency`;
  for (const m of ['recency', 'frequency'] as const) {
    const values = counts.filter((r) => r.measure === m).map((r) => ({ v: Number(r.v), c: Number(r.c) })).sort((a, b) => a.v - b.v);
    for (const p of positions) {
      let below = 0;
      for (const { v, c } of values) {
        if (below + c > p) {
          found.push({ measure: m, p, value: String(v), below, equal: c });
          break;
        }
        below += c;
      }
    }
  }

  // Monetary: mostly distinct values; a selection, proved by counting.
  const monetaryAt = function* (p: number): QuerySteps<string> {
    const r = yield `SELECT CAST(monetary AS VARCHAR) AS v FROM ${fig} ORDER BY monetary LIMIT 1 OFFSET ${p}`;
    return String(r[0].v);
  };
  const guesses: string[] = [];
  if (guess) {
    const qs = positions.map((p) => numLit(Math.min(1, Math.max(0, (p + shift + 0.5) / n))));
    const r = yield `SELECT CAST(unnest(q) AS VARCHAR) AS v FROM (SELECT quantile_disc(monetary, [${qs.join(', ')}]) AS q FROM ${fig})`;
    guesses.push(...r.map((x) => String(x.v)));
  } else {
    for (const p of positions) guesses.push(yield* monetaryAt(p));
  }
  const countMonetary = (values: string[]) =>
    `SELECT ${values.map((v, i) => `count(*) FILTER (WHERE monetary < ${valueLit('monetary', v)}) AS b${i}, count(*) FILTER (WHERE monetary = ${valueLit('monetary', v)}) AS e${i}`).join(', ')} FROM ${fig}`;
  let c = (yield countMonetary(guesses))[0];
  const wrong = positions.filter((p, i) => !(Number(c['b' + i]) <= p && p < Number(c['b' + i]) + Number(c['e' + i])));
  if (wrong.length) {
    fallbacks += wrong.length;
    for (let i = 0; i < positions.length; i++) if (wrong.includes(positions[i])) guesses[i] = yield* monetaryAt(positions[i]);
    c = (yield countMonetary(guesses))[0];
  }
  positions.forEach((p, i) => found.push({ measure: 'monetary', p, value: guesses[i], below: Number(c['b' + i]), equal: Number(c['e' + i]) }));

  // The customer ids: the t-th smallest id among the customers of value v.
  const col = (f: Found) => ident(VALUE_COLUMN[f.measure]);
  const ofValue = (f: Found) => `${col(f)} = ${valueLit(f.measure, f.value)}`;
  const idAt = function* (f: Found): QuerySteps<string> {
    const r = yield `SELECT customer_id FROM ${fig} WHERE ${ofValue(f)} ORDER BY customer_id LIMIT 1 OFFSET ${f.p - f.below}`;
    return String(r[0].customer_id);
  };
  // The first or last id of the group is its min or max; in a small group the id is found by ranking that group
  // alone (exact); in a large one (frequency 1 may hold half the customers) by a quantile_disc guess, proved below.
  const ends: number[] = [];
  const small: number[] = [];
  const large: number[] = [];
  found.forEach((f, i) => {
    const t = f.p - f.below;
    if (t === 0 || t === f.equal - 1) ends.push(i);
    else if (f.equal <= (options.smallTieGroup ?? SMALL_TIE_GROUP)) small.push(i);
    else large.push(i);
  });
  const guessed = guess ? large : [];
  const aggregates = [
    ...ends.map((i) => `${found[i].p === found[i].below ? 'min' : 'max'}(customer_id) FILTER (WHERE ${ofValue(found[i])}) AS id${i}`),
    ...guessed.map((i) => {
      const f = found[i];
      const q = Math.min(1, Math.max(0, (f.p - f.below + shift + 0.5) / f.equal));
      return `quantile_disc(customer_id, ${numLit(q)}) FILTER (WHERE ${ofValue(f)}) AS id${i}`;
    }),
  ];
  if (aggregates.length) {
    const r = (yield `SELECT ${aggregates.join(', ')} FROM ${fig}`)[0];
    for (const i of [...ends, ...guessed]) found[i].id = String(r['id' + i]);
  }
  if (small.length) {
    const r = yield `WITH members AS (
  ${small.map((i) => `SELECT ${i} AS g, customer_id FROM ${fig} WHERE ${ofValue(found[i])}`).join('\n  UNION ALL ')}
),
ranked AS (SELECT g, customer_id, row_number() OVER (PARTITION BY g ORDER BY customer_id) - 1 AS t FROM members)
SELECT r.g, r.customer_id FROM ranked r JOIN (VALUES ${small.map((i) => `(${i}, ${found[i].p - found[i].below})`).join(', ')}) AS w(g, t)
  ON r.g = w.g AND r.t = w.t`;
    for (const x of r) found[Number(x.g)].id = String(x.customer_id);
  }
  if (guessed.length) {
    const r = (yield `SELECT ${guessed.map((i) => `count(*) FILTER (WHERE ${ofValue(found[i])} AND customer_id < ${lit(found[i].id!)}) AS lt${i}`).join(', ')} FROM ${fig}`)[0];
    for (const i of guessed) {
      if (Number(r['lt' + i]) !== found[i].p - found[i].below) {
        fallbacks++;
        found[i].id = undefined;
      }
    }
  }
  for (const f of found) f.id ??= yield* idAt(f);
  return { bounds: found.map((f) => ({ measure: f.measure, value: f.value, customerId: f.id! })), fallbacks };
}

/** The columns of customer_figures that customer_scores repeats, so that the views read one table. */
export const FIGURE_COLUMNS = ['first_order', 'last_order', 'orders', 'recency_days', 'frequency', 'net', 'monetary'];

/** group − 1 = #{j : (value, customer_id) ≥ b_j}, as SQL over a row with the figure columns: k − 1 comparisons. */
export function pastBounds(bounds: readonly EqualSizeBound[], m: Measure): string {
  const v = ident(VALUE_COLUMN[m]);
  const terms = bounds.filter((b) => b.measure === m).map((b) => {
    const x = valueLit(m, b.value);
    return `CASE WHEN ${v} > ${x} THEN 1 WHEN ${v} = ${x} AND customer_id >= ${lit(b.customerId)} THEN 1 ELSE 0 END`;
  });
  return terms.length ? terms.join(' + ') : '0';
}

/**
 * SQL over score_cuts: t_j = ⌊10⁴·(k·c_j) ÷ k⌋ ÷ 10⁴ as DECIMAL(18,4), clamped to its range. Every value has at
 * most 4 decimals (10⁴·v is an integer u, and u > x ⇔ u > ⌊x⌋), so v > c_j ⇔ v > t_j, exact on 64-bit integers.
 */
export function thresholdExpr(k: Bins): string {
  const units = `CAST(floor(cut_times_bins * 10000) AS HUGEINT)`;
  const floorDiv = `(${units} - ((${units} % ${k}) + ${k}) % ${k}) // ${k}`;
  return `CAST(CAST(greatest(-999999999999999999, least(999999999999999999, ${floorDiv})) AS DECIMAL(18,0)) * CAST(0.0001 AS DECIMAL(4,4)) AS DECIMAL(18,4))`;
}

/** A quantile or custom cut point as the scores compare with it (see `scoreThresholdsSql`). */
export interface ScoreThreshold {
  measure: Measure;
  cut_no: number;
  /** t_j, exact DECIMAL(18,4) text: a value v is past the cut when v > t_j. */
  value: string;
  /** ⌊t_j⌋ as integer text: for whole-number measures (recency, frequency), v > t_j ⇔ v > ⌊t_j⌋. */
  whole: string;
}

/**
 * Query → the thresholds of score_cuts for `bins` scores, one row per measure and cut (`ScoreThreshold`): what
 * `scoreRowsSql` compares with, as constants (no join with score_cuts per customer).
 */
export function scoreThresholdsSql(bins: Bins): string {
  checkBins(bins);
  return `SELECT measure, cut_no, CAST(t AS VARCHAR) AS value, CAST(CAST(floor(t) AS BIGINT) AS VARCHAR) AS whole
FROM (SELECT measure, cut_no, ${thresholdExpr(bins)} AS t FROM ${ident(CUTS)})
ORDER BY list_position([${MEASURES.map(lit).join(', ')}], measure), cut_no`;
}

export const SCORE_ROWS = 'customer_score_rows';

/**
 * Statement → TABLE customer_score_rows(r_score, f_score, m_score, rfm_cell INTEGER): the scores of every row of
 * `source` (a table with the customer_figures columns), in the same row order, so that `source POSITIONAL JOIN
 * customer_score_rows` pairs each customer with its scores. The scores are those of the tests' `scoresSql` (tests/reference/rfm-sql.ts) (rules in the module
 * comment): quantile and custom compare with the constants of `scoreThresholdsSql` (pass them as `thresholds`);
 * equal-size compares with its bounds, or without them ranks and puts the rows back in order.
 */
export function scoreRowsSql(p: ScoreParams, source: string): string {
  checkBins(p.bins);
  const k = p.bins;
  const cell = `CAST(r_score * 100 + f_score * 10 + m_score AS INTEGER) AS rfm_cell`;
  const create = `CREATE OR REPLACE TABLE ${ident(SCORE_ROWS)} AS`;
  // Number of thresholds or bounds a customer is past, per measure, as SQL over the source row.
  let past: ((m: Measure) => string) | null = null;
  if (p.method === 'quantile' || p.method === 'custom') {
    const t = p.thresholds ?? [];
    past = (m: Measure) => {
      const cuts = t.filter((x) => x.measure === m);
      if (cuts.length !== k - 1) throw new Error('No cut points: run computeCutsSql with the same method and bins first.');
      const v = ident(VALUE_COLUMN[m]);
      return cuts.map((x) => `CASE WHEN ${v} > ${valueLit(m, m === 'monetary' ? x.value : x.whole)} THEN 1 ELSE 0 END`).join(' + ');
    };
  } else if (p.method === 'equal-size' && p.bounds) {
    past = (m: Measure) => pastBounds(p.bounds!, m);
  }
  if (past) {
    return `${create}
SELECT *, ${cell} FROM (
  SELECT CAST(${k} - (${past('recency')}) AS INTEGER) AS r_score,
    CAST(1 + (${past('frequency')}) AS INTEGER) AS f_score,
    CAST(1 + (${past('monetary')}) AS INTEGER) AS m_score
  FROM ${ident(source)}
)`;
  }
  if (p.method === 'equal-size') {
    const group = (m: Measure) =>
      `((row_number() OVER (ORDER BY ${ident(VALUE_COLUMN[m])}, customer_id) - 1) * ${k}) // count(*) OVER () + 1`;
    return `${create}
SELECT r_score, f_score, m_score, ${cell} FROM (
  SELECT rowid AS row_no,
    CAST(${k + 1} - (${group('recency')}) AS INTEGER) AS r_score,
    CAST(${group('frequency')} AS INTEGER) AS f_score,
    CAST(${group('monetary')} AS INTEGER) AS m_score
  FROM ${ident(source)}
)
ORDER BY row_no`;
  }
  throw new Error(`Unknown score method: ${String(p.method)}`);
}

/**
 * Query → customers per score: measure VARCHAR, score INTEGER (1..bins, every score listed, empty
 * ones with 0), customers INTEGER, min_value DOUBLE, max_value DOUBLE (NULL when empty), in measure
 * then score order. Shows which scores are empty (ties) and each score's value range.
 */
export function scoreCountsSql(bins: Bins): string {
  checkBins(bins);
  const part = (m: Measure) =>
    `SELECT ${lit(m)} AS measure, s.${ident(SCORE_COLUMN[m])} AS score, count(*) AS customers,
    min(s.${ident(VALUE_COLUMN[m])}) AS min_v, max(s.${ident(VALUE_COLUMN[m])}) AS max_v
  FROM ${ident(SCORES)} s GROUP BY ALL`;
  return `WITH counted AS (
  ${MEASURES.map(part).join('\n  UNION ALL\n  ')}
),
grid AS (
  SELECT measure, CAST(score AS INTEGER) AS score
  FROM unnest([${MEASURES.map(lit).join(', ')}]) AS m(measure), range(1, ${bins + 1}) AS t(score)
)
SELECT g.measure, g.score, CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
  CAST(c.min_v AS DOUBLE) AS min_value, CAST(c.max_v AS DOUBLE) AS max_value
FROM grid g LEFT JOIN counted c ON c.measure = g.measure AND c.score = g.score
ORDER BY list_position([${MEASURES.map(lit).join(', ')}], g.measure), g.score`;
}

/**
 * Statement → TABLE cell_segments only (as the tests' `segmentTablesSql` makes it): what the worker needs after a rule edit,
 * since its pages and exports join the cell map and its reports come from cell sums. One statement, the cells as
 * one text constant split in SQL (binding a VALUES list of 125 rows is slower: bench/README.md).
 */
export function cellSegmentsSql(rules: readonly SegmentRule[], bins: Bins): string {
  checkRules(rules, bins);
  const cells = assignCells(rules, bins);
  const cellText = cells.map((c) => `${c.cell},${c.r},${c.f},${c.m},${c.rule ?? ''}`).join(';');
  return `CREATE OR REPLACE TABLE ${ident(CELLS)} AS
SELECT ${intField('c', 1)} AS rfm_cell, ${intField('c', 2)} AS r_score, ${intField('c', 3)} AS f_score, ${intField('c', 4)} AS m_score,
  CAST(coalesce(${ruleNames(rules)}[rule_no + 1], ${lit(OTHERS)}) AS VARCHAR) AS segment, rule_no
FROM (
  SELECT i, c, CAST(nullif(c[5], '') AS INTEGER) AS rule_no
  FROM (SELECT i, string_split(string_split(${lit(cellText)}, ';')[i], ',') AS c FROM range(1, ${cells.length + 1}) t(i))
)
ORDER BY i`;
}

export function checkRules(rules: readonly SegmentRule[], bins: Bins): void {
  checkBins(bins);
  const problems = validateRules(rules, bins);
  if (problems.length) throw new Error(problems.map((x) => `Rule ${x.rule + 1}: ${en.rules.ruleProblem(x)}`).join(' '));
}

/** The rules' names as a VARCHAR[] literal, in rule order. */
export function ruleNames(rules: readonly SegmentRule[]): string {
  return rules.length ? `[${rules.map((r) => lit(r.name)).join(', ')}]` : 'CAST([] AS VARCHAR[])';
}

/** Element `i` (1-based) of a VARCHAR[] expression, as an INTEGER. */
export function intField(list: string, i: number): string {
  return `CAST(${list}[${i}] AS INTEGER)`;
}

