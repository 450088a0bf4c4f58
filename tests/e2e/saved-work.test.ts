import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { launchBrowser, openApp, serveDist, SHARED_DATA } from './harness';

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
