/**
 * Issue 15 in Chromium: a dozen bad files dropped over an analysed data set each give their sentence and leave
 * the analysis on screen; a file that stalls the worker in one long step is cancelled, the worker replaced,
 * and the earlier analysis restored with a notice. Expected figures: ../shared/data/cdnow/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { launchBrowser, openApp, serveDist, showView } from './harness';

const FIXTURES = join(new URL('.', import.meta.url).pathname, '..', 'fixtures', 'bad');
let server: Server;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cartera-hostile-'));
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  page = await openApp(await browser.newContext(), served.url);
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await page.getByRole('button', { name: 'Analyze' }).click();
  // The Segments view (scores, segment map, rules) stays the one shown through every test below.
  await showView(page, 'Segments');
  await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function summaryValue(label: string): Promise<string> {
  const region = page.getByRole('region', { name: 'Data quality' });
  return (await region.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd').textContent())!.trim();
}

/** The CDNOW sample's analysis is on screen: its published figures and the RFM views. */
async function expectSampleOnScreen() {
  expect(await summaryValue('Rows used')).toBe('69,659');
  expect(await summaryValue('Customers')).toBe('23,570');
  expect(await summaryValue('Revenue')).toBe('2,500,315.63');
  expect(await page.getByRole('heading', { name: 'RFM scores and segments' }).count()).toBe(1);
}

// The recency cut points at the default date, 1998-07-01 (../shared/data/cdnow/README.md).
const DEFAULT_RECENCY_CUTS = '142 · 433 · 486 · 513';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const wideHeader = Array.from({ length: 100_000 }, (_, i) => `col${i}`).join(',');
const wideRow = Array.from({ length: 100_000 }, (_, i) => String(i % 10)).join(',');

// name, contents, what the alert must say (the sentence of the code, and what was found).
const BAD: [string, Buffer, string[]][] = [
  ['empty.csv', readFileSync(join(FIXTURES, 'empty.csv')), ['The file is empty.']],
  ['header-only.csv', readFileSync(join(FIXTURES, 'header-only.csv')), ['has a header but no data rows']],
  ['binary.csv', readFileSync(join(FIXTURES, 'binary.csv')), ['does not look like a text (CSV) file']],
  ['no-customer-or-date.csv', readFileSync(join(FIXTURES, 'no-customer-or-date.csv')), ['No column looks like a date']],
  ['corrupt.parquet', readFileSync(join(FIXTURES, 'corrupt.parquet')), ['not a readable Parquet file']],
  ['endless.csv', bytes('x'.repeat(5 * 1024 * 1024 + 200 * 1024)), ['Line 1 is 5.2 MiB long with no separator: this does not look like a table']],
  ['long-row.csv', bytes(`customer,date,amount\nA,2024-01-01,1\nB,2024-01-02,${'9'.repeat(1_200_000)}\n`), ['row 3', 'Line 3 is more than 1.', 'MiB long']],
  ['wide.csv', bytes([wideHeader, wideRow, wideRow].join('\n')), ['more columns than Cartera reads', 'at most 2,000 are read']],
  ['words.txt', bytes('alpha\nbeta\ngamma\ndelta\n'), ['No separator (comma, semicolon, tab, bar or spaces) splits the rows']],
  ['letter.txt', bytes('Dear all, here\nare the figures for March, April, May\nand June, July, August\nRegards\nAnn, Bob\nPS: one, two, three, four\n'), ['gives 3 columns in only']],
  ['all-bad.csv', bytes('customer,date,amount\nA,2024-01-01\nB,2024-01-02\n'), ['No row of this file can be used', 'Rows not used: 2 ×', 'row 2']],
];

describe('bad files over an analysed data set', () => {
  it.each(BAD)('%s: its sentence, the file name, and the analysis stays', async (name, contents, sentences) => {
    await page.getByLabel('Open transactions file').setInputFiles({ name, mimeType: 'text/csv', buffer: contents });
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be used' });
    await alert.waitFor();
    const text = (await alert.textContent())!;
    for (const s of sentences) expect(text).toContain(s);
    expect(text).toContain(name);
    expect(text).toContain('The data loaded before is still loaded.');
    await expectSampleOnScreen();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('a file in which no row has a customer id is refused at Analyze, with the reason; the analysis stays', async () => {
    await page.getByLabel('Open transactions file').setInputFiles({
      name: 'no-ids.csv', mimeType: 'text/csv', buffer: bytes('customer,date,amount\n,2024-01-01,1\n,2024-01-02,2\n,2024-01-03,3\n'),
    });
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    await page.getByLabel('Customer', { exact: true }).selectOption('customer');
    await page.getByRole('button', { name: 'Analyze' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be used' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('3 × No customer id');
    await expectSampleOnScreen();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('UTF-16 text as Excel saves it ("Unicode text", tab-separated, CRLF, named .csv) loads and says its encoding', async () => {
    const text = 'customer\tdate\tamount\r\nJosé\t2024-01-05\t10\r\nÅsa\t2024-01-06\t11\r\n';
    const buffer = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'unicode.csv', mimeType: 'text/csv', buffer });
    await page.getByRole('cell', { name: 'José' }).waitFor();
    await page.getByText('UTF-16 little-endian').waitFor();
  });
});

/**
 * A small Parquet file (a few kB) with one row group of 36 million rows: decoding that one group is one long step
 * in the worker (about 15 s here once the worker's memory has grown; 12 million rows took under the 3 s the
 * watchdog waits on a fast machine). Written by native DuckDB, once.
 */
let stallPath: string | null = null;
async function stallFile(): Promise<string> {
  if (stallPath) return stallPath;
  const path = join(dir, 'one-huge-row-group.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(
    `COPY (SELECT 'C' || (i % 1000) AS customer_id, DATE '2024-01-01' + CAST(i % 300 AS INTEGER) AS order_date,
                  CAST(10.5 AS DECIMAL(10,2)) AS amount FROM range(36000000) t(i))
     TO '${path.replaceAll("'", "''")}' (FORMAT parquet, ROW_GROUP_SIZE 36000000, COMPRESSION zstd)`,
  );
  conn.closeSync();
  db.closeSync();
  stallPath = path;
  return path;
}

/** Analyses the bundled sample (after a test that left another file open). */
async function analyseSample() {
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await page.getByRole('button', { name: 'Analyze' }).click();
  // The mapping step closes when the analysis is done (the button's name changes while it runs).
  await page.getByRole('heading', { name: 'Columns' }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
}

describe('the watchdog', () => {
  it('a scoring asked for while the worker is busy is cancelled: the overview and the settings on screen stay', async () => {
    await analyseSample();
    await expect.poll(() => page.getByLabel('Analysis date').inputValue()).toBe('1998-07-01');
    await expect.poll(() => page.getByText('Scoring…').count()).toBe(0);

    // The worker is busy in one long step; a new analysis date then waits on the page for its turn.
    await page.getByLabel('Open transactions file').setInputFiles(await stallFile());
    const stalled = page.getByRole('alert').filter({ hasText: 'The data engine has not answered' });
    await stalled.waitFor({ timeout: 20_000 });
    await page.getByLabel('Analysis date').fill('1998-05-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await page.getByText('Scoring…').waitFor();
    await page.getByRole('button', { name: 'Cancel scoring' }).click();
    await page.getByText('Scoring was cancelled. The views and the settings are those of the scores on screen.').waitFor();
    // The controls show the date of the scores on screen, and nothing is sent again.
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-07-01');
    await page.waitForTimeout(500);
    expect(await page.getByText('Scoring…').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Use the default date' }).count()).toBe(0);
    await expectSampleOnScreen();

    // A rule edit is answered on the page at once, from the cell sums on screen, though the worker is still busy.
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await page.getByLabel('Segment name, rule 1', { exact: true }).fill('Stars');
    await page.getByLabel('Segment name, rule 1', { exact: true }).blur();
    await page.getByRole('button', { name: /^Stars: 2,345 customers/ }).waitFor();
    expect(await page.getByText('Scoring…').count()).toBe(1);

    // Then the stalled load is cancelled, and the analysis last scored is back, at the same date and rules.
    await stalled.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('The data engine did not stop, so it was restarted; the earlier data and settings are back.').waitFor({ timeout: 20_000 });
    await expectSampleOnScreen();
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-07-01');
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    expect(await page.getByLabel('Segment name, rule 1', { exact: true }).inputValue()).toBe('Champions');
  }, 90_000);

  it('a file that stalls the worker: Cancel terminates it, and the earlier analysis comes back with a notice', async () => {
    // Analyse the sample again (the UTF-16 file above left the mapping step open).
    await analyseSample();
    await expect.poll(() => page.getByLabel('Analysis date').inputValue()).toBe('1998-07-01');
    await page.getByLabel('Analysis date').fill('1998-06-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    // The re-score at that date answers (the reset link appears with a date of one's own), so these are the
    // settings last scored.
    await page.getByRole('button', { name: 'Use the default date' }).waitFor();
    await page.waitForTimeout(1000);
    await expect.poll(() => page.getByText('Scoring…').count()).toBe(0);
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-06-01');

    await page.getByLabel('Open transactions file').setInputFiles(await stallFile());
    const stalled = page.getByRole('alert').filter({ hasText: 'The data engine has not answered' });
    await stalled.waitFor({ timeout: 20_000 });
    const clicked = Date.now();
    await stalled.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('The data engine did not stop, so it was restarted; the earlier data and settings are back.').waitFor({ timeout: 20_000 });
    const restoredMs = Date.now() - clicked;
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
    await expectSampleOnScreen();
    // The settings came back too: the analysis date typed before the stall.
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-06-01');
    expect(restoredMs).toBeLessThan(15_000);
    console.log(`watchdog: restored ${restoredMs} ms after Cancel`);

    // The new worker works: another file opens.
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'after.csv', mimeType: 'text/csv', buffer: bytes('customer,date,amount\nA,2024-01-01,1\nB,2024-01-02,2\n') });
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
  }, 90_000);
});

describe('a data worker that ends by itself', () => {
  const dataWorker = () => {
    const workers = page.workers().filter((w) => /data\.worker/.test(w.url()));
    expect(workers.length).toBeGreaterThan(0);
    return workers[workers.length - 1];
  };

  it('is noticed at once: the error says so, a fresh worker brings back the views last drawn, not the file being mapped', async () => {
    await analyseSample();
    await page.getByLabel('Analysis date').fill('1998-05-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await page.getByRole('button', { name: 'Use the default date' }).waitFor();
    // The views are drawn at that date (the default date's recency cut points are gone): these are the views last
    // drawn. "Scoring…" alone may not have appeared yet when it is looked for.
    await expect.poll(() => page.getByText(DEFAULT_RECENCY_CUTS).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByText('Scoring…').count()).toBe(0);
    // A second file at its mapping step: it is what the worker holds when it ends.
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'being-mapped.csv', mimeType: 'text/csv', buffer: bytes('customer,date,amount\nA,2024-01-01,1\nB,2024-01-02,2\n') });
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    // The newest data worker is the one in use (one terminated by an earlier test may still be listed).
    const worker = dataWorker();
    // The worker ends as a worker the browser stops for want of memory does: nothing is said to the page.
    const ended = Date.now();
    void worker.evaluate(() => self.close()).catch(() => {});
    const alert = page.getByRole('alert').filter({ hasText: 'The data engine stopped by itself' });
    await alert.waitFor({ timeout: 20_000 });
    // Noticed without waiting for the watchdog's silence (3 s) or any call.
    expect(await page.getByRole('alert').filter({ hasText: 'has not answered' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
    await expect.poll(() => summaryValue('Rows used'), { timeout: 20_000 }).toBe('69,659');
    await expectSampleOnScreen();
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-05-01');
    expect(await page.getByText(DEFAULT_RECENCY_CUTS).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Columns' }).count()).toBe(0);
    console.log(`crash: views back ${Date.now() - ended} ms after the worker ended`);
    // A fresh worker answers: another file opens.
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'after-crash.csv', mimeType: 'text/csv', buffer: bytes('customer,date,amount\nA,2024-01-01,1\n') });
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
  }, 90_000);

  it('ends again while the views come back: nothing more is tried, the alert stays, and a file still opens', async () => {
    await analyseSample();
    const first = dataWorker();
    const fresh = page.waitForEvent('worker', { predicate: (w) => /data\.worker/.test(w.url()) });
    void first.evaluate(() => self.close()).catch(() => {});
    // The fresh worker ends too, as soon as it holds its life lock (so the page can know), while the sample is read again.
    void (await fresh)
      .evaluate(async () => {
        for (;;) {
          const { held } = await navigator.locks.query();
          if (held?.some((l) => l.name?.startsWith('cartera-engine-'))) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        self.close();
      })
      .catch(() => {});
    const alert = page.getByRole('alert').filter({ hasText: 'The data engine stopped by itself' });
    await alert.waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByRole('alert').filter({ hasText: 'stopped answering' }).count()).toBe(0);
    await page.waitForTimeout(1000);
    expect(await alert.count()).toBe(1);
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'after-crashes.csv', mimeType: 'text/csv', buffer: bytes('customer,date,amount\nA,2024-01-01,1\n') });
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
  }, 90_000);
});
