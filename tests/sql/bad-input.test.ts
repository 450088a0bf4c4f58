import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import { isUserError } from '../../workers/errors';
import { t } from '../../src/i18n/messages';

interface Case { file: string; code: string | null; message: string }
const FIXTURES = join(new URL('.', import.meta.url).pathname, '..', 'fixtures', 'bad');
const cases: Case[] = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8'));

let ws: Workspace;
beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const good = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  ws.analyze({ mapping: good.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
});

describe('bad-input fixtures produce their message, and the loaded data stays', () => {
  it.each(cases.filter((c) => c.code))('$file → $code', async ({ file, code, message }) => {
    let err: unknown;
    await ws.open([{ file: await openAsBlob(join(FIXTURES, file)), name: file }]).catch((e) => (err = e));
    expect(isUserError(err) ? err.code : err).toBe(code);
    expect(isUserError(err) && err.file).toBe(file);
    expect(t.errors[code as keyof typeof t.errors]).toBe(message);
    expect(ws.engine.one<{ n: number }>('SELECT count(*) AS n FROM tx')!.n).toBe(69_659);
  });

  it('a file of one customer loads, and the summary warns that scores say little', async () => {
    const c = cases.find((x) => x.file === 'one-customer.csv')!;
    const opened = await ws.open([{ file: await openAsBlob(join(FIXTURES, c.file)), name: c.file }]);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.customers).toBe(1);
    expect(s.orders).toBe(3);
    expect(s.revenue).toBe('20.0000'); // 10.00 + 12.50 − 2.50
    expect(s.returnRows).toBe(1);
    expect(t.oneCustomer).toBe(c.message);
  });

  it('a date in an unknown format is counted per row, with file, row and the text as written', async () => {
    const csv = 'customer,date,amount\nA,2024-01-05,10\nB,05.01.24,11\nC,2024-02-30,12\nD,2024-03-01,abc\n,2024-03-02,4\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'mixed.csv' }]);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.rowsRead).toBe(5);
    expect(s.rowsUsed).toBe(1);
    expect(s.exclusions).toEqual([
      { reason: 'bad-date', rows: 2 },
      { reason: 'bad-amount', rows: 1 },
      { reason: 'no-customer', rows: 1 },
    ]);
    expect(ws.excludedCsv('bad-date')).toBe(
      'file,row_no,reason,customer,date,amount\r\nmixed.csv,3,bad-date,B,05.01.24,11\r\nmixed.csv,4,bad-date,C,2024-02-30,12\r\n',
    );
  });

  it('every reason, blank cells (spaces only) included; an empty cost is not a bad one', async () => {
    const csv = [
      'customer,date,amount,cost',
      'A,2024-01-05,10,6', // used
      'B,   ,11,6', // no-date (spaces only)
      'C,2024-13-01,12,6', // bad-date
      'D,2024-01-06,  ,6', // no-amount
      'E,2024-01-07,1O,6', // bad-amount (letter O)
      'F,2024-01-08,14,x', // bad-cost
      'G,2024-01-09,15,  ', // used: no cost given
      ' ,2024-01-10,16,6', // no-customer
    ].join('\n');
    const opened = await ws.open([{ file: new Blob([csv]), name: 'reasons.csv' }]);
    const s = ws.analyze({ mapping: { ...opened.guess, cost: 'cost' }, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.rowsUsed).toBe(2);
    expect(s.revenue).toBe('25.0000');
    expect(Object.fromEntries(s.exclusions.filter((e) => e.rows > 0).map((e) => [e.reason, e.rows]))).toEqual({
      'no-customer': 1, 'no-date': 1, 'bad-date': 1, 'no-amount': 1, 'bad-amount': 1, 'bad-cost': 1,
    });
    // Quantity × unit price: a blank price is a missing amount, a bad one a bad amount.
    const qp = 'customer,date,quantity,unit_price\nA,2024-01-05,2,1.50\nB,2024-01-05,2, \nC,2024-01-05,2,abc\n';
    const opened2 = await ws.open([{ file: new Blob([qp]), name: 'qp.csv' }]);
    const s2 = ws.analyze({ mapping: { ...opened2.guess, amount: null, quantity: 'quantity', unitPrice: 'unit_price' }, dateFormat: 'iso', decimalMark: 'point' });
    expect(s2.revenue).toBe('3.0000');
    expect(Object.fromEntries(s2.exclusions.filter((e) => e.rows > 0).map((e) => [e.reason, e.rows]))).toEqual({ 'no-amount': 1, 'bad-amount': 1 });
  });

  it('rows the CSV reader cannot split are counted as malformed and downloadable', async () => {
    const csv = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,11,extra\nC,2024-01-07,12\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'ragged.csv' }]);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.rowsRead).toBe(3);
    expect(s.rowsUsed).toBe(2);
    expect(s.exclusions).toEqual([{ reason: 'malformed', rows: 1 }]);
    const lines = ws.excludedCsv('malformed').trim().split('\r\n');
    expect(lines.length).toBe(2);
    expect(lines[1]).toContain('B,2024-01-06,11,extra');
  });

  it('row numbers of excluded rows count the rejected rows before them', async () => {
    // Record 1 is the header. 2 used, 3 malformed, 4 bad date, 5 malformed, 6 no customer, 7 used.
    const csv = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,11,extra\nC,2024-13-07,12\nD,x,1,2,3\n,2024-01-08,5\nF,2024-01-09,6\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'gaps.csv' }]);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.rowsRead).toBe(6);
    expect(s.rowsUsed).toBe(2);
    // Row 5 has two extra fields, two errors for DuckDB: still one malformed row.
    expect(s.exclusions.find((e) => e.reason === 'malformed')?.rows).toBe(2);
    const rowsOf = (reason: string) => ws.excludedCsv(reason).trim().split('\r\n').slice(1).map((l) => l.split(',')[1]);
    expect(rowsOf('malformed')).toEqual(['3', '5']);
    expect(rowsOf('bad-date')).toEqual(['4']);
    expect(rowsOf('no-customer')).toEqual(['6']);
  });

  it('a wrong date format uses no row: refused with the count per reason and the first rows, the earlier analysis kept', async () => {
    const before = ws.engine.one<{ n: number }>('SELECT count(*) AS n FROM tx')!.n;
    const csv = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,11\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'iso.csv' }]);
    let err: unknown;
    try {
      ws.analyze({ mapping: opened.guess, dateFormat: 'dmy', decimalMark: 'point' });
    } catch (e) {
      err = e;
    }
    expect(isUserError(err) && err.code).toBe('no-rows-used');
    expect(isUserError(err) && err.facts).toEqual({
      counts: [{ reason: 'bad-date', rows: 2 }],
      examples: [
        { row: 2, reason: 'bad-date', text: 'A, 2024-01-05, 10' },
        { row: 3, reason: 'bad-date', text: 'B, 2024-01-06, 11' },
      ],
    });
    // The analysis before (and its excluded rows) is untouched; the same file with the right format analyses.
    expect(ws.engine.one<{ n: number }>('SELECT count(*) AS n FROM tx')!.n).toBe(before);
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.rowsUsed).toBe(2);
  });
});
