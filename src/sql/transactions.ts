/**
 * Builds the analysed transactions from a staging table (all columns text, as read from the file).
 *
 * Inputs: staging table (file_no INTEGER, c0 … cN VARCHAR; rowid = order of reading), the files table
 * (file_no, first_rowid, header, lead_rows: the lines before the first data row), the column mapping, the date format and the decimal mark.
 * Output: TABLE tx_all — one row per staged row with its typed values and `reason` (NULL = used), then
 *   VIEW tx(row_no, file_no, customer_id, order_id, order_date, amount, cost, is_return) — the used rows,
 *   VIEW excluded(file_no, row_no, reason, <mapped columns as text>)                   — every row not used.
 * Money is DECIMAL(18,4) from the text: never a binary float.
 */
import type { ColumnMapping, DateFormat, DecimalMark } from '../domain/settings';
import { ident, lit } from './sql-text';

/** Why a row is not used; the order is the order in which rows are checked. */
export const EXCLUSION_REASONS = [
  'no-customer',
  'no-date',
  'bad-date',
  'no-amount',
  'bad-amount',
  'bad-cost',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Formats tried, per date order; times after the date are allowed and ignored (the calendar day counts). */
const DATE_PATTERNS: Record<DateFormat, string[]> = {
  iso: ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d'],
  'ymd-compact': ['%Y%m%d'],
  dmy: ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y'],
  mdy: ['%m/%d/%Y', '%m-%d/%Y', '%m.%d.%Y'].map((f) => f.replace('%m-%d/%Y', '%m-%d-%Y')),
};
const TIME_SUFFIXES = ['', ' %H:%M', ' %H:%M:%S', 'T%H:%M', 'T%H:%M:%S', ' %H:%M:%S.%f', 'T%H:%M:%S.%f'];

/** SQL expression: the calendar day of a text value under a date format, or NULL when it does not parse. */
export function dateExpr(value: string, format: DateFormat): string {
  const strict = strictDateExpr(value, format);
  if (format !== 'iso') return strict;
  // Fast path (DuckDB's own ISO cast, much cheaper than the pattern check: bench/README.md), taken only where it
  // cannot differ from the strict expression: the cast gives a four-digit year and the text does not start with
  // a zero (a zero-padded five-digit year such as 02020-01-05 is rejected by the strict rule).
  const fast = `TRY_CAST(${value} AS DATE)`;
  // (ltrim copies the text: only for the values that start with a space.)
  const zeroFirst = `CASE WHEN starts_with(${value}, ' ') THEN starts_with(ltrim(${value}), '0') ELSE starts_with(${value}, '0') END`;
  return `CASE WHEN year(${fast}) BETWEEN 1000 AND 9999 AND NOT ${zeroFirst} THEN ${fast} ELSE ${strict} END`;
}

/**
 * Query → the rows used as a transactions file, in file and row order: customer_id, order_id (when the file had
 * one: a made-up customer|day id read back could look like a cancellation), order_date (ISO day), amount and
 * cost (when the file had one) as exact decimal text. Opened again, it gives the same analysis.
 */
export function transactionsExportSql(has: { order: boolean; cost: boolean }): string {
  return `SELECT customer_id${has.order ? ', order_id' : ''}, strftime(order_date, '%Y-%m-%d') AS order_date,
  CAST(amount AS VARCHAR) AS amount${has.cost ? ', CAST(cost AS VARCHAR) AS cost' : ''} FROM tx ORDER BY file_no, row_no`;
}

/** The date rule itself: the format's patterns, four-digit years only. */
export function strictDateExpr(value: string, format: DateFormat): string {
  const list = DATE_PATTERNS[format].flatMap((d) => TIME_SUFFIXES.map((t) => lit(d + t))).join(', ');
  const v = `trim(${value})`;
  const parsed = `CAST(try_strptime(${v}, [${list}]) AS DATE)`;
  if (format === 'ymd-compact') return `CASE WHEN regexp_full_match(${v}, '\\d{8}') THEN ${parsed} END`;
  // Four-digit years only: a two-digit year is ambiguous and rejected rather than guessed. DuckDB's own
  // ISO cast is tried first (it is much faster than a list of patterns); the patterns catch the rest.
  if (format === 'iso') return `CASE WHEN regexp_matches(${v}, '^\\d{4}[-/.]') THEN coalesce(TRY_CAST(${v} AS DATE), ${parsed}) END`;
  return `CASE WHEN regexp_matches(${v}, '^\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}($|[ T])') THEN ${parsed} END`;
}

/**
 * SQL expression: a money or number text as DECIMAL(18,4), or NULL when it does not parse.
 * Currency signs and spaces are dropped; `(12.50)` is negative; the thousands mark is dropped.
 */
export function numberExpr(value: string, mark: DecimalMark): string {
  // Fast path: a plain number (12.5, -3, 1e3 — or 12,5 with a decimal comma and no dot) casts directly, and for
  // such a text the full rule below gives the same value. CASE, not coalesce: DuckDB evaluates every argument of
  // coalesce, and the full rule's regular expressions cost ten times the cast.
  const plain = mark === 'comma' ? `CASE WHEN NOT contains(${value}, '.') THEN replace(${value}, ',', '.') END` : value;
  const fast = `TRY_CAST(${plain} AS DECIMAL(18,4))`;
  return `CASE WHEN ${fast} IS NOT NULL THEN ${fast} ELSE ${strictNumberExpr(value, mark)} END`;
}

/** The number rule itself, for any text. */
export function strictNumberExpr(value: string, mark: DecimalMark): string {
  let v = `regexp_replace(trim(${value}), '[\\s€$£¥\\x{00A0}]', '', 'g')`;
  v = `CASE WHEN regexp_full_match(${v}, '\\(.*\\)') THEN '-' || ${v}[2:-2] ELSE ${v} END`;
  v = mark === 'comma' ? `replace(replace(${v}, '.', ''), ',', '.')` : `replace(${v}, ',', '')`;
  return `TRY_CAST(${v} AS DECIMAL(18,4))`;
}

/**
 * SQL expression: a text without its leading and trailing spaces, NULL when nothing is left — nullif(trim(v), '')
 * — with trim (which copies every string) only for the values that start or end with a space: identifiers
 * rarely do, and copying every id costs seconds at millions of rows (bench/README.md, "Measured, behind the code").
 */
export function trimmedText(value: string): string {
  return `CASE WHEN starts_with(${value}, ' ') OR ends_with(${value}, ' ') THEN nullif(trim(${value}), '') ELSE nullif(${value}, '') END`;
}

/** Integer and decimal types (at most 4 decimals) that convert to DECIMAL(18,4) exactly. */
const EXACT_NUMBER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL\(\d+,[0-4]\))$/;

/** SQL expression: a staging column of DuckDB type `type` as text (NULL stays NULL); text columns as they are. */
export function textOf(column: string, type: string): string {
  return type.toUpperCase() === 'VARCHAR' ? column : `CAST(${column} AS VARCHAR)`;
}

export interface TransactionsParams {
  staging: string;
  files: string;
  /** Rows the CSV reader rejected (file_no, row_no = record number in the file), for exact row numbers. */
  rejects?: string;
  /** Staging column name (c0 …) per header name. */
  columnOf: (header: string) => string;
  /** DuckDB type of a header's staging column (default VARCHAR: text as read from a CSV). */
  typeOf?: (header: string) => string;
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  decimalMark: DecimalMark;
  /** The table of typed rows to build (default `tx_all`); the views `tx` and `excluded` are built on `tx_all`. */
  table?: string;
  /**
   * The rows to type, as a FROM item with the staging table's columns (file_no, c0 … cN), `rowid` (the row's
   * place among the rows read, from 0) and `row_no` (its record number in its file, the lines above the data
   * counted): the staging table by default (its rowid, row_no from the files table), or a read of one chunk of a
   * CSV file. (Joined with the files table, a read of unknown size was hashed whole: twice the time.)
   */
  source?: string;
  /**
   * True when no staging table holds the text (the rows come from `source`, read from the file): `tx_all` then
   * keeps the mapped columns' text (all text: CSV) for the rows not used (`kept_text`, a list; NULL on the rows
   * used), and `excluded` reads it from there.
   */
  keepText?: boolean;
}

/** A staging column's text carried up to tx_all's `kept_text` (when there is no staging table). */
const keptTextColumn = (stagingColumn: string) => `text_${stagingColumn}`;

/** The staging columns whose text tx_all's `kept_text` holds, in its order. */
function keptColumns(p: TransactionsParams): string[] {
  return [...new Set(keptHeaders(p.mapping).map(p.columnOf))];
}

/** The mapped header names, each once, in the mapping's order: the columns an excluded row shows. */
function keptHeaders(m: ColumnMapping): string[] {
  return [m.customer, m.order, m.date, m.amount, m.quantity, m.unitPrice, m.cost, m.profit].filter(
    (h, i, all): h is string => !!h && all.indexOf(h) === i,
  );
}

/** The statements that build `tx_all`, `tx` and `excluded` from the staging table. */
export function transactionsSql(p: TransactionsParams): string {
  return transactionsTableSql(p) + transactionsViewsSql(p);
}

/** The statement that builds the table of typed rows (`p.table`, default `tx_all`), each with its reason. */
export function transactionsTableSql(p: TransactionsParams): string {
  return `\nCREATE OR REPLACE TABLE ${ident(p.table ?? 'tx_all')} AS\n${transactionsSelectSql(p)};\n`;
}

/** The statement that adds the typed rows of `p.source` to the table `p.table` (built before by transactionsTableSql). */
export function transactionsInsertSql(p: TransactionsParams): string {
  return `\nINSERT INTO ${ident(p.table ?? 'tx_all')}\n${transactionsSelectSql(p)};\n`;
}

/** The query behind the table of typed rows: one row per row of the source, typed, with its reason. */
export function transactionsSelectSql(p: TransactionsParams): string {
  const m = p.mapping;
  if (!m.customer) throw new Error('A customer column is required.');
  if (!m.date) throw new Error('An order date column is required.');
  if (!m.amount && !(m.quantity && m.unitPrice)) throw new Error('An amount column, or quantity and unit price, is required.');
  const raw = (h: string) => `s.${ident(p.columnOf(h))}`;
  const type = (h: string) => (p.typeOf?.(h) ?? 'VARCHAR').toUpperCase();
  // A typed column (from Parquet) as text: for presence checks, the excluded rows and what has no native reading.
  const col = (h: string) => textOf(raw(h), type(h));
  const text = (h: string | null) => (h ? trimmedText(col(h)) : 'NULL');
  const num = (h: string | null) => {
    if (!h) return 'NULL';
    // Integers and decimals of at most 4 decimals are exact as they are; floats go through their shortest text,
    // as a CSV would write them (so 2.00005 rounds up, as typed, not as its binary value).
    if (EXACT_NUMBER.test(type(h))) return `TRY_CAST(${raw(h)} AS DECIMAL(18,4))`;
    return numberExpr(col(h), p.decimalMark);
  };
  const day = (h: string) => {
    const t = type(h);
    if (t === 'DATE') return raw(h);
    if (t.startsWith('TIMESTAMP')) return `CAST(${raw(h)} AS DATE)`;
    return dateExpr(col(h), p.dateFormat);
  };
  const amount = m.amount
    ? num(m.amount)
    : `TRY_CAST(${num(m.quantity)} * ${num(m.unitPrice)} AS DECIMAL(18,4))`;
  // "Is the cell empty?" is asked only of rows whose typed value is missing (CASE evaluates lazily): a value that
  // parsed was not empty. The raw cells travel up as plain column references, which cost nothing.
  const rawRef = (h: string | null, alias: string) => (h ? `${raw(h)} AS ${alias}` : `NULL AS ${alias}`);
  const isBlank = (h: string | null, alias: string) =>
    !h ? 'true' : type(h) === 'VARCHAR' ? `nullif(trim(${alias}), '') IS NULL` : `${alias} IS NULL`;
  const amountBlank = m.amount ? isBlank(m.amount, 'amount_raw') : `(${isBlank(m.quantity, 'quantity_raw')} OR ${isBlank(m.unitPrice, 'unit_price_raw')})`;
  // Cost of goods: from a cost column, or amount − profit when the file gives profit instead.
  const cost = m.cost ? 'cost_value' : m.profit ? `TRY_CAST(amount - cost_value AS DECIMAL(18,4))` : 'NULL';
  const costValue = m.cost ? num(m.cost) : m.profit ? num(m.profit) : 'NULL';
  const costColumn = m.cost ?? m.profit;
  const orderId = m.order
    ? `coalesce(order_text, customer_id || '|' || CAST(order_date AS VARCHAR))`
    : `customer_id || '|' || CAST(order_date AS VARCHAR)`;
  const isReturn = `(amount < 0 OR coalesce(quantity < 0, false)${m.order ? ` OR coalesce(regexp_matches(order_text, '^[Cc]\\d'), false)` : ''})`;
  // Without a staging table, the text of the mapped columns is kept for the rows not used.
  // One list for them all, NULL on the rows used (a column each held 35 MiB more at 1 M rows: bench/README.md).
  const kept = p.keepText ? keptColumns(p) : [];
  return `SELECT rid, file_no, row_no, customer_id,
  CASE WHEN reason IS NULL THEN ${orderId} END AS order_id,
  order_date, amount, cost,
  CASE WHEN reason IS NULL THEN ${isReturn} END AS is_return,
  reason${kept.length ? `,
  CASE WHEN reason IS NOT NULL THEN [${kept.map((c) => ident(keptTextColumn(c))).join(', ')}] END AS kept_text` : ''}
FROM (
  SELECT *,
    CASE
      WHEN customer_id IS NULL THEN 'no-customer'
      WHEN order_date IS NULL AND ${isBlank(m.date, 'date_raw')} THEN 'no-date'
      WHEN order_date IS NULL THEN 'bad-date'
      WHEN amount IS NULL AND ${amountBlank} THEN 'no-amount'
      WHEN amount IS NULL THEN 'bad-amount'
      WHEN cost IS NULL AND NOT ${isBlank(costColumn, 'cost_raw')} THEN 'bad-cost'
    END AS reason
  FROM (
    SELECT * EXCLUDE (cost_value), ${cost} AS cost FROM (
      SELECT s.rowid AS rid, s.file_no,
        ${p.source ? 's.row_no' : 's.rowid - f.first_rowid + 1 + f.lead_rows'} AS row_no,
        ${text(m.customer)} AS customer_id,
        ${text(m.order)} AS order_text,
        ${rawRef(m.date, 'date_raw')},
        ${day(m.date)} AS order_date,
        ${rawRef(m.amount, 'amount_raw')}, ${rawRef(m.quantity, 'quantity_raw')}, ${rawRef(m.unitPrice, 'unit_price_raw')},
        ${amount} AS amount,
        ${m.quantity ? num(m.quantity) : 'NULL'} AS quantity,
        ${rawRef(costColumn, 'cost_raw')},
        ${costValue} AS cost_value${kept.map((c) => `,
        s.${ident(c)} AS ${ident(keptTextColumn(c))}`).join('')}
      FROM ${p.source ? `${p.source} s` : `${ident(p.staging)} s JOIN ${ident(p.files)} f USING (file_no)`}
    )
  )
)`;
}

/**
 * The views `tx` (rows used) and `excluded` (rows not used, with their text as written) on `tx_all`, or on the
 * tables and views `names` gives.
 */
export function transactionsViewsSql(
  p: TransactionsParams,
  names: { all: string; tx: string; excluded: string } = { all: 'tx_all', tx: 'tx', excluded: 'excluded' },
): string {
  const m = p.mapping;
  const type = (h: string) => (p.typeOf?.(h) ?? 'VARCHAR').toUpperCase();
  const col = (h: string) => textOf(`s.${ident(p.columnOf(h))}`, type(h));
  const keep = keptHeaders(m);
  // tx_all.row_no counts staged rows (plus the header). Rows the CSV reader rejected are not staged, so an
  // excluded row's number in the file adds the rejected records before it: with rejects r_1 < r_2 < … (record
  // numbers), r_j − j records were kept before r_j, so r_j precedes a kept row numbered n among kept records
  // exactly when r_j − j < n. Only the excluded rows (few) pay for this.
  const rowNumber = p.rejects
    ? `a.row_no + (SELECT count(*) FROM (SELECT file_no, row_no - row_number() OVER (PARTITION BY file_no ORDER BY row_no) AS kept_before FROM ${ident(p.rejects)}) r WHERE r.file_no = a.file_no AND r.kept_before < a.row_no)`
    : 'a.row_no';
  // One pass over the staged text: every row is typed once and kept with its reason (NULL = used). tx and
  // excluded are views over it, and excluded reads the text as written back from the staging table, so no
  // second copy of the data is held (at the benchmark's largest files a copy does not fit in a tab). Without a
  // staging table, tx_all kept that text itself, on the rows not used only.
  const kept = keptColumns(p);
  const shown = (h: string) => (p.keepText ? `a.kept_text[${kept.indexOf(p.columnOf(h)) + 1}]` : col(h));
  const from = p.keepText ? `${ident(names.all)} a` : `${ident(names.all)} a JOIN ${ident(p.staging)} s ON s.rowid = a.rid`;
  return `
CREATE OR REPLACE VIEW ${ident(names.tx)} AS
SELECT row_no, file_no, customer_id, order_id, order_date, amount, cost, is_return FROM ${ident(names.all)} WHERE reason IS NULL;

CREATE OR REPLACE VIEW ${ident(names.excluded)} AS
SELECT a.file_no, ${rowNumber} AS row_no, a.reason, ${keep.map((h) => `${shown(h)} AS ${ident(h)}`).join(', ')}
FROM ${from}
WHERE a.reason IS NOT NULL ORDER BY a.file_no, a.row_no;
`;
}
