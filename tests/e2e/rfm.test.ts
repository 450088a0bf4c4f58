import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, serveDist, showView, SHARED_DATA } from './harness';

// Expected values: ../shared/data/cdnow/README.md and reference/cdnow.customers.csv.gz.
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true });
  page = await openApp(context, served.url);
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await showView(page, 'Segments');
  await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

function referenceRows(): Map<string, string[]> {
  const text = gunzipSync(readFileSync(join(SHARED_DATA, 'cdnow', 'reference', 'cdnow.customers.csv.gz'))).toString('utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header.split(',');
  const pick = ['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'rfm_cell', 'segment'].map((c) => cols.indexOf(c));
  // No field of these columns holds a comma except none: segment names have no commas.
  return new Map(lines.map((l) => l.split(',')).map((f) => [f[0], pick.map((i) => f[i])]));
}

describe('RFM views in Chromium on the CDNOW sample', () => {
  it('draws the segment map and the R×F grid with the published counts', async () => {
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await page.getByRole('button', { name: /^Potential Loyalist: 8,407 customers/ }).waitFor();
    // F2 is empty (cut points 1, 1 coincide): the app says so.
    await page.getByText(/no customer has score 2/).first().waitFor();
    expect(await page.getByRole('button', { name: /^R 1, F 1: / }).count()).toBe(1);
  });

  it('clicking a segment filters the customers table; a row opens the profile', async () => {
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).click();
    await page.getByText('Selection: Segment: Champions').waitFor();
    await page.getByRole('button', { name: 'Show these customers' }).click();
    await page.getByRole('tabpanel', { name: 'Customers' }).getByText('Selection: Segment: Champions').waitFor();
    const table = page.getByRole('table', { name: 'Customers: Segment: Champions' });
    await table.waitFor();
    await page.getByText('2,345 customers', { exact: true }).waitFor();
    // Sorted by monetary, descending: the top customer of the README comes first.
    const first = table.getByRole('row').nth(1);
    await expect.poll(() => first.textContent()).toContain('07592');
    await first.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('07592');
    expect(await dialog.textContent()).toContain('13,990.93');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('exports customers.csv whose rows equal the reference for every customer', async () => {
    await page.getByRole('button', { name: 'Show all customers' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export customers (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('customers.csv');
    const text = readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label');
    expect(rows.length).toBe(23_570);
    const ref = referenceRows();
    const bad = rows.map((r) => r.split(',')).filter((f) => {
      const e = ref.get(f[0]);
      return !e || e.some((v, i) => (i === 3 ? Number(v) !== Number(f[i]) : v !== f[i]));
    });
    expect(bad).toEqual([]);
  });

  it('changing the analysis date re-scores: the cut points change', async () => {
    await showView(page, 'Segments');
    await page.getByText('142 · 433 · 486 · 513').waitFor();
    await page.getByLabel('Analysis date').fill('1998-04-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    // ../shared/data/cdnow/README.md, migration: cut points at 1998-04-01.
    await page.getByText('122 · 361.6 · 396 · 422').waitFor();
    await page.getByText('15.36 · 30.33 · 57.05 · 123.32').waitFor();
  });
});
