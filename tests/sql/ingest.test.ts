import { describe, expect, it, beforeAll } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { cdnowAsEuropeanCsv } from '../helpers/cdnow-dialects';
import { Engine } from '../../workers/engine';
import { Workspace, type QualitySummary } from '../../workers/workspace';
import { isUserError } from '../../workers/errors';

const CDNOW = join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt');

// Expected figures: ../shared/data/cdnow/README.md (computed outside this project with native DuckDB).
const CDNOW_FIGURES = {
  rowsRead: 69_659,
  rowsUsed: 69_659,
  customers: 23_570,
  orders: 67_591,
  firstOrder: '1997-01-01',
  lastOrder: '1998-06-30',
  revenue: '2500315.63',
};

function figures(s: QualitySummary) {
  return {
    rowsRead: s.rowsRead,
    rowsUsed: s.rowsUsed,
    customers: s.customers,
    orders: s.orders,
    firstOrder: s.firstOrder,
    lastOrder: s.lastOrder,
    revenue: s.revenue.replace(/0+$/, '').replace(/\.$/, ''),
  };
}

let ws: Workspace;
beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
});

describe('CDNOW as a user drops it', () => {
  it('detects the fixed-width dialect and the columns', async () => {
    const opened = await ws.open([{ file: await openAsBlob(CDNOW), name: 'CDNOW_master.txt' }]);
    expect(opened.files[0]).toMatchObject({ format: 'csv', delimiter: 'whitespace', header: true, encoding: 'utf-8' });
    expect(opened.columns).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(opened.rows).toBe(69_659);
    expect(opened.preview[0]).toEqual(['00001', '19970101', '1', '11.77']);
    expect(opened.guess).toMatchObject({ customer: 'customer_id', date: 'date', amount: 'dollar_value', order: null });
    expect(opened.dateFormat).toBe('ymd-compact');
  });

  it('gives the published summary figures', () => {
    const s = ws.analyze({
      mapping: { customer: 'customer_id', order: null, date: 'date', amount: 'dollar_value', quantity: 'number_of_cds', unitPrice: null, cost: null, profit: null },
      dateFormat: 'ymd-compact',
      decimalMark: 'point',
    });
    expect(figures(s)).toEqual(CDNOW_FIGURES);
    expect(s.exclusions).toEqual([]);
    expect(s.ordersAreCustomerDays).toBe(true);
    // 80 rows have a value of 0 (README); they are orders with a net of 0, not returns.
    expect(s.ordersNotPositive).toBe(80);
    expect(s.returnRows).toBe(0);
    // Customer ids stay text: 00001 is not 1.
    expect(ws.engine.one<{ n: number }>(`SELECT count(*) AS n FROM tx WHERE customer_id = '00001'`)!.n).toBe(1);
  });

  it('reads the same data as gzip', async () => {
    const gz = new Blob([new Uint8Array(gzipSync(readFileSync(CDNOW)))]);
    const opened = await ws.open([{ file: gz, name: 'CDNOW_master.txt.gz' }]);
    expect(opened.files[0]).toMatchObject({ gzip: true, rows: 69_659 });
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
    expect(figures(s)).toEqual(CDNOW_FIGURES);
  });

  it('reads a semicolon, decimal-comma, Windows-1252, dd/mm/yyyy rewrite of it to the same figures', async () => {
    const bytes = cdnowAsEuropeanCsv();
    const opened = await ws.open([{ file: new Blob([new Uint8Array(bytes)]), name: 'cdnow-nl.csv' }], undefined);
    expect(opened.files[0]).toMatchObject({ delimiter: ';', encoding: 'windows-1252', header: true });
    expect(opened.guess).toMatchObject({ customer: 'Klant', date: 'Datum', amount: 'Bedrag', quantity: 'Aantal' });
    expect(opened.dateFormat).toBe('dmy');
    expect(opened.decimalMark).toBe('comma');
    expect(opened.preview.map((r) => r[4]).slice(0, 4)).toEqual(['café', 'crème brûlée', 'señor', 'Ålborg']);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'dmy', decimalMark: 'comma' });
    expect(figures(s)).toEqual(CDNOW_FIGURES);
  });

  it('appends several files with the same columns, and counts rows by file', async () => {
    const text = readFileSync(CDNOW, 'latin1').split('\r\n');
    const header = text[0];
    const body = text.slice(1).filter((l) => l.trim());
    const half = 30_000;
    const a = new Blob([[header, ...body.slice(0, half)].join('\r\n') + '\r\n']);
    const b = new Blob([[header, ...body.slice(half)].join('\r\n') + '\r\n']);
    const opened = await ws.open([{ file: a, name: 'part1.txt' }, { file: b, name: 'part2.txt' }]);
    expect(opened.files.map((f) => f.rows)).toEqual([half, 69_659 - half]);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
    expect(figures(s)).toEqual(CDNOW_FIGURES);
  });
});

describe('online retail (UCI), December 2010', () => {
  it('excludes rows without a customer visibly and keeps cancellations', async () => {
    const file = join(SHARED_DATA, 'online_retail', 'online_retail_2010-12.csv');
    const opened = await ws.open([{ file: await openAsBlob(file), name: 'online_retail_2010-12.csv' }]);
    expect(opened.guess).toMatchObject({ customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', quantity: 'Quantity', unitPrice: 'UnitPrice', amount: null });
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    // ../shared/data/online_retail/README.md: rows 42,481; 15,631 without customer; 948 customers; 1,708 orders (308 not positive); revenue 554,604.02.
    expect(s.rowsRead).toBe(42_481);
    expect(s.exclusions).toEqual([{ reason: 'no-customer', rows: 15_631 }]);
    expect(s.rowsUsed).toBe(42_481 - 15_631);
    expect(s.customers).toBe(948);
    expect(s.orders).toBe(1_708);
    expect(s.ordersNotPositive).toBe(308);
    expect(Number(s.revenue)).toBe(554_604.02);
    expect(s.returnRows).toBeGreaterThan(0);
    const csv = ws.excludedCsv('no-customer').trim().split('\r\n');
    expect(csv.length).toBe(15_631 + 1);
    expect(csv[0].split(',').slice(0, 3)).toEqual(['file', 'row_no', 'reason']);
  });
});

describe('rows not used, as written', () => {
  it('a negative amount stays a number in the download; a formula in the same row is guarded', async () => {
    const csv = 'customer,date,amount\n,2024-01-05,-5.00\n=1+2,2024-01-06,12.50\n,2024-01-07,-2+3\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'returns.csv' }]);
    const mapping = { ...opened.guess, customer: 'customer', date: 'date', amount: 'amount' };
    const s = ws.analyze({ mapping, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.exclusions).toEqual([{ reason: 'no-customer', rows: 2 }]);
    expect(ws.excludedCsv('no-customer').split('\r\n')).toEqual([
      'file,row_no,reason,customer,date,amount',
      'returns.csv,2,no-customer,,2024-01-05,-5.00',
      "returns.csv,4,no-customer,,2024-01-07,'-2+3",
      '',
    ]);
  });
});

describe('bad input keeps the data already loaded', () => {
  const bad: [string, string, Blob][] = [
    ['empty.csv', 'empty-file', new Blob([])],
    ['header-only.csv', 'header-only', new Blob(['customer,date,amount\r\n'])],
    ['binary.csv', 'binary-file', new Blob([new Uint8Array(4096).map((_, i) => (i * 7919) % 256)])],
    ['no-dates.csv', 'no-date-column', new Blob(['name,colour\nann,red\nbob,blue\n'])],
    ['corrupt.parquet', 'bad-parquet', new Blob([new Uint8Array([0x50, 0x41, 0x52, 0x31, 1, 2, 3, 4, 5, 6, 7, 8])])],
  ];
  it.each(bad)('%s gives %s', async (name, code, blob) => {
    const good = await ws.open([{ file: await openAsBlob(CDNOW), name: 'CDNOW_master.txt' }]);
    ws.analyze({ mapping: good.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
    let err: unknown;
    await ws.open([{ file: blob, name }]).catch((e) => (err = e));
    expect(isUserError(err) && err.code).toBe(code);
    expect(isUserError(err) && err.file).toBe(name);
    // The earlier analysis is intact.
    expect(ws.engine.one<{ n: number }>('SELECT count(*) AS n FROM tx')!.n).toBe(69_659);
  });

  it('a file over the size limit is refused with a message, not a crash', async () => {
    const small = new Workspace(ws.engine, { maxFileBytes: 1000 });
    let err: unknown;
    await small.open([{ file: new Blob(['x'.repeat(2000)]), name: 'big.csv' }]).catch((e) => (err = e));
    expect(isUserError(err) && err.code).toBe('too-large');
  });

  it('files whose columns differ are not appended', async () => {
    let err: unknown;
    await ws
      .open([
        { file: new Blob(['customer,date,amount\n1,2024-01-02,3\n']), name: 'a.csv' },
        { file: new Blob(['client,day,total,extra\n1,2024-01-02,3,4\n']), name: 'b.csv' },
      ])
      .catch((e) => (err = e));
    expect(isUserError(err) && err.code).toBe('columns-mismatch');
    expect(isUserError(err) && err.file).toBe('b.csv');
  });

  it('a cancelled load leaves nothing behind', async () => {
    const tablesBefore = ws.engine.rows<{ name: string }>('SELECT table_name AS name FROM duckdb_tables() ORDER BY 1');
    ws.cancel();
    const p = ws.open([{ file: new Blob([new Uint8Array(readFileSync(CDNOW))]), name: 'CDNOW_master.txt' }], () => ws.cancel());
    let err: unknown;
    await p.catch((e) => (err = e));
    expect(isUserError(err) && err.code).toBe('cancelled');
    expect(ws.engine.rows('SELECT table_name AS name FROM duckdb_tables() ORDER BY 1')).toEqual(tablesBefore);
  });
});
