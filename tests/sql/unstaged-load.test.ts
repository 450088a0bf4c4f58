/**
 * Issue 19, "read less, once": a data set of CSV files is not staged as text. The loader counts its rows and
 * keeps the chunks it read (as bytes, outside DuckDB), and Analyze types the chunks straight from them. Checked
 * here: the staging table holds only the mapping step's sample; Online Retail, read in 1 MiB chunks that way,
 * gives the reference summary and every customer of the reference; and on files made to hold every kind of bad
 * row (counted by hand below), in chunks of a few KiB, the open, the summary, every list of rows not used and the
 * rows used are the same as with the staged loader, byte for byte.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openNodeDuckDB, SHARED_DATA } from '../helpers/duckdb';
import { readReferenceCsv } from '../helpers/reference-tx';
import { cdnowAsEuropeanCsv } from '../helpers/cdnow-dialects';
import { Engine } from '../../workers/engine';
import { Workspace, type AnalyzeRequest, type FileInput, type OpenedDataset } from '../../workers/workspace';
import { SAMPLE_ROWS } from '../../workers/ingest/load-csv';
import { isUserError } from '../../workers/errors';
import { EXCLUSION_REASONS } from '../../src/sql/transactions';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

const rowsOfTable = (ws: Workspace, table: string) => ws.engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;

describe('Online Retail (541,909 rows), not staged, read in 1 MiB chunks', () => {
  let ws: Workspace;
  let opened: OpenedDataset;
  beforeAll(async () => {
    ws = new Workspace(new Engine(await openNodeDuckDB()), { chunkBytes: 1024 * 1024 });
    const path = join(SHARED_DATA, 'online_retail', 'online_retail.csv.gz');
    opened = await ws.open([{ file: await openAsBlob(path), name: 'online_retail.csv.gz' }]);
  });

  it('the staging table holds the sample only; the open still counts every row', () => {
    expect(opened.rows).toBe(541_909);
    expect(rowsOfTable(ws, `staging_${opened.id}`)).toBe(SAMPLE_ROWS);
    expect(opened.preview[0].slice(0, 4)).toEqual(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6']);
  });

  it('gives the reference summary (online_retail/reference/online_retail.summary.json)', () => {
    expect(opened.guess).toMatchObject({ customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', quantity: 'Quantity', unitPrice: 'UnitPrice' });
    const s = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    const ref = JSON.parse(readFileSync(join(SHARED_DATA, 'online_retail', 'reference', 'online_retail.summary.json'), 'utf8'));
    expect({
      rowsRead: s.rowsRead, rowsUsed: s.rowsUsed, customers: s.customers, orders: s.orders, ordersNotPositive: s.ordersNotPositive,
      firstOrder: s.firstOrder, lastOrder: s.lastOrder, exclusions: s.exclusions,
    }).toEqual({
      rowsRead: ref.rows_read, rowsUsed: ref.rows_used, customers: ref.customers, orders: ref.orders, ordersNotPositive: ref.orders_not_positive,
      firstOrder: ref.first_order, lastOrder: ref.last_order, exclusions: [{ reason: 'no-customer', rows: ref.excluded['no customer id'] }],
    });
    // The reference gives revenue in cents; the exact sum (Python's Decimal over the same rows) is 8,300,065.814.
    expect(s.revenue).toBe('8300065.8140');
    expect(Math.round(Number(s.revenue) * 100) / 100).toBe(ref.revenue);
    // tx_all is the one copy of the data: after Analyze nothing else holds 541,909 rows.
    expect(rowsOfTable(ws, 'tx_all')).toBe(541_909);
    expect(rowsOfTable(ws, `staging_${opened.id}`)).toBe(SAMPLE_ROWS);
  });

  it('every customer equals the reference (online_retail.customers.csv.gz)', async () => {
    ws.score({
      analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null,
      segmentRules: presetRules('rfm'), costModel: zeroCostModel(),
    });
    const rows = new TextDecoder().decode(ws.exportCsv({ kind: 'all' })).trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const reference = readReferenceCsv(new Engine(await openNodeDuckDB()), 'online_retail/reference/online_retail.customers.csv.gz');
    expect(rows.length).toBe(reference.length);
    const byId = new Map(reference.map((r) => [r.customer_id, r]));
    const wrong = rows.filter(([id, rec, freq, mon, r, f, m]) => {
      const ref = byId.get(id);
      return !ref || rec !== ref.recency_days || freq !== ref.frequency || Number(mon) !== Number(ref.monetary) ||
        r !== ref.r_score || f !== ref.f_score || m !== ref.m_score;
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('the rows without a customer id are listed with their text, as the file has them', () => {
    const lines = ws.excludedCsv('no-customer').trim().split('\r\n');
    expect(lines.length).toBe(1 + 135_080);
    // The first one in the file (found with Python's csv module): data record 623, so row 624 with the header;
    // invoice 536414, 56 units at a price of 0.0.
    expect(lines[1]).toBe('online_retail.csv.gz,624,no-customer,,536414,2010-12-01 11:52:00,56,0.0');
  });
});

/**
 * A file with every kind of row, 20 per block: 0 no customer, 1 a date that does not exist, 2 no date, 3 an amount
 * that is not a number, 4 no amount, 5 a cost that is not a number, 6 a field too many (malformed), 7 a note
 * with a newline inside quotes (used), 8 in every fifth block a quote that never closes (malformed: that line
 * only; one in twenty rows makes the dialect's sniffer give up, as it should), 9–19 good. Above the header, a
 * title and a blank line.
 */
function messyCsv(blocks: number, lineEnd = '\n', delimiter = ','): string {
  const lines = ['Orders export 2024-05-01', '', ['customer', 'order', 'date', 'amount', 'cost', 'note'].join(delimiter)];
  for (let i = 0; i < blocks * 20; i++) {
    const kind = i % 20;
    const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const f = [`C${i % 137}`, `O${i}`, day, `${(i % 50) + 1}.25`, `${(i % 7) + 0.5}`, 'ok'];
    if (kind === 0) f[0] = '';
    if (kind === 1) f[2] = '2024-02-31';
    if (kind === 2) f[2] = '';
    if (kind === 3) f[3] = 'n/a';
    if (kind === 4) f[3] = '';
    if (kind === 5) f[4] = 'free';
    if (kind === 6) f.push('extra');
    if (kind === 7) f[5] = '"first line\nsecond line"';
    if (kind === 8 && Math.floor(i / 20) % 5 === 0) f[0] = `"C${i % 137}`;
    lines.push(f.join(delimiter));
  }
  return lines.join(lineEnd) + lineEnd;
}

describe('not staged, in small chunks, against the staged loader', () => {
  let staged: Workspace;
  let unstaged: Workspace;
  beforeAll(async () => {
    staged = new Workspace(new Engine(await openNodeDuckDB()), { stageCsv: true });
    unstaged = new Workspace(new Engine(await openNodeDuckDB()), { chunkBytes: 4096 });
  });

  /** Opens and analyses the files both ways; everything shown or downloaded must be the same. */
  async function both(files: () => Promise<FileInput[]>, request: (o: OpenedDataset) => AnalyzeRequest) {
    const a = await staged.open(await files());
    const b = await unstaged.open(await files());
    expect({ ...b, id: 0 }).toEqual({ ...a, id: 0 });
    expect(rowsOfTable(unstaged, `staging_${b.id}`)).toBeLessThanOrEqual(SAMPLE_ROWS);
    const sa = staged.analyze(request(a));
    const sb = unstaged.analyze(request(b));
    expect(sb).toEqual(sa);
    for (const reason of [...EXCLUSION_REASONS, 'malformed']) expect(unstaged.excludedCsv(reason)).toBe(staged.excludedCsv(reason));
    expect(new TextDecoder().decode(unstaged.transactionsCsv())).toBe(new TextDecoder().decode(staged.transactionsCsv()));
    return sb;
  }
  const blob = (name: string, text: string | Uint8Array<ArrayBuffer>): FileInput => ({ file: new Blob([text]), name });
  const messyRequest = (o: OpenedDataset): AnalyzeRequest => ({ mapping: { ...o.guess, cost: 'cost' }, dateFormat: 'iso', decimalMark: 'point' });

  it('every kind of bad row, counted by hand: 100 of each reason, 120 malformed, 1,280 used', async () => {
    const s = await both(async () => [blob('messy.csv', messyCsv(100))], messyRequest);
    expect(s.rowsRead).toBe(2000);
    expect(s.rowsUsed).toBe(12 * 100 + 80);
    expect(Object.fromEntries(s.exclusions.map((e) => [e.reason, e.rows]))).toEqual({
      malformed: 120, 'no-customer': 100, 'bad-date': 100, 'no-date': 100, 'bad-amount': 100, 'no-amount': 100, 'bad-cost': 100,
    });
    // Rows are records of the file: the title, the blank line and the header come first, so record i is row i + 4.
    const rows = (reason: string) => unstaged.excludedCsv(reason).trim().split('\r\n').slice(1, 4).map((l) => Number(l.split(',')[1]));
    expect(rows('no-customer')).toEqual([4, 24, 44]);
    expect(rows('bad-cost')).toEqual([9, 29, 49]);
    expect(rows('malformed')).toEqual([10, 12, 30]);
  });

  it('two files appended (the second with semicolons and CRLF), and the same file gzipped', async () => {
    const s = await both(
      async () => [blob('messy.csv', messyCsv(30)), blob('messy-2.csv', messyCsv(15, '\r\n', ';'))],
      messyRequest,
    );
    expect(s.rowsRead).toBe(900);
    // 12 used per block, and kind 8 too where its quote closes: 45 blocks, 6 + 3 of them with the unclosed quote.
    expect(s.rowsUsed).toBe(12 * 45 + 45 - 9);
    await both(async () => [blob('messy.csv.gz', new Uint8Array(gzipSync(messyCsv(50))))], messyRequest);
  });

  it('CDNOW as a fixed-width text, and rewritten as a Dutch spreadsheet (Windows-1252, semicolons, decimal comma)', async () => {
    const cdnow = join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt');
    const fixed = await both(async () => [{ file: await openAsBlob(cdnow), name: 'CDNOW_master.txt' }], (o) => ({ mapping: o.guess, dateFormat: 'ymd-compact', decimalMark: 'point' }));
    // ../shared/data/cdnow/README.md: 69,659 rows, 2,500,315.63 in all.
    expect([fixed.rowsRead, fixed.rowsUsed, Number(fixed.revenue)]).toEqual([69_659, 69_659, 2_500_315.63]);
    const dutch = await both(async () => [blob('cdnow-nl.csv', new Uint8Array(cdnowAsEuropeanCsv()))], (o) => ({ mapping: o.guess, dateFormat: 'dmy', decimalMark: 'comma' }));
    expect([dutch.rowsUsed, Number(dutch.revenue)]).toEqual([69_659, 2_500_315.63]);
  });

  it('Analyze reports the rows typed after each chunk, up to every row read but the malformed', async () => {
    const opened = await unstaged.open([blob('messy.csv', messyCsv(100))]);
    const reports: { rowsTyped: number; rowsTotal: number }[] = [];
    unstaged.analyze(messyRequest(opened), (p) => reports.push(p));
    // 2,000 records, 120 of them malformed (not typed); 4 KiB chunks of about 50-byte rows: dozens of reports.
    expect(reports.length).toBeGreaterThan(20);
    expect(reports.every((r, i) => r.rowsTotal === 1880 && (i === 0 || r.rowsTyped > reports[i - 1].rowsTyped))).toBe(true);
    expect(reports.at(-1)!.rowsTyped).toBe(1880);
  });

  it('a data set over keepBytes frees its chunks after Analyze: a new mapping asks for the file, the analysis stays', async () => {
    const small = new Workspace(new Engine(await openNodeDuckDB()), { chunkBytes: 4096, keepBytes: 10_000 });
    const file = () => [blob('messy.csv', messyCsv(20))];
    const opened = await small.open(file());
    const first = small.analyze(messyRequest(opened));
    let err: unknown = null;
    try {
      small.analyze({ ...messyRequest(opened), mapping: { ...opened.guess, cost: null } });
    } catch (e) {
      err = e;
    }
    expect(isUserError(err) && err.code).toBe('reopen-needed');
    expect(rowsOfTable(small, 'tx')).toBe(first.rowsUsed);
    // Read again (what the page does on that answer), the new mapping applies: the 20 bad costs are used.
    const again = await small.open(file());
    expect(small.analyze({ ...messyRequest(again), mapping: { ...again.guess, cost: null } }).rowsUsed).toBe(first.rowsUsed + 20);
  });

  it('a new mapping types the kept chunks again', async () => {
    const opened = await unstaged.open([blob('messy.csv', messyCsv(20))]);
    const first = unstaged.analyze(messyRequest(opened));
    // Without the cost column the 20 bad costs are used.
    const second = unstaged.analyze({ ...messyRequest(opened), mapping: { ...opened.guess, cost: null } });
    expect(second.rowsUsed).toBe(first.rowsUsed + 20);
    expect(second.exclusions.find((e) => e.reason === 'bad-cost')).toBeUndefined();
  });
});
