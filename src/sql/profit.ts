/**
 * Customer profitability: gross margin, cost to serve, profit, the whale curve, as SQL text for DuckDB.
 *
 * Input: TABLE tx (see rfm.ts and transactions.ts; `cost` = cost of goods of the line, NULL when the file
 * has none), TABLE customer_figures (rfm.ts step 1: orders, first_order, net, analysis_date, and the kept
 * orders' cogs_file and returned_orders, so that no step here reads orders) and, for the
 * per-segment reports only, the cell map (rfm.ts step 4).
 *   `profitCtes` and `profitSelect` (cost model, has-cost flag) give each customer of customer_figures its
 *   profit columns; views.ts writes them into customer_rows, and customer_profit is a view of it. Every report
 *   below reads customer_profit only, so editing the cost model reruns one statement. (The tests hold these to a
 *   whole customer_profit table and per-customer reports: tests/reference/profit-sql.ts.)
 *
 * Definitions (exact; money in DECIMAL(18,4), never a binary float; cost model values are decimal text):
 * - Kept lines: as rfm.ts, an order = distinct (customer_id, order_id), its date = min(order_date) of its
 *   lines; only orders dated on or before the analysis date A count, with all their lines.
 * - revenue = customer_figures.net (the customer's net: returns subtract).
 * - Cost of goods (cogs):
 *   - when the file has a cost (`hasCost`: any non-null tx.cost, see `hasCostSql`): the sum of tx.cost over
 *     the customer's kept lines (negative on a returned line when the file says so). A line whose cost is
 *     empty (NULL) adds nothing; a customer without any cost on its lines has cogs 0.
 *   - when it has none and a margin percentage p is typed (CostModel.marginPct): gross margin =
 *     net × p / 100, rounded half away from zero to 4 decimals per customer (integer arithmetic, exact),
 *     and cogs = net − gross margin (so cogs + gross margin = net exactly). The rounding happens once per
 *     customer, on the gross margin; totals are exact sums of the rounded per-customer values.
 *   - when it has none and no percentage: unknown. cogs, gross_margin, profit, below_adequate and
 *     sink_reason are NULL (the UI says "no cost data"); the cost-to-serve columns are still given.
 * - gross_margin = revenue − cogs.
 * - Cost to serve (activity-based; each term rounded half away from zero to 4 decimals per customer,
 *   integer arithmetic, exact; with money values of at most 4 decimals the first two never round):
 *   - order_cost = costPerOrder × orders (every kept order, whatever its value: customer_figures.orders);
 *   - return_cost = costPerReturn × returned_orders, returned_orders = kept orders having at least one
 *     line with is_return;
 *   - relationship_cost = costPerCustomerYear × days ÷ 365, days = A − first_order (whole days from the
 *     first order to the analysis date; 0 for a first order on A; a leap year's 366 days are 1.0027 years);
 *   - cost_to_serve = order_cost + return_cost + relationship_cost (sum of the rounded terms).
 * - profit = gross_margin − cost_to_serve.
 * - below_adequate = profit < adequateLevel (strictly below: a profit equal to the level is adequate;
 *   compared exactly, the level as typed, up to 10 decimals).
 * - sink_reason (customers below the adequate level only, else NULL): 'low-margin' when the gross margin
 *   itself is below the adequate level (no cost to serve could be cut to make the customer adequate);
 *   otherwise the largest cost-to-serve term: 'small-orders' (order_cost), 'returns' (return_cost) or
 *   'relationship' (relationship_cost); on equal terms the first in that order wins.
 * - profit_rank: 1..n, by profit descending, ties broken by customer_id ascending (byte order); NULL
 *   profits (unknown) last, so with unknown profit the ranks follow customer_id and mean nothing.
 * - Whale curve: point k (k = 0..n) = the k most profitable customers: customer_share = k ÷ n,
 *   cum_profit = the sum of their profits (exact), profit_share = cum_profit ÷ total profit (a fraction:
 *   1 at k = n, above 1 before the loss-makers). Point 0 is (0, 0). The peak = the point with the
 *   largest cum_profit, the first one (smallest k) on ties, point 0 included. When the total profit is
 *   ≤ 0 (or unknown) a share of it means nothing: profit_share and the peak's shares are NULL.
 * - Profit decile: decile = ⌊(profit_rank − 1) × 10 ÷ n⌋ + 1, so decile 1 = the most profitable 10 % of
 *   customers overall (groups differ in size by at most one, ties split by customer_id, as rfm's
 *   'equal-size' scores).
 */
import type { CostModel } from '../domain/settings';
import { ORDERS } from './rfm';
import { parseDecimal, type Decimal } from '../domain/decimal';
import { ident, lit, numLit } from './sql-text';

export const PROFIT = 'customer_profit';

const MAX_DECIMALS = 10;
const MAX_INTEGER_DIGITS = 12;

/** A cost-model value exactly: at most 12 integer digits and 10 decimals (src/domain/decimal.ts). */
const parseCostValue = (text: string | null | undefined): Decimal | null =>
  parseDecimal(text, { integerDigits: MAX_INTEGER_DIGITS, decimals: MAX_DECIMALS });

type CostField = keyof CostModel;
const COST_FIELDS: readonly CostField[] = ['marginPct', 'costPerOrder', 'costPerReturn', 'costPerCustomerYear', 'adequateLevel'];

/**
 * A problem with one value of a cost model: which field, what kind, the text as typed, and an English message for
 * errors raised in code (the page words it from `kind` and `text` through the messages module).
 */
export interface CostModelProblem {
  field: CostField;
  kind: 'not-decimal' | 'margin-over-100' | 'negative-cost';
  text: string | null;
  /** What a value may have: digits before the point and after it. */
  limits: { digits: number; decimals: number };
  message: string;
}

/**
 * Checks a cost model (empty = valid): every value a decimal number written with a point (at most 12
 * digits before it and 10 after); marginPct may be null and is at most 100 (it may be negative: goods sold
 * below cost); the three costs are ≥ 0; adequateLevel may be any number.
 */
export function costModelProblems(m: CostModel): CostModelProblem[] {
  const problems: CostModelProblem[] = [];
  const limits = { digits: MAX_INTEGER_DIGITS, decimals: MAX_DECIMALS };
  for (const field of COST_FIELDS) {
    const text = m[field];
    if (field === 'marginPct' && text === null) continue;
    const d = parseCostValue(text);
    if (!d) {
      problems.push({
        field,
        kind: 'not-decimal',
        text,
        limits,
        message: `${field}: "${String(text)}" is not a decimal number (at most ${MAX_INTEGER_DIGITS} digits before the point and ${MAX_DECIMALS} after).`,
      });
      continue;
    }
    if (field === 'marginPct' && d.units > 100n * 10n ** BigInt(d.scale))
      problems.push({ field, kind: 'margin-over-100', text, limits, message: 'marginPct: a gross margin cannot exceed 100 % of revenue.' });
    if ((field === 'costPerOrder' || field === 'costPerReturn' || field === 'costPerCustomerYear') && d.units < 0n)
      problems.push({ field, kind: 'negative-cost', text, limits, message: `${field}: a cost cannot be negative.` });
  }
  return problems;
}

const hugeLit = (v: bigint) => `CAST(${v.toString()} AS HUGEINT)`;

/**
 * SQL: round half away from zero of n ÷ d (n a HUGEINT expression, d > 0 a constant):
 * sign(n) · ⌊(2|n| + d) ÷ 2d⌋, all in HUGEINT.
 */
function roundDiv(n: string, d: bigint): string {
  if (d === 1n) return `(${n})`;
  return `(sign(${n}) * ((2 * abs(${n}) + ${hugeLit(d)}) // ${hugeLit(2n * d)}))`;
}

/** SQL: HUGEINT units of 0.0001 → DECIMAL(18,4), exact. */
function fromUnits(units: string): string {
  return `CAST(CAST(${units} AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(5,4)) AS DECIMAL(18,4))`;
}

const INT64_LIMIT = 2n ** 63n;
/** Count columns are INTEGER: |count| < 2³¹. */
const COUNT_LIMIT = 2n ** 31n;

/**
 * SQL: count × value rounded at 4 decimals, as DECIMAL(18,4); count is an INTEGER expression.
 * Exact either way; 64-bit integers when every intermediate value provably fits (2·|count·U| + d < 2⁶³ with
 * U = the value in units of 0.0001 and d the divisor), which is ten times faster in WebAssembly than HUGEINT.
 */
function times(count: string, v: Decimal, divisor = 1n): string {
  if (v.units === 0n) return `CAST(0 AS DECIMAL(18,4))`;
  const u = v.units * 10000n;
  const d = divisor * 10n ** BigInt(v.scale);
  const absU = u < 0n ? -u : u;
  if (2n * COUNT_LIMIT * absU + d < INT64_LIMIT) {
    const n = `(CAST(${count} AS BIGINT) * CAST(${u.toString()} AS BIGINT))`;
    const units = d === 1n ? n : `(sign(${n}) * ((2 * abs(${n}) + ${d.toString()}) // ${(2n * d).toString()}))`;
    // |units| < 2⁶³ may still exceed DECIMAL(18,4): the cast then fails (it never wraps).
    return `CAST(CAST(${units} AS DECIMAL(18,0)) * CAST(0.0001 AS DECIMAL(4,4)) AS DECIMAL(18,4))`;
  }
  // count × units ÷ 10^scale ÷ divisor, in units of 0.0001.
  const num = `CAST(${count} AS HUGEINT) * ${hugeLit(u)}`;
  return fromUnits(roundDiv(num, d));
}

/** An exact DECIMAL(38,10) literal of a value (at most 12 integer digits and 10 decimals: fits). */
function exactLit(v: Decimal): string {
  const abs = (v.units < 0n ? -v.units : v.units) * 10n ** BigInt(MAX_DECIMALS - v.scale);
  const a = abs.toString().padStart(MAX_DECIMALS + 1, '0');
  return `CAST(${lit(`${v.units < 0n ? '-' : ''}${a.slice(0, -MAX_DECIMALS)}.${a.slice(-MAX_DECIMALS)}`)} AS DECIMAL(38,10))`;
}

function checked(m: CostModel): Record<CostField, Decimal | null> {
  const problems = costModelProblems(m);
  if (problems.length) throw new Error(problems.map((p) => p.message).join(' '));
  return Object.fromEntries(COST_FIELDS.map((f) => [f, parseCostValue(m[f])])) as Record<CostField, Decimal | null>;
}

/**
 * Query → one row: has_cost BOOLEAN = tx has at least one non-null cost (the file gives cost of goods). Read from
 * tx_orders (run rfm.ts's `ordersTableSql` first): an order's cost is NULL exactly when none of its lines has one,
 * and the first order with a cost answers (no scan of every line).
 */
export function hasCostSql(): string {
  return `SELECT EXISTS (SELECT 1 FROM ${ident(ORDERS)} WHERE cost IS NOT NULL) AS has_cost`;
}

export interface ProfitParams {
  costModel: CostModel;
  /** The file gives the cost of goods (a cost or profit column: `hasCostSql`); marginPct is then ignored. */
  hasCost: boolean;
}

/**
 * The CTEs (no WITH) of `customerProfitSql` over `source` (a table or CTE with the customer_figures columns),
 * shared with views.ts's customerBaseSql: the last one, `profited`, has every column of `source` plus
 * relationship_days, revenue, gross_margin, order_cost, return_cost, relationship_cost, cogs, cost_to_serve,
 * profit. Select from it with `profitSelect` and `RANK_WINDOW`. Throws on an invalid cost model.
 */
export function profitCtes(p: ProfitParams, source: string): string {
  const m = checked(p.costModel);
  const pct = m.marginPct;
  let cogs: string;
  let margin: string;
  if (p.hasCost) {
    cogs = `cogs_file`;
    margin = `CAST(revenue - cogs_file AS DECIMAL(18,4))`;
  } else if (pct) {
    // net × p ÷ 100 in units of 0.0001: net_units × p_units ÷ (100 · 10^scale).
    margin = fromUnits(roundDiv(`CAST(revenue * 10000 AS HUGEINT) * ${hugeLit(pct.units)}`, 100n * 10n ** BigInt(pct.scale)));
    cogs = `CAST(revenue - gross_margin AS DECIMAL(18,4))`;
  } else {
    margin = `CAST(NULL AS DECIMAL(18,4))`;
    cogs = `CAST(NULL AS DECIMAL(18,4))`;
  }
  return `b AS (
  SELECT *, CAST(analysis_date - first_order AS INTEGER) AS relationship_days, net AS revenue
  FROM ${source}
),
margin AS (
  SELECT *, ${margin} AS gross_margin,
    ${times('orders', m.costPerOrder!)} AS order_cost,
    ${times('returned_orders', m.costPerReturn!)} AS return_cost,
    ${times('relationship_days', m.costPerCustomerYear!, 365n)} AS relationship_cost
  FROM b
),
costed AS (
  SELECT *, ${cogs} AS cogs,
    CAST(order_cost + return_cost + relationship_cost AS DECIMAL(18,4)) AS cost_to_serve
  FROM margin
),
profited AS (
  SELECT *, CAST(gross_margin - cost_to_serve AS DECIMAL(18,4)) AS profit FROM costed
)`;
}

/**
 * The profit columns of a SELECT from `profited` (see `profitCtes`), in customer_profit's order from revenue on:
 * revenue … profit, below_adequate, sink_reason (profit_rank is the caller's: `RANK_WINDOW`, or a table in
 * `RANK_ORDER`).
 */
export function profitSelect(p: ProfitParams): string {
  const level = exactLit(checked(p.costModel).adequateLevel!);
  return `revenue, cogs, gross_margin,
  order_cost, return_cost, relationship_cost, cost_to_serve, profit,
  profit < ${level} AS below_adequate,
  CASE
    WHEN NOT (profit < ${level}) OR profit IS NULL THEN NULL
    WHEN gross_margin < ${level} THEN 'low-margin'
    WHEN order_cost >= return_cost AND order_cost >= relationship_cost THEN 'small-orders'
    WHEN return_cost >= relationship_cost THEN 'returns'
    ELSE 'relationship'
  END AS sink_reason`;
}

/** The profit ranking's order: profit descending, unknown last, ties by customer_id (module comment). */
export const RANK_ORDER = `profit DESC NULLS LAST, customer_id`;

/** SQL: an exact sum as text and as DOUBLE; NULL when some value is unknown, 0 over no rows. */
function exactSum(col: string, alias: string): string {
  const s = `CASE WHEN count(${col}) < count(*) THEN NULL ELSE coalesce(sum(${col}), CAST(0 AS DECIMAL(38,4))) END`;
  return `CAST(${s} AS VARCHAR) AS ${ident(alias + '_text')}, CAST(${s} AS DOUBLE) AS ${ident(alias)}`;
}

/**
 * Query → one row: customers INTEGER, profit_known BOOLEAN (false when the cost of goods is unknown),
 * revenue_text, gross_margin_text, cost_to_serve_text, profit_text VARCHAR (exact sums, 4 decimals) and
 * revenue, gross_margin, cost_to_serve, profit DOUBLE (the same converted once), below_adequate INTEGER
 * (NULL when profit is unknown). Sums over no customer are 0.
 */
export function profitTotalsSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS customers,
  count(profit) = count(*) AS profit_known,
  ${exactSum('revenue', 'revenue')},
  ${exactSum('gross_margin', 'gross_margin')},
  ${exactSum('cost_to_serve', 'cost_to_serve')},
  ${exactSum('profit', 'profit')},
  CASE WHEN count(profit) = count(*) THEN CAST(count(*) FILTER (WHERE below_adequate) AS INTEGER) END AS below_adequate
FROM ${ident(PROFIT)}`;
}

/**
 * n, the total profit and the peak. Ranks follow profit descending (unknown last), so the running sum rises
 * while profit > 0, stays level over profits of 0 and falls after them: its first maximum is at
 * k = #(profit > 0) (0 when no customer adds profit) and is worth the sum of the positive profits. No running
 * sum over all customers is needed for it.
 */
const PEAK_STATS = `stats AS (
  SELECT count(*) AS n, CASE WHEN count(profit) = count(*) THEN coalesce(sum(profit), 0) END AS total,
    count(*) FILTER (WHERE profit > 0) AS peak_k,
    CAST(coalesce(sum(profit) FILTER (WHERE profit > 0), 0) AS DECIMAL(38,4)) AS peak_profit
  FROM ${ident(PROFIT)}
)`;

/**
 * Query → the whale curve, in rank order: rank INTEGER (k = 0..n: the k most profitable customers),
 * customer_share DOUBLE (k ÷ n; 0 when n = 0), cum_profit DOUBLE, cum_profit_text VARCHAR (exact),
 * profit_share DOUBLE (cum_profit ÷ total profit; NULL when the total is ≤ 0 or unknown),
 * is_peak BOOLEAN. At most `maxPoints` (≥ 3) rows: all n + 1 points when they fit, else point 0, the
 * points whose k is a multiple of step = ⌈n ÷ (maxPoints − 3)⌉, the last point (k = n) and the peak
 * (always kept, exactly). A brush reads ranks: see `customersByProfitRankSql`.
 */
export function whaleCurveSql(maxPoints: number): string {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) throw new Error(`maxPoints must be a whole number ≥ 3, not ${maxPoints}.`);
  const step =
    maxPoints === 3 ? `n + 1` : `CASE WHEN n + 1 <= ${numLit(maxPoints)} THEN 1 ELSE (n + ${numLit(maxPoints - 4)}) // ${numLit(maxPoints - 3)} END`;
  // Point k (a multiple of the step, or n) = the sum of the buckets of ranks up to k; the peak comes from stats.
  return `WITH ${PEAK_STATS},
params AS (SELECT n, total, peak_k, peak_profit, ${step} AS step FROM stats),
buckets AS (
  SELECT (r.profit_rank - 1) // p.step AS b, sum(r.profit) AS part FROM ${ident(PROFIT)} r, params p GROUP BY 1
),
cum AS (
  SELECT least((b.b + 1) * p.step, p.n) AS k, CAST(sum(b.part) OVER (ORDER BY b.b ROWS UNBOUNDED PRECEDING) AS DECIMAL(38,4)) AS cum_profit
  FROM buckets b, params p
  UNION
  SELECT 0, CAST(0 AS DECIMAL(38,4))
  UNION
  SELECT peak_k, peak_profit FROM params
)
SELECT CAST(c.k AS INTEGER) AS rank,
  CASE WHEN p.n > 0 THEN c.k / p.n ELSE 0 END AS customer_share,
  CAST(c.cum_profit AS DOUBLE) AS cum_profit,
  CAST(c.cum_profit AS VARCHAR) AS cum_profit_text,
  CASE WHEN p.total > 0 THEN CAST(c.cum_profit AS DOUBLE) / CAST(p.total AS DOUBLE) END AS profit_share,
  c.k = p.peak_k AS is_peak
FROM cum c, params p
ORDER BY c.k`;
}

/**
 * Query → one row: customers INTEGER, peak_rank INTEGER (k of the peak, 0 when no customer adds profit),
 * peak_customer_share DOUBLE, peak_profit_share DOUBLE (both NULL when the total profit is ≤ 0 or
 * unknown), peak_profit DOUBLE / peak_profit_text VARCHAR (cumulative profit at the peak),
 * total_profit DOUBLE / total_profit_text VARCHAR (NULL when unknown).
 */
export function whalePeakSql(): string {
  return `WITH ${PEAK_STATS}
SELECT CAST(s.n AS INTEGER) AS customers,
  CAST(s.peak_k AS INTEGER) AS peak_rank,
  CASE WHEN s.total > 0 THEN s.peak_k / s.n END AS peak_customer_share,
  CASE WHEN s.total > 0 THEN CAST(s.peak_profit AS DOUBLE) / CAST(s.total AS DOUBLE) END AS peak_profit_share,
  CAST(s.peak_profit AS DOUBLE) AS peak_profit,
  CAST(s.peak_profit AS VARCHAR) AS peak_profit_text,
  CAST(s.total AS DOUBLE) AS total_profit,
  CAST(s.total AS VARCHAR) AS total_profit_text
FROM stats s`;
}

