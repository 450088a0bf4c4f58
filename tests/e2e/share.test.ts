import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { launchBrowser, openApp, recordRequests, serveDist, SHARED_DATA } from './harness';

// Expected counts: ../shared/data/cdnow/README.md. At the analysis date 1998-04-01 (the migration's "before"):
// Potential Loyalist 7,866, About To Sleep 6,812, Lost 4,451, Champions 2,496; at 1998-07-01: Champions 2,345.
const CDNOW = join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt');
const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
const AT_APRIL = [['Potential Loyalist', '7,866'], ['About To Sleep', '6,812'], ['Lost', '4,451'], ['Champions', '2,496']];

let server: Server;
let origin: string;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, origin, url } = await serveDist());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function expectAprilSegments(page: Page): Promise<void> {
  for (const [segment, customers] of AT_APRIL) {
    await page.getByRole('button', { name: new RegExp(`^${segment}: ${customers} customers`) }).waitFor();
  }
}

describe('share link in Chromium, production build served from a sub-path', () => {
  let link = '';

  it('copies a link that holds the set-up: mapping, analysis date, view and selection', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, url);
    await page.getByLabel('Open transactions file').setInputFiles(CDNOW);
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await page.getByLabel('Analysis date').fill('1998-04-01');
    await page.getByLabel('Analysis date').dispatchEvent('change');
    await expectAprilSegments(page);
    await page.getByRole('button', { name: /^Champions: 2,496 customers/ }).click();
    await page.getByText('Selection: Segment: Champions').waitFor();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
    link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(url + '#s=')).toBe(true);
    // The set-up only: the link is short and holds no customer id (CDNOW's are five digits: 00001, 07592…).
    expect(link.length).toBeLessThan(2000);
    const payload = JSON.parse(inflateRawSync(Buffer.from(new URL(link).hash.slice(3), 'base64url')).toString('utf8'));
    expect(payload).toMatchObject({ language: 'en', url: null, selection: { kind: 'segment', segment: 'Champions' } });
    expect(payload.settings).toMatchObject({ analysisDate: '1998-04-01', mapping: { customer: 'customer_id', date: 'date', amount: 'dollar_value' } });
    expect(JSON.stringify(payload)).not.toMatch(/"\d{5}"/);
    await context.close();
  });

  it('opened in a fresh browser, asks for the file and, given it, shows the same analysis date and segments', async () => {
    const context = await browser.newContext();
    const requests = recordRequests(context);
    const page = await openApp(context, link);
    await page.getByText('This link holds an analysis set-up; open the same file to see it.').waitFor();
    await page.getByLabel('Choose the file').setInputFiles(CDNOW);
    await expectAprilSegments(page);
    await expect.poll(() => page.getByLabel('Analysis date').inputValue()).toBe('1998-04-01');
    await page.getByText('Selection: Segment: Champions').waitFor();
    // The mapping is the link's (the detected one would be the same here), and it can still be edited.
    expect(await page.getByText('This link holds an analysis set-up').count()).toBe(0);
    expect(requests.filter((r) => !r.startsWith(origin))).toEqual([]);
    await context.close();
  });

  it('a link naming columns the file lacks says so and keeps the mapping editable', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, link);
    // CDNOW's sample file has no header: its columns are column0…column4, not customer_id.
    await page.getByLabel('Choose the file').setInputFiles(join(SHARED_DATA, 'cdnow', 'CDNOW_sample.txt'));
    await page.getByRole('alert').filter({ hasText: 'customer_id' }).waitFor();
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    expect(await page.getByLabel('Customer', { exact: true }).isEnabled()).toBe(true);
    await context.close();
  });

  it('a damaged link says that its set-up could not be restored, and the page works', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, link.slice(0, link.length - 20));
    await page.getByRole('alert').filter({ hasText: 'This share link is damaged' }).waitFor();
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await context.close();
  });

  it('shows the link in a field when the clipboard is refused', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, url);
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByRole('status').filter({ hasText: 'The clipboard was refused' }).waitFor();
    const shown = await page.getByLabel('Share link').inputValue();
    expect(shown.startsWith(url + '#s=')).toBe(true);
    // The sample came from an address on the page's origin: the link names it and opens it by itself.
    const other = await openApp(await browser.newContext(), shown);
    await other.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await context.close();
  });

  it("a set-up's rule named New (reserved since) is renamed; rules that cannot be scored give way to the RFM preset", async () => {
    // Written by hand, as a link from before the name was reserved: one rule, New, that takes every customer.
    const setupWith = (segmentRules: unknown[]) => ({
      version: 1,
      settings: {
        mapping: { customer: 'customer_id', order: null, date: 'date', amount: 'dollar_value', quantity: null, unitPrice: null, cost: null, profit: null },
        dateFormat: 'ymd-compact', decimalMark: 'point', analysisDate: '1998-04-01', monetaryMode: 'total', scoreMethod: 'quantile',
        bins: 5, customCuts: null, segmentPreset: 'custom', segmentRules,
        costModel: { marginPct: null, costPerOrder: '0', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0' },
      },
      selection: { kind: 'all' },
    });
    const linkOf = (setup: unknown) => url + '#s=' + deflateRawSync(Buffer.from(JSON.stringify(setup))).toString('base64url');
    const context = await browser.newContext();
    let page = await openApp(context, linkOf(setupWith([{ name: 'New', r: [1, 5], f: [1, 5], m: [1, 5] }])));
    await page.getByLabel('Choose the file').setInputFiles(CDNOW);
    await page.getByRole('status').filter({ hasText: 'A rule of this set-up was named “New”, which is reserved for the migration’s new customers: it is now named “New customers”.' }).waitFor();
    // Every one of CDNOW's 23,570 customers bought by 1998-04-01 (the data README), and the one rule takes them all.
    await page.getByRole('button', { name: /^New customers: 23,570 customers/ }).waitFor();
    await page.getByRole('tab', { name: 'Segments' }).click();
    expect(await page.getByLabel('Segment name, rule 1', { exact: true }).inputValue()).toBe('New customers');
    await page.close();

    // "New customers" taken by another rule of the set-up: the notice names the name the rule was given.
    page = await openApp(context, linkOf(setupWith([
      { name: 'New', r: [4, 5], f: [1, 5], m: [1, 5] }, { name: 'New customers', r: [1, 5], f: [1, 5], m: [1, 5] },
    ])));
    await page.getByLabel('Choose the file').setInputFiles(CDNOW);
    await page.getByRole('status').filter({ hasText: 'A rule of this set-up was named “New”, which is reserved for the migration’s new customers: it is now named “New customers (2)”.' }).waitFor();
    await page.getByRole('tab', { name: 'Segments' }).click();
    expect(await page.getByLabel('Segment name, rule 1', { exact: true }).inputValue()).toBe('New customers (2)');
    expect(await page.getByLabel('Segment name, rule 2', { exact: true }).inputValue()).toBe('New customers');
    await page.close();

    // A rule with no name cannot be scored: the preset's rules and segments, and the notice.
    page = await openApp(context, linkOf(setupWith([{ name: ' ', r: [1, 5], f: [1, 5], m: [1, 5] }])));
    await page.getByLabel('Choose the file').setInputFiles(CDNOW);
    await page.getByRole('status').filter({ hasText: 'This set-up’s segment rules could not be used' }).waitFor();
    await expectAprilSegments(page);
    await context.close();
  });

  it('a first scoring that fails (a link whose analysis date is no day) says why, and the date can be fixed', async () => {
    // Written by hand: 30 February passes the date's shape but is no day, so the data set's first scoring fails.
    const setup = {
      version: 1,
      settings: {
        mapping: { customer: 'customer_id', order: null, date: 'date', amount: 'dollar_value', quantity: null, unitPrice: null, cost: null, profit: null },
        dateFormat: 'ymd-compact', decimalMark: 'point', analysisDate: '1998-02-30', monetaryMode: 'total', scoreMethod: 'quantile',
        bins: 5, customCuts: null, segmentPreset: 'rfm', segmentRules: [],
        costModel: { marginPct: null, costPerOrder: '0', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0' },
      },
      selection: { kind: 'all' },
    };
    const context = await browser.newContext();
    const page = await openApp(context, url + '#s=' + deflateRawSync(Buffer.from(JSON.stringify(setup))).toString('base64url'));
    await page.getByLabel('Choose the file').setInputFiles(CDNOW);
    // No views yet, so the settings bar alone says what went wrong, and keeps the date and the mapping at hand.
    const bar = page.getByRole('region', { name: 'Settings' });
    await bar.getByRole('alert').filter({ hasText: 'The customers could not be scored with these settings.' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await bar.getByRole('button', { name: 'Column mapping' }).count()).toBe(1);
    await bar.getByRole('button', { name: 'Use the default date' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    expect(await bar.getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel('Analysis date').inputValue()).toBe('1998-07-01');
    await context.close();
  });

  it('a link naming an address on another host fetches nothing until the user asks', async () => {
    // Another origin (another port) serving the sample, as a public host that allows CORS would.
    const sample = readFileSync(join(ROOT, 'public', 'sample', 'cdnow_master.txt.gz'));
    const other = createServer((_, res) => res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/gzip' }).end(sample));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const address = `http://127.0.0.1:${(other.address() as AddressInfo).port}/cdnow_master.txt.gz`;
    // Written by hand, as version 1: the sample at 1998-04-01, at that address; the preset's rules left out.
    const setup = {
      version: 1,
      settings: {
        mapping: { customer: 'customer_id', order: null, date: 'date', amount: 'dollar_value', quantity: null, unitPrice: null, cost: null, profit: null },
        dateFormat: 'ymd-compact', decimalMark: 'point', analysisDate: '1998-04-01', monetaryMode: 'total', scoreMethod: 'quantile',
        bins: 5, customCuts: null, segmentPreset: 'rfm', segmentRules: [],
        costModel: { marginPct: null, costPerOrder: '0', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0' },
      },
      selection: { kind: 'all' },
      url: address,
    };
    const context = await browser.newContext();
    const requests = recordRequests(context);
    const page = await openApp(context, url + '#s=' + deflateRawSync(Buffer.from(JSON.stringify(setup))).toString('base64url'));
    await page.getByText(`This link holds an analysis set-up of the data at ${address}.`).waitFor();
    await page.waitForTimeout(1000);
    expect(requests.filter((r) => !r.startsWith(origin))).toEqual([]);
    await page.getByRole('button', { name: 'Open this address' }).click();
    await expectAprilSegments(page);
    expect(requests.filter((r) => !r.startsWith(origin))).toEqual([address]);
    await context.close();
    other.close();
  });
});
