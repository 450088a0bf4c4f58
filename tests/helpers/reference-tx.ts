/**
 * Builds the `tx` table (the ingest's output contract) directly from the shared real data files with
 * plain SQL, independently of the project's ingest, and reads the reference files as text.
 *
 * tx(row_no BIGINT, file_no INTEGER, customer_id VARCHAR NOT NULL, order_id VARCHAR NOT NULL,
 *    order_date DATE NOT NULL, amount DECIMAL(18,4) NOT NULL, cost DECIMAL(18,4) NULL, is_return BOOLEAN NOT NULL)
 */
import { join } from 'node:path';
import type { Engine } from '../../workers/engine';
import { SHARED_DATA } from './duckdb';

export const TX_DDL = `CREATE OR REPLACE TABLE tx(row_no BIGINT, file_no INTEGER, customer_id VARCHAR NOT NULL,
  order_id VARCHAR NOT NULL, order_date DATE NOT NULL, amount DECIMAL(18,4) NOT NULL, cost DECIMAL(18,4),
  is_return BOOLEAN NOT NULL)`;

const q = (s: string) => "'" + s.replaceAll("'", "''") + "'";

/** CDNOW_master.txt: runs of spaces, text ids, YYYYMMDD dates, no order id (order = customer|day). */
export function loadCdnowTx(engine: Engine): void {
  loadSpacedCdnow(engine, 'CDNOW_master.txt', { skip: 1, date: 2, amount: 4 });
}

/** CDNOW_sample.txt: no header; sample id, original id, YYYYMMDD date, CDs, dollar value (order = customer|day). */
export function loadCdnowSampleTx(engine: Engine): void {
  loadSpacedCdnow(engine, 'CDNOW_sample.txt', { skip: 0, date: 3, amount: 5 });
}

/** A CDNOW file: fields split on runs of spaces; the customer is field 1, date and amount at the given fields. */
function loadSpacedCdnow(engine: Engine, file: string, f: { skip: number; date: number; amount: number }): void {
  const path = join(SHARED_DATA, 'cdnow', file);
  engine.exec(TX_DDL);
  engine.exec(`INSERT INTO tx
SELECT row_no, 1, parts[1], parts[1] || '|' || CAST(d AS VARCHAR), d, amount, NULL, amount < 0
FROM (
  SELECT row_no, parts, CAST(strptime(parts[${f.date}], '%Y%m%d') AS DATE) AS d, CAST(parts[${f.amount}] AS DECIMAL(18,4)) AS amount
  FROM (
    SELECT row_number() OVER () AS row_no, regexp_split_to_array(trim(line), '\\s+') AS parts
    FROM read_csv(${q(path)}, columns = {'line': 'VARCHAR'}, header = false, skip = ${f.skip}, delim = '\\t',
      quote = '', escape = '', auto_detect = false)
    WHERE trim(line) <> ''
  )
)`);
}

/**
 * Online Retail (the December 2010 slice or the whole gzip file): rows without CustomerID excluded,
 * amount = Quantity × UnitPrice in DECIMAL, order = InvoiceNo, order date = the invoice's day.
 */
export function loadOnlineRetailTx(engine: Engine, file: 'online_retail_2010-12.csv' | 'online_retail.csv.gz'): void {
  const path = join(SHARED_DATA, 'online_retail', file);
  engine.exec(TX_DDL);
  engine.exec(`INSERT INTO tx
SELECT row_no, 1, CustomerID, InvoiceNo, CAST(substr(InvoiceDate, 1, 10) AS DATE),
  CAST(CAST(Quantity AS DECIMAL(18,4)) * CAST(UnitPrice AS DECIMAL(18,4)) AS DECIMAL(18,4)), NULL,
  CAST(Quantity AS INTEGER) < 0 OR InvoiceNo LIKE 'C%'
FROM (
  SELECT row_number() OVER () AS row_no, *
  FROM read_csv(${q(path)}, header = true, all_varchar = true)
)
WHERE CustomerID IS NOT NULL AND trim(CustomerID) <> ''`);
}

/** rfm_data_orders.csv: one row per order for rfm; here order = customer|day (11 same-day pairs merge). */
export function loadRfmDataOrdersTx(engine: Engine): void {
  const path = join(SHARED_DATA, 'rfm_data_orders', 'rfm_data_orders.csv');
  engine.exec(TX_DDL);
  engine.exec(`INSERT INTO tx
SELECT row_no, 1, customer_id, customer_id || '|' || order_date, CAST(order_date AS DATE),
  CAST(revenue AS DECIMAL(18,4)), NULL, CAST(revenue AS DECIMAL(18,4)) < 0
FROM (
  SELECT row_number() OVER () AS row_no, *
  FROM read_csv(${q(path)}, header = true, all_varchar = true)
)`);
}

/** Hand-made lines: [customer, order (null = customer|day), day, amount as decimal text]. */
export type Line = [customer: string, order: string | null, day: string, amount: string];

/** Creates tx from hand-made lines (is_return = amount < 0). */
export function loadLines(engine: Engine, lines: Line[]): void {
  engine.exec(TX_DDL);
  if (!lines.length) return;
  const values = lines.map(
    ([c, o, d, a], i) =>
      `(${i + 1}, 1, ${q(c)}, ${q(o ?? `${c}|${d}`)}, DATE ${q(d)}, CAST(${q(a)} AS DECIMAL(18,4)), NULL, CAST(${q(a)} AS DECIMAL(18,4)) < 0)`,
  );
  engine.exec(`INSERT INTO tx VALUES ${values.join(', ')}`);
}

/** Reads a reference CSV (plain or .gz) as text rows: every value a string, empty = ''. */
export function readReferenceCsv(engine: Engine, relPath: string): Record<string, string>[] {
  const path = join(SHARED_DATA, relPath);
  const rows = engine.rows<Record<string, string | null>>(
    `SELECT * FROM read_csv(${q(path)}, header = true, all_varchar = true)`,
  );
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ''])));
}

/** A decimal text as an exact integer number of 1e-`scale` units ('11.77' → 117700n at scale 4). */
export function scaled(text: string, scale = 4): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`Not a decimal: ${text}`);
  const frac = (m[3] ?? '').padEnd(scale, '0');
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) throw new Error(`More than ${scale} decimals: ${text}`);
  const v = BigInt((m[2] || '0') + frac.slice(0, scale));
  return m[1] === '-' ? -v : v;
}

/**
 * Six hand-made customers for equal-size scoring (A = 2024-01-11): frequency a..f = 1, 1, 1, 1, 2, 3;
 * recency a 1, b 1, c 5, d 5, e 5, f 9; net 10 each (monetary ties everywhere).
 */
export const SIX_EQUAL_SIZE_CUSTOMERS: Line[] = [
  ['a', null, '2024-01-10', '10'],
  ['b', null, '2024-01-10', '10'],
  ['c', null, '2024-01-06', '10'],
  ['d', null, '2024-01-06', '10'],
  ['e', null, '2024-01-01', '5'],
  ['e', null, '2024-01-06', '5'],
  ['f', null, '2023-12-30', '1'],
  ['f', null, '2023-12-31', '1'],
  ['f', null, '2024-01-02', '8'],
];
