// The least-work native baseline (issue 19): the file read once with only the mapped columns, typed by the reader,
// to every customer's R, F, M, scores and the segment counts in one statement. Written from the README's
// definitions ("Definitions", "RFM: definitions") and the rfm preset's rules, not from src/sql.
import { DuckDBInstance } from '@duckdb/node-api';

const q = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const id = (s) => '"' + String(s).replaceAll('"', '""') + '"';

/**
 * A typed, projected read of a delimited file: every column of `header` declared (the reader needs the whole
 * schema), the mapped ones with their types and the rest VARCHAR, and only the mapped ones selected, so that
 * DuckDB's reader converts nothing else. Output columns: customer_id, order_id (NULL without an order column),
 * order_date DATE, amount DECIMAL(18,4).
 */
export function typedCsvSource({ path, header, map, dateFormat = '%Y-%m-%d', decimalSeparator = '.', delim = ',' }) {
  const types = { [map.customer]: 'VARCHAR', [map.date]: 'DATE', [map.amount]: 'DECIMAL(18,4)' };
  if (map.order) types[map.order] = 'VARCHAR';
  const columns = header.map((c) => `${q(c)}: ${q(types[c] ?? 'VARCHAR')}`).join(', ');
  return `(SELECT ${id(map.customer)} AS customer_id, ${map.order ? id(map.order) : 'CAST(NULL AS VARCHAR)'} AS order_id,
    ${id(map.date)} AS order_date, ${id(map.amount)} AS amount
  FROM read_csv(${q(path)}, header = true, auto_detect = false, delim = ${q(delim)}, quote = '"', escape = '"',
    columns = {${columns}}, dateformat = ${q(dateFormat)}, decimal_separator = ${q(decimalSeparator)}))`;
}

/** The same four columns from a Parquet file (its own types; the amount cast to DECIMAL(18,4)). */
export function parquetSource({ path, map }) {
  return `(SELECT CAST(${id(map.customer)} AS VARCHAR) AS customer_id, ${map.order ? `CAST(${id(map.order)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'} AS order_id,
    CAST(${id(map.date)} AS DATE) AS order_date, CAST(${id(map.amount)} AS DECIMAL(18,4)) AS amount
  FROM read_parquet(${q(path)}))`;
}

/** The rfm preset (R package rfm 0.3.0's ten segments), in order, as [name, R range, F range, M range]. */
const RFM_SEGMENTS = [
  ['Champions', [5, 5], [5, 5], [5, 5]],
  ['Potential Loyalist', [3, 5], [3, 5], [2, 5]],
  ['Loyal Customers', [2, 4], [2, 4], [2, 4]],
  ['Promising', [3, 4], [1, 3], [3, 5]],
  ['New Customers', [4, 5], [1, 3], [1, 5]],
  ["Can't Lose Them", [1, 2], [3, 4], [4, 5]],
  ['At Risk', [1, 2], [2, 5], [4, 5]],
  ['Need Attention', [1, 3], [3, 5], [3, 5]],
  ['About To Sleep', [2, 3], [1, 3], [1, 4]],
  ['Lost', [1, 1], [1, 5], [1, 5]],
];

const SEGMENT_CASE = `CASE\n${RFM_SEGMENTS.map(
  ([name, r, f, m]) => `    WHEN r_score BETWEEN ${r[0]} AND ${r[1]} AND f_score BETWEEN ${f[0]} AND ${f[1]} AND m_score BETWEEN ${m[0]} AND ${m[1]} THEN ${q(name)}`,
).join('\n')}\n    ELSE 'Others' END`;

/**
 * One statement from a source of (customer_id, order_id, order_date, amount) rows to either the segment counts
 * (`output: 'segments'`: segment, customers) or every customer (`'customers'`: customer_id, recency_days, frequency,
 * monetary, r_score, f_score, m_score, segment). Rules (README): rows without a customer id, date or amount are
 * not used; the id is trimmed; an order is an order id of a customer, or a customer-day without one; its net is
 * the sum of its lines and its date its first line's day; the analysis date defaults to the day after the last
 * order date, later orders are ignored; recency = days from the last order to it; frequency = orders with a
 * positive net; monetary = total net. Cut points: type-7 quantiles at 20/40/60/80 %, interpolated in exact
 * decimals; F, M = 1 + cut points strictly below the value, R = 5 − cut points strictly below the recency.
 */
export function leastWorkSql({ source, analysisDate = null, output = 'segments' }) {
  const keep = analysisDate ? `WHERE order_date <= DATE ${q(analysisDate)}` : '';
  const asOf = analysisDate ? `DATE ${q(analysisDate)}` : '(SELECT max(order_date) + 1 FROM orders)';
  const measures = ['recency_days', 'frequency', 'monetary'];
  const cutName = (m, j) => `${m}_cut${j}`;
  const above = (m) => [1, 2, 3, 4].map((j) => `(${m} > ${cutName(m, j)})::INTEGER`).join(' + ');
  const cutRow = measures.flatMap((m) => [1, 2, 3, 4].map((j) => `max(c) FILTER (WHERE measure = ${q(m)} AND j = ${j}) AS ${cutName(m, j)}`));
  const final =
    output === 'customers'
      ? `SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, ${SEGMENT_CASE} AS segment FROM scored ORDER BY customer_id`
      : `SELECT ${SEGMENT_CASE} AS segment, count(*) AS customers FROM scored GROUP BY ALL ORDER BY customers DESC, segment`;
  return `WITH lines AS (
  SELECT trim(customer_id) AS customer_id, order_id, order_date, amount FROM ${source} s
  WHERE customer_id IS NOT NULL AND trim(customer_id) <> '' AND order_date IS NOT NULL AND amount IS NOT NULL
),
orders AS (
  SELECT customer_id, min(order_date) AS order_date, sum(amount) AS net
  FROM lines GROUP BY customer_id, coalesce(order_id, CAST(order_date AS VARCHAR))
),
customers AS (
  SELECT customer_id, ${asOf} - max(order_date) AS recency_days, count(*) FILTER (WHERE net > 0) AS frequency,
    sum(net) AS monetary
  FROM orders ${keep} GROUP BY customer_id
),
n AS (SELECT count(*) AS n FROM customers),
-- Type 7 at p = j/5: h = (n − 1)·j/5, value[⌊h⌋] + (h − ⌊h⌋)·(value[⌊h⌋ + 1] − value[⌊h⌋]); h − ⌊h⌋ is k/5 exactly.
positions AS (SELECT j, (n - 1) * j // 5 AS lo, (n - 1) * j % 5 AS k FROM range(1, 5) r(j), n),
ranked AS (
  SELECT measure, v, row_number() OVER (PARTITION BY measure ORDER BY v) - 1 AS i
  FROM (${measures.map((m) => `SELECT ${q(m)} AS measure, CAST(${m} AS DECIMAL(38,4)) AS v FROM customers`).join(' UNION ALL ')})
),
cuts AS (
  SELECT a.measure, p.j, a.v + coalesce(b.v - a.v, 0) * CAST(p.k * 2 AS DECIMAL(4,0)) * CAST(0.1 AS DECIMAL(2,1)) AS c
  FROM positions p JOIN ranked a ON a.i = p.lo LEFT JOIN ranked b ON b.measure = a.measure AND b.i = p.lo + 1
),
cut_row AS (SELECT ${cutRow.join(',\n    ')} FROM cuts),
scored AS (
  SELECT customer_id, recency_days, frequency, monetary,
    5 - (${above('recency_days')}) AS r_score, 1 + ${above('frequency')} AS f_score, 1 + ${above('monetary')} AS m_score
  FROM customers, cut_row
)
${final}`;
}

/**
 * One native run of the baseline on a fresh in-memory database with `threads` threads: the time of the one
 * statement (file → segment counts) and the counts, as { segment: customers }.
 */
export async function leastWorkRun({ source, threads }) {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`SET threads = ${threads}`);
    const t = performance.now();
    const rows = (await conn.runAndReadAll(leastWorkSql({ source }))).getRowObjectsJS();
    const ms = performance.now() - t;
    return { ms, segments: Object.fromEntries(rows.map((r) => [r.segment, Number(r.customers)])) };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** Differences between two { segment: customers } maps (segments with 0 customers count as absent). */
export function segmentMismatches(expected, actual) {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((s) => (expected[s] ?? 0) !== (actual[s] ?? 0))
    .map((s) => `${s}: ${expected[s] ?? 0} vs ${actual[s] ?? 0}`);
}
