import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { launchBrowser, openApp, outsideOrigin, recordCspViolations, recordRequests, serveDist, SHARED_DATA, summaryValue } from './harness';
import { cdnowAsEuropeanCsv } from '../helpers/cdnow-dialects';

// Expected figures: ../shared/data/cdnow/README.md.
const CDNOW_SUMMARY: [string, string][] = [
  ['Rows read', '69,659'],
  ['Rows used', '69,659'],
  ['Customers', '23,570'],
  ['Orders', '67,591'],
  ['First order', '1997-01-01'],
  ['Last order', '1998-06-30'],
  ['Revenue', '2,500,315.63'],
];

let server: Server;
let origin: string;
let url: string;
let browser: Browser;
let context: BrowserContext;
let requests: string[];
let cspViolations: () => Promise<string[]>;
let page: Page;

beforeAll(async () => {
  ({ server, origin, url } = await serveDist());
  browser = await launchBrowser();
  context = await browser.newContext({ acceptDownloads: true });
  requests = recordRequests(context);
  cspViolations = await recordCspViolations(context);
  page = await openApp(context, url);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function expectCdnowSummary() {
  await page.getByRole('region', { name: 'Data quality' }).waitFor();
  // The first and last order are among the details, which open on demand.
  const details = page.getByRole('region', { name: 'Data quality' }).getByRole('button', { name: 'Data quality details' });
  if ((await details.getAttribute('aria-expanded')) === 'false') await details.click();
  for (const [label, value] of CDNOW_SUMMARY) expect.soft(await summaryValue(page, label), label).toBe(value);
}

async function analyze() {
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('button', { name: 'Analyze' }).waitFor({ state: 'detached' });
}

describe('foundation in Chromium, production build served from a sub-path', () => {
  it('opens CDNOW through "Open transactions file", maps the columns and shows the summary', async () => {
    await page.getByLabel('Open transactions file').setInputFiles(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'));
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    await expect.poll(() => page.getByLabel('Customer', { exact: true }).inputValue()).toBe('customer_id');
    expect(await page.getByLabel('Order date', { exact: true }).inputValue()).toBe('date');
    expect(await page.getByLabel('Amount', { exact: true }).inputValue()).toBe('dollar_value');
    await analyze();
    await expectCdnowSummary();
    await expect.poll(() => page.getByText('one order is one customer on one calendar day').count()).toBe(1);
  });

  it('reads a dropped semicolon, decimal-comma, Windows-1252, dd/mm/yyyy file to the same figures', async () => {
    const bytes = cdnowAsEuropeanCsv().toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const bin = atob(b64);
      const arr = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([arr], 'cdnow-nl.csv', { type: 'text/csv' }));
      return dt;
    }, bytes);
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await page.getByRole('cell', { name: 'crème brûlée' }).first().waitFor();
    expect(await page.getByLabel('Customer', { exact: true }).inputValue()).toBe('Klant');
    expect(await page.getByLabel('Date format').inputValue()).toBe('dmy');
    expect(await page.getByLabel('Decimal mark').inputValue()).toBe('comma');
    await analyze();
    await expect.poll(() => page.getByRole('region', { name: 'Data quality' }).getByText('cdnow-nl.csv').count()).toBe(1);
    await expectCdnowSummary();
  });

  it('shows a clear message for a bad file and keeps the good data', async () => {
    await page.getByLabel('Open transactions file').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('customer;date;amount\r\n'),
    });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('has a header but no data rows');
    expect(await alert.textContent()).toContain('broken.csv');
    expect(await alert.textContent()).toContain('The data loaded before is still loaded.');
    await expectCdnowSummary();
  });

  it('a URL that cannot be fetched gives a message, and the data stays', async () => {
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel('Open from URL').fill(url + 'no-such-file.csv');
    await page.getByRole('button', { name: 'Open URL' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The file at this address could not be fetched.');
    expect(await alert.textContent()).toContain('HTTP 404');
    await expectCdnowSummary();
  });

  it('Cancel stops a load: the progress bar goes, a notice says nothing changed, the data stays', async () => {
    // About 20 MB (ten copies of CDNOW's rows), so that the load takes more than one 16 MiB chunk.
    const text = readFileSync(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'), 'latin1');
    const [header, ...rows] = text.split('\r\n');
    const big = [header, ...Array.from({ length: 10 }, () => rows.filter((r) => r.trim())).flat()].join('\r\n');
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(big) });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Loading was cancelled. Nothing changed.').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await expectCdnowSummary();
  });

  it('opens a Parquet file with its own types (parquet-wasm, bundled) to the same figures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cartera-e2e-'));
    const path = join(dir, 'cdnow.parquet');
    try {
      // Written by native DuckDB, not by the code under test.
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      const master = join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt').replaceAll("'", "''");
      await conn.run(
        `COPY (SELECT p[1] AS customer_id, strptime(p[2], '%Y%m%d')::DATE AS date, p[3]::INTEGER AS number_of_cds,
                      p[4]::DECIMAL(10,2) AS dollar_value
               FROM (SELECT string_split_regex(trim(replace(line, chr(13), '')), ' +') AS p
                     FROM read_csv('${master}', columns = {'line': 'VARCHAR'}, delim = '\x01', header = true, quote = '', escape = '')))
         TO '${path.replaceAll("'", "''")}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
      );
      conn.closeSync();
      db.closeSync();
      await page.getByLabel('Open transactions file').setInputFiles(path);
      await page.getByRole('heading', { name: 'Columns' }).waitFor();
      await expect.poll(() => page.getByLabel('Amount', { exact: true }).inputValue()).toBe('dollar_value');
      await page.getByText('cdnow.parquet: 69,659 rows (Parquet, columns with their own types)').waitFor();
      await analyze();
      await expectCdnowSummary();
      expect(requests.some((u) => /parquet_wasm.*\.wasm$/.test(u))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('never sends a request outside the page origin, and its Content Security Policy refuses nothing', async () => {
    // Positive control: the worker's own requests (DuckDB's wasm) are recorded too.
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(outsideOrigin(requests, origin)).toEqual([]);
    expect(await cspViolations()).toEqual([]);
  });
});
