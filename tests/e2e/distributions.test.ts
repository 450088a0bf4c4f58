import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { analyseSample, launchBrowser, openApp, serveDist, showView } from './harness';

// "Build only what is shown" (issue 19): the histograms are counted in the worker only once the Segments view
// shows its distributions. Expected: ../shared/data/cdnow/README.md (23,570 customers, all first buying in Q1 1997,
// so every one of them is counted at 1998-07-01 and at 1998-04-01; 68 have frequency 0).
let server: Server;
let browser: Browser;
let page: Page;

const histogramsAsked = () => page.evaluate(() => performance.getEntriesByName('cartera:histograms').length);
const recency = () => page.getByRole('img', { name: /^Recency \(days\) Histogram of Recency \(days\) for 23,570 customers, from / });

/** Waits until nothing on the page is busy for half a second. */
async function settled(): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as { __quiet?: number | null };
    const busy = document.querySelector('[aria-busy="true"]') !== null;
    if (busy || w.__quiet == null) w.__quiet = busy ? null : performance.now();
    return w.__quiet != null && performance.now() - w.__quiet > 500;
  }, null, { polling: 'raf' });
  await page.evaluate(() => { (window as unknown as { __quiet?: number | null }).__quiet = null; });
}

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  page = await openApp(await browser.newContext(), served.url);
  await analyseSample(page);
  await page.getByRole('tabpanel', { name: 'Overview' }).getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the distributions are counted when their view shows them', () => {
  it('the overview does not ask for them; the Segments view does, once, and draws every customer', async () => {
    await settled();
    expect(await histogramsAsked()).toBe(0);
    await showView(page, 'Segments');
    await recency().waitFor();
    await page.getByRole('img', { name: /^Frequency \(orders\) Histogram of Frequency \(orders\) for 23,570 customers, from 0 to / }).waitFor();
    await page.getByRole('img', { name: /^Monetary Histogram of Monetary for 23,570 customers, from / }).waitFor();
    expect(await histogramsAsked()).toBe(1);
    // Back and forth, and a rule edit (the same figures): nothing is asked again.
    await showView(page, 'Overview');
    await showView(page, 'Segments');
    await page.getByRole('combobox', { name: 'Segment rules', exact: true }).selectOption('rf-grid');
    await page.getByRole('button', { name: /^Hibernating: / }).first().waitFor();
    await recency().waitFor();
    await settled();
    expect(await histogramsAsked()).toBe(1);
  });

  it('a new analysis date on the Segments view counts them again for the new figures', async () => {
    const before = await recency().getAttribute('aria-labelledby').then((ids) => page.locator(`[id="${ids!.split(' ')[1]}"]`).textContent());
    await page.getByLabel('Analysis date').fill('1998-04-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await page.getByText('122 · 361.6 · 396 · 422').waitFor();
    await expect.poll(histogramsAsked).toBe(2);
    await recency().waitFor();
    const after = await recency().getAttribute('aria-labelledby').then((ids) => page.locator(`[id="${ids!.split(' ')[1]}"]`).textContent());
    expect(after).not.toBe(before);
  });
});
