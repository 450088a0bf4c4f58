import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { launchBrowser, openApp, serveDist, SHARED_DATA, summaryValue } from './harness';

// Expected counts: ../shared/data/cdnow/README.md (segments at 1998-07-01, and the migration's at 1998-04-01).
const CDNOW = join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt');

let server: Server;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, url } = await serveDist());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** What this origin has stored: OPFS entries, Cartera's localStorage keys, IndexedDB databases. */
function stored(page: Page): Promise<{ opfs: string[]; keys: string[]; databases: string[] }> {
  return page.evaluate(async () => {
    const opfs: string[] = [];
    const root = await navigator.storage.getDirectory();
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(name);
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('cartera'));
    return { opfs, keys, databases: (await indexedDB.databases()).map((d) => d.name ?? '') };
  });
}

/** The IndexedDB databases of this origin. */
function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

async function openAndAnalyze(page: Page): Promise<void> {
  await page.getByLabel('Open transactions file').setInputFiles(CDNOW);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
}

/** Breaks storage in the page: OPFS refused ('no-opfs'), OPFS and IndexedDB refused ('refused'), or a full disk ('full'). */
function breakStorage(mode: 'no-opfs' | 'refused' | 'full'): void {
  const fail = (name: string) => new DOMException('Storage failed on purpose', name);
  if (mode === 'full') {
    Object.defineProperty(FileSystemFileHandle.prototype, 'createWritable', { value: () => Promise.reject(fail('QuotaExceededError')), configurable: true });
    return;
  }
  Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: () => Promise.reject(fail('SecurityError')), configurable: true });
  if (mode === 'refused') Object.defineProperty(IDBFactory.prototype, 'open', { value: () => { throw fail('SecurityError'); }, configurable: true });
}

/** A fresh browser whose storage is broken so, with CDNOW opened and analysed. */
async function analyzeRefusing(mode: 'no-opfs' | 'refused' | 'full') {
  const context = await browser.newContext();
  await context.addInitScript(breakStorage, mode);
  const page = await openApp(context, url);
  await openAndAnalyze(page);
  return { context, page };
}

describe('saved work in Chromium, production build served from a sub-path', () => {
  it('a reload brings back the file and the set-up; "Forget this data" empties the storage', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, url);
    await openAndAnalyze(page);
    await page.getByLabel('Analysis date').fill('1998-04-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await page.getByRole('button', { name: /^Champions: 2,496 customers/ }).waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('cartera.saved-setup') ?? '')).toContain('1998-04-01');
    expect((await stored(page)).opfs).toEqual(['cartera-saved-work']);

    await page.reload();
    await page.getByText('Restored your saved analysis of CDNOW_master.txt.').waitFor();
    await page.getByRole('button', { name: /^Champions: 2,496 customers/ }).waitFor();
    await page.getByRole('button', { name: /^Potential Loyalist: 7,866 customers/ }).waitFor();
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-04-01');

    await page.getByRole('button', { name: 'Forget this data' }).click();
    await page.getByText('The stored data and set-up were removed from this browser.').waitFor();
    expect(await stored(page)).toEqual({ opfs: [], keys: [], databases: [] });
    // The analysis on screen stays until the tab goes; a change now stores nothing.
    await page.getByLabel('Analysis date').fill('1998-05-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await page.waitForTimeout(800);
    expect((await stored(page)).keys).toEqual([]);

    await page.reload();
    await page.getByRole('button', { name: 'Try sample data' }).waitFor();
    await page.waitForTimeout(1500);
    expect(await page.getByRole('heading', { name: 'Columns' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Champions: / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Forget this data' }).count()).toBe(0);
    await context.close();
  });

  it('the sample, opened from its address, is restored by the address', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, url);
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('cartera.saved-setup') ?? '')).toContain('dollar_value');
    expect((await stored(page)).opfs).toEqual([]);
    await page.reload();
    await page.getByText(`Restored your saved analysis of ${url}sample/cdnow_master.txt.gz.`).waitFor();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await context.close();
  });

  it('two tabs of one browser: the last to store is what a reload brings back, with its own set-up, and the record names the file stored', async () => {
    // By hand: 2 customers, 3 rows, revenue 10.00 + 20.00 + 5.50 = 35.50.
    const small = { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\nA,2024-01-01,10.00\nB,2024-01-02,20.00\nB,2024-01-03,5.50\n') };
    const source = (p: Page) => p.evaluate(() => localStorage.getItem('cartera.saved-source') ?? '');
    // The set-up stored names the data set stored (it is written 300 ms after a change).
    const setupMatches = (p: Page) =>
      p.evaluate(() => {
        const setup = JSON.parse(localStorage.getItem('cartera.saved-setup') ?? '{}') as { source?: string };
        const stored = JSON.parse(localStorage.getItem('cartera.saved-source') ?? '{}') as { id?: string };
        return stored.id !== undefined && setup.source === stored.id;
      });
    const context = await browser.newContext();
    const first = await openApp(context, url);
    await openAndAnalyze(first);
    await expect.poll(() => source(first)).toContain('CDNOW_master.txt');

    // A second tab finds the first one's work, then opens another file: that is now what is stored.
    const second = await openApp(context, url);
    await second.getByText('Restored your saved analysis of CDNOW_master.txt.').waitFor();
    await second.getByLabel('Open transactions file').setInputFiles(small);
    await second.getByRole('button', { name: 'Analyze' }).click();
    await expect.poll(() => summaryValue(second, 'Customers')).toBe('2');
    await expect.poll(() => source(second)).toContain('small.csv');
    await expect.poll(() => setupMatches(second)).toBe(true);
    await first.reload();
    await first.getByText('Restored your saved analysis of small.csv.').waitFor();
    await expect.poll(() => summaryValue(first, 'Revenue')).toBe('35.50');

    // Both tabs store at once: whichever wins, a third tab restores a file whose figures match the name it shows.
    await Promise.all([
      first.getByLabel('Open transactions file').setInputFiles(CDNOW),
      second.getByLabel('Open transactions file').setInputFiles(small),
    ]);
    await Promise.all([first, second].map((p) => p.getByRole('button', { name: 'Analyze' }).click()));
    await expect.poll(() => summaryValue(first, 'Customers')).toBe('23,570');
    await expect.poll(() => summaryValue(second, 'Customers')).toBe('2');
    await expect.poll(() => setupMatches(first)).toBe(true);
    const third = await openApp(context, url);
    const notice = third.getByText(/^Restored your saved analysis of (CDNOW_master\.txt|small\.csv)\.$/);
    await notice.waitFor();
    const expected = (await notice.textContent())!.includes('small.csv') ? '2' : '23,570';
    await expect.poll(() => summaryValue(third, 'Customers')).toBe(expected);
    await context.close();
  });

  it('without the Origin Private File System, the file is kept in IndexedDB', async () => {
    const { context, page } = await analyzeRefusing('no-opfs');
    await expect.poll(() => databases(page)).toEqual(['cartera-saved-work']);
    await page.reload();
    await page.getByText('Restored your saved analysis of CDNOW_master.txt.').waitFor();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await page.getByRole('button', { name: 'Forget this data' }).click();
    await page.getByText('The stored data and set-up were removed from this browser.').waitFor();
    expect(await databases(page)).toEqual([]);
    await context.close();
  });

  it('storage refused: a message says the data is not saved, and the analysis works', async () => {
    const { context, page } = await analyzeRefusing('refused');
    await page.getByRole('status').filter({ hasText: 'This browser refused to store the data' }).waitFor();
    await page.getByLabel('Analysis date').fill('1998-04-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await page.getByRole('button', { name: /^Champions: 2,496 customers/ }).waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cartera')))).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: 'Try sample data' }).waitFor();
    await page.waitForTimeout(1000);
    expect(await page.getByRole('button', { name: /^Champions: / }).count()).toBe(0);
    await context.close();
  });

  it('storage full: a message says so, nothing half-stored is left, and the analysis works', async () => {
    const { context, page } = await analyzeRefusing('full');
    await page.getByRole('status').filter({ hasText: 'This browser’s storage is full' }).waitFor();
    expect(await stored(page)).toEqual({ opfs: [], keys: [], databases: [] });
    await page.getByRole('button', { name: /^Lost: 4,340 customers/ }).click();
    await page.getByText('Selection: Segment: Lost').waitFor();
    await context.close();
  });
});
