/**
 * The benchmark's least-work native baseline (bench/lib/least-work.mjs) on the real engine (duckdb-wasm, Node
 * build), read by DuckDB's typed CSV reader: every customer's R, F, M, scores and segment, and the segment counts,
 * against the independent reference files of ../shared/data (CDNOW: no order id, dates YYYYMMDD; Online Retail
 * December 2010: invoices with cancellations, rows without a customer, amount = quantity × unit price).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDuckDB, SHARED_DATA } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { readReferenceCsv } from '../helpers/reference-tx';
import { leastWorkSql, typedCsvSource } from '../../bench/lib/least-work.mjs';

let engine: Engine;
let cdnowCsv: string;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
  // CDNOW_master.txt is fixed-width (runs of spaces): the same fields as a comma-separated file, written here.
  const lines = readFileSync(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim());
  cdnowCsv = join(mkdtempSync(join(tmpdir(), 'least-work-')), 'cdnow.csv');
  writeFileSync(cdnowCsv, 'customer_id,date,number_of_cds,dollar_value\n' + lines.map((l) => l.trim().split(/\s+/).join(',')).join('\n') + '\n');
});

const CDNOW = () =>
  typedCsvSource({
    path: cdnowCsv, header: ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
    map: { customer: 'customer_id', order: null, date: 'date', amount: 'dollar_value' }, dateFormat: '%Y%m%d',
  });

/** Online Retail's December 2010 file, typed by the reader; its amount is quantity × unit price (no amount column). */
const ONLINE_RETAIL_2010_12 = () => `(SELECT CustomerID AS customer_id, InvoiceNo AS order_id, CAST(InvoiceDate AS DATE) AS order_date,
    CAST(Quantity * UnitPrice AS DECIMAL(18,4)) AS amount
  FROM read_csv('${join(SHARED_DATA, 'online_retail', 'online_retail_2010-12.csv')}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER', 'InvoiceDate': 'TIMESTAMP',
      'UnitPrice': 'DECIMAL(18,4)', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'}))`;

interface Customer {
  customer_id: string; recency_days: string; frequency: string; monetary: string; r_score: string; f_score: string; m_score: string; segment: string;
}
const FIELDS = ['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment'] as const;

function customers(source: string): Customer[] {
  return engine.rows<Customer>(`SELECT ${FIELDS.map((f) => `CAST(${f} AS VARCHAR) AS ${f}`).join(', ')} FROM (${leastWorkSql({ source, output: 'customers' })})`);
}

function segments(source: string): Record<string, number> {
  return Object.fromEntries(engine.rows<{ segment: string; customers: number }>(leastWorkSql({ source })).map((r) => [r.segment, r.customers]));
}

/** Customers whose figures differ from the reference file's row (or that one side lacks). */
function differences(got: Customer[], refPath: string): string[] {
  const ref = new Map(readReferenceCsv(engine, refPath).map((r) => [r.customer_id, r]));
  const out = got.filter((c) => {
    const r = ref.get(c.customer_id);
    return !r || FIELDS.some((f) => c[f] !== r[f]);
  }).map((c) => `${c.customer_id}: ${FIELDS.map((f) => c[f]).join(' ')} vs ${FIELDS.map((f) => ref.get(c.customer_id)?.[f]).join(' ')}`);
  if (got.length !== ref.size) out.push(`${got.length} customers vs ${ref.size}`);
  return out;
}

describe('least-work baseline on CDNOW (order = customer-day, analysis date 1998-07-01)', () => {
  it('gives the reference segment counts (cdnow/README.md)', () => {
    expect(segments(CDNOW())).toEqual({
      'Potential Loyalist': 8407, 'About To Sleep': 6703, Lost: 4340, Champions: 2345, Promising: 1011, 'Loyal Customers': 435,
      "Can't Lose Them": 169, 'Need Attention': 91, Others: 54, 'New Customers': 9, 'At Risk': 6,
    });
  });

  it('gives every customer the reference R, F, M, scores and segment (reference/cdnow.customers.csv.gz)', () => {
    const got = customers(CDNOW());
    expect(got.length).toBe(23_570);
    expect(got.find((c) => c.customer_id === '00502')?.m_score).toBe('3'); // 15.36 + 16.99 = 32.35 > 31.35, exactly
    expect(differences(got, 'cdnow/reference/cdnow.customers.csv.gz')).toEqual([]);
  });
});

describe('least-work baseline on Online Retail, December 2010 (invoices, cancellations, rows without customer)', () => {
  it('gives every customer the reference R, F, M, scores and segment (reference/online_retail_2010-12.customers.csv)', () => {
    const got = customers(ONLINE_RETAIL_2010_12());
    expect(got.length).toBe(948);
    expect(differences(got, 'online_retail/reference/online_retail_2010-12.customers.csv')).toEqual([]);
  });

  it('counts the customers per segment as the reference summary (online_retail_2010-12.summary.json)', () => {
    const summary = JSON.parse(readFileSync(join(SHARED_DATA, 'online_retail', 'reference', 'online_retail_2010-12.summary.json'), 'utf8'));
    expect(segments(ONLINE_RETAIL_2010_12())).toEqual(summary.segments);
  });
});
