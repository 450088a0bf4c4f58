/**
 * Files that defeated the loader (issue 15), each made in a few lines as a user's tool would write it, dropped
 * over an analysed data set: every one gives an analysis or a refusal with what was found, and the CDNOW
 * analysis loaded before stays. Expected figures come from ../shared/data/cdnow/README.md or are counted by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { cdnowRows } from '../helpers/cdnow-dialects';
import { Engine } from '../../workers/engine';
import { Workspace, type QualitySummary } from '../../workers/workspace';
import { isUserError, type UserError } from '../../workers/errors';
import { t } from '../../src/i18n/messages';

const CDNOW_ROWS = 69_659; // ../shared/data/cdnow/README.md
const CDNOW_REVENUE = '2500315.63';
let ws: Workspace;

beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const good = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  ws.analyze({ mapping: good.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
});

const analysedRows = () => ws.engine.one<{ n: number }>('SELECT count(*) AS n FROM tx')!.n;
const analysedRevenue = () => String(ws.engine.one<{ r: string }>('SELECT CAST(sum(amount) AS VARCHAR) AS r FROM tx')!.r);

/** Opens a file that must be refused; checks the analysis on screen before it is still there. */
async function refusal(name: string, bytes: BlobPart): Promise<UserError> {
  const before = [analysedRows(), analysedRevenue()];
  let err: unknown;
  await ws.open([{ file: new Blob([bytes]), name }]).then(
    () => (err = 'opened'),
    (e) => (err = e),
  );
  if (!isUserError(err)) throw new Error(`expected a UserError, got ${String(err)}`);
  expect(err.file).toBe(name);
  expect([analysedRows(), analysedRevenue()]).toEqual(before);
  return err;
}

async function analyse(name: string, bytes: BlobPart, dateFormat: 'iso' | 'ymd-compact' = 'iso'): Promise<QualitySummary> {
  const opened = await ws.open([{ file: new Blob([bytes]), name }]);
  return ws.analyze({ mapping: opened.guess, dateFormat, decimalMark: 'point' });
}

const revenue = (s: QualitySummary) => s.revenue.replace(/0+$/, '').replace(/\.$/, '');
const rowsOf = (reason: string) => ws.excludedCsv(reason).trim().split('\r\n').slice(1).map((l) => Number(l.split(',')[1]));

describe('limits refuse the file with what was found', () => {
  it('the CDNOW analysis is loaded first', () => {
    expect(analysedRows()).toBe(CDNOW_ROWS);
    expect(analysedRevenue().replace(/0+$/, '')).toBe(CDNOW_REVENUE);
  });

  it('a file that never ends its record: one line of 5 MiB, no separator, no newline', async () => {
    const err = await refusal('endless.csv', 'x'.repeat(5 * 1024 * 1024 + 200 * 1024));
    expect(err.code).toBe('record-too-long');
    expect(err.row).toBe(1);
    expect(err.facts).toMatchObject({ bytes: 5 * 1024 * 1024 + 200 * 1024, separator: false, limit: 1024 * 1024 });
    expect(t.found(err)).toBe('Line 1 is 5.2 MiB long with no separator: this does not look like a table (the limit is 1.0 MiB per row).');
  });

  it('a record longer than 1 MiB further down: refused with its row number', async () => {
    const rows = ['customer,date,amount', 'A,2024-01-01,1', 'B,2024-01-02,2', `C,2024-01-03,${'9'.repeat(1_200_000)}`, 'D,2024-01-04,4'];
    const err = await refusal('long-row.csv', rows.join('\n') + '\n');
    expect(err.code).toBe('record-too-long');
    expect(err.row).toBe(4);
  });

  it('a very wide file: 100,000 columns is refused as too wide, not as "header but no data rows"', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `col${i}`).join(',');
    const row = Array.from({ length: 100_000 }, (_, i) => String(i % 10)).join(',');
    const err = await refusal('wide.csv', [header, row, row].join('\n'));
    expect(err.code).toBe('too-many-columns');
    expect(err.facts?.columns).toBeGreaterThan(2000);
    expect(err.facts?.limit).toBe(2000);
    expect(t.found(err)).toMatch(/^The first row has [\d,]+ (or more )?columns; at most 2,000 are read\.$/);
  });

  it('2,001 columns (the header within the sample) is refused with the exact count', async () => {
    const header = Array.from({ length: 2001 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 2001 }, () => '1').join(',');
    const err = await refusal('wide2.csv', [header, row].join('\n'));
    expect(err.code).toBe('too-many-columns');
    expect(err.facts?.columns).toBe(2001);
  });

  it('no separator at all: a list of words', async () => {
    const err = await refusal('words.txt', 'alpha\nbeta\ngamma\ndelta\n');
    expect(err.code).toBe('no-separator');
  });

  it('no consistent separator: prose with commas here and there', async () => {
    const prose = ['Dear all, here', 'are the figures for March, April, May', 'and June, July, August', 'Regards', 'Ann, Bob', 'PS: one, two, three, four'].join('\n');
    const err = await refusal('letter.txt', prose);
    expect(err.code).toBe('inconsistent-separator');
    expect(t.found(err)).toMatch(/gives \d+ columns in only \d+% of the first 6 rows/);
  });
});

describe('every record is accounted for', () => {
  it('an opening quote never closed: rows read = records in the file, the quote line is one row not used, numbers true', async () => {
    // Record 1 header; 2 used; 3 opens a quote that never closes; 4 bad date; 5, 6 used.
    const csv = 'customer,date,amount\nA,2024-01-05,10\nB,"2024-01-06,11\nC,2024-13-07,12\nD,2024-01-08,13\nE,2024-01-09,14\n';
    const s = await analyse('open-quote.csv', csv);
    expect(s.rowsRead).toBe(5);
    expect(s.rowsUsed).toBe(3);
    expect(Object.fromEntries(s.exclusions.map((e) => [e.reason, e.rows]))).toEqual({ malformed: 1, 'bad-date': 1 });
    expect(rowsOf('malformed')).toEqual([3]);
    expect(rowsOf('bad-date')).toEqual([4]);
    expect(ws.excludedCsv('malformed')).toContain('B,""2024-01-06,11');
  });

  it('an unclosed quote that a later quote seems to close: only the line where it opens is lost', async () => {
    const csv = 'customer,date,amount,note\r\nA,2024-01-05,10,x\r\nB,2024-01-06,11,"oops\r\nC,2024-01-07,12,y\r\nD,2024-01-08,13,"fine"\r\nE,2024-01-09,14,z\r\n';
    const s = await analyse('open-quote-2.csv', csv);
    expect(s.rowsRead).toBe(5);
    expect(s.rowsUsed).toBe(4);
    expect(rowsOf('malformed')).toEqual([3]);
    expect(revenue(s)).toBe('49'); // 10 + 12 + 13 + 14
  });

  it('newlines inside quoted fields (one row in five) load, and ragged rows are counted, not padded', async () => {
    const lines = ['customer,date,amount,product'];
    for (let i = 0; i < 50; i++) {
      const product = i % 5 === 0 ? `"Mug, large\nblue"` : `Mug ${i}`;
      lines.push(`C${i % 7},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i},${product}`);
    }
    lines.push('Z1,2024-02-01,5'); // too few fields: not padded with an empty product
    lines.push('Z2,2024-02-02,6,mug,extra'); // too many
    const s = await analyse('multiline.csv', lines.join('\n') + '\n');
    expect(s.rowsRead).toBe(52);
    expect(s.rowsUsed).toBe(50);
    expect(revenue(s)).toBe(String((49 * 50) / 2)); // 0 + 1 + … + 49
    expect(s.exclusions).toEqual([{ reason: 'malformed', rows: 2 }]);
    expect(rowsOf('malformed')).toEqual([52, 53]);
  });

  it('a file whose every row is malformed is refused with the count, not as "header but no data rows"', async () => {
    const err = await refusal('all-bad.csv', 'customer,date,amount\nA,2024-01-01\nB,2024-01-02\n');
    expect(err.code).toBe('no-rows-used');
    expect(err.facts?.counts).toEqual([{ reason: 'malformed', rows: 2 }]);
    expect(err.facts?.examples?.map((x) => x.row)).toEqual([2, 3]);
  });

  it('no row has a customer id: Analyze refuses, and the CDNOW analysis stays', async () => {
    const csv = 'customer,date,amount\n,2024-01-01,1\n ,2024-01-02,2\n,2024-01-03,3\n';
    const before = [analysedRows(), analysedRevenue()];
    const opened = await ws.open([{ file: new Blob([csv]), name: 'no-ids.csv' }]);
    let err: unknown;
    try {
      ws.analyze({ mapping: { ...opened.guess, customer: 'customer' }, dateFormat: 'iso', decimalMark: 'point' });
    } catch (e) {
      err = e;
    }
    expect(isUserError(err) && err.code).toBe('no-rows-used');
    expect(isUserError(err) && err.facts?.counts).toEqual([{ reason: 'no-customer', rows: 3 }]);
    expect([analysedRows(), analysedRevenue()]).toEqual(before);
    expect(t.found(err as UserError)).toContain('3 × No customer id');
  });
});

/** CDNOW as Excel's "Unicode text" would save it: tab-separated, CRLF, a header. */
function cdnowTabText(): string {
  return ['customer\tdate\tcds\tdollars', ...cdnowRows().map((r) => r.join('\t'))].join('\r\n') + '\r\n';
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const dv = new DataView(out.buffer);
  let at = 0;
  if (bom) { dv.setUint16(0, 0xfeff, !bigEndian); at = 2; }
  for (let i = 0; i < text.length; i++, at += 2) dv.setUint16(at, text.charCodeAt(i), !bigEndian);
  return out;
}

describe('encodings', () => {
  it.each([
    ['UTF-16LE with a BOM (Excel "Unicode text", named .csv)', false, true, 'utf-16le'],
    ['UTF-16BE with a BOM', true, true, 'utf-16be'],
    ['UTF-16LE without a BOM (every other byte zero)', false, false, 'utf-16le'],
    ['UTF-16BE without a BOM', true, false, 'utf-16be'],
  ] as const)('%s: CDNOW reads to the published figures', async (_name, big, bom, encoding) => {
    // Small chunks, so that characters and records are cut between chunks.
    const bytes = utf16(cdnowTabText(), big, bom);
    const opened = await ws.open([{ file: new Blob([bytes]), name: 'cdnow-unicode.csv' }]);
    expect(opened.files[0]).toMatchObject({ encoding, delimiter: '\t', header: true, rows: CDNOW_ROWS });
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
    expect(s.rowsUsed).toBe(CDNOW_ROWS);
    expect(s.customers).toBe(23_570);
    expect(revenue(s)).toBe(CDNOW_REVENUE);
  });

  it('UTF-16 keeps letters beyond ASCII, and UTF-8 with a BOM too', async () => {
    const text = 'klant\tdatum\tbedrag\r\nJosé\t2024-01-05\t10\r\nÅsa 😀\t2024-01-06\t11\r\n';
    for (const bytes of [utf16(text, false, true), Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])]) {
      const opened = await ws.open([{ file: new Blob([bytes]), name: 'names.csv' }]);
      expect(opened.columns).toEqual(['klant', 'datum', 'bedrag']);
      expect(opened.preview.map((r) => r[0])).toEqual(['José', 'Åsa 😀']);
    }
  });
});

describe('degenerate but valid files', () => {
  it('dates far in the past and the future are read as written', async () => {
    const s = await analyse('far-dates.csv', 'customer,date,amount\nA,1901-01-01,5\nB,2199-12-31,6\nC,2024-06-01,7\n');
    expect(s.firstOrder).toBe('1901-01-01');
    expect(s.lastOrder).toBe('2199-12-31');
    expect(s.rowsUsed).toBe(3);
  });

  it('duplicate header names are made unique', async () => {
    const opened = await ws.open([{ file: new Blob(['customer,amount,date,amount\nA,1,2024-01-01,2\n']), name: 'dupes.csv' }]);
    expect(opened.columns).toEqual(['customer', 'amount', 'date', 'amount_2']);
  });

  it('a preamble above the header (a title, a blank line) is skipped and said; row numbers count its lines', async () => {
    const csv = 'Sales report;;\nExported 2024-07-01;;\n\ncustomer;date;amount\nA;2024-01-01;1\nB;2024-13-02;2\nC;2024-01-03;3\n';
    const opened = await ws.open([{ file: new Blob([csv]), name: 'preamble.csv' }]);
    expect(opened.columns).toEqual(['customer', 'date', 'amount']);
    expect(opened.files[0]).toMatchObject({ preamble: 2, header: true, rows: 3 });
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(s.rowsRead).toBe(3);
    expect(s.rowsUsed).toBe(2);
    // Lines 1–3 preamble and blank, 4 header, 5 A, 6 B (bad date), 7 C.
    expect(rowsOf('bad-date')).toEqual([6]);
  });
});
