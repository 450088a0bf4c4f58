/**
 * Issue 18 in Chromium against the production build: ids that are markup or spreadsheet formulas stay text on
 * the page and are guarded in the exports; the CSV format setting; segments.csv and profit-by-segment.csv; a
 * semicolon, decimal-comma customers.csv read back by Cartera. Expected values worked out by hand from
 * tests/fixtures/hostile-ids.csv (as in tests/sql/exports.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { launchBrowser, openApp, recordRequests, serveDist, SHARED_DATA, showView } from './harness';

const HOSTILE = join(new URL('.', import.meta.url).pathname, '..', 'fixtures', 'hostile-ids.csv');
const IDS = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://example.com","x")', '+1+1', '@SUM(A1)', '-2+3', 'C100'];

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
let requests: string[];
const dialogs: string[] = [];

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  origin = served.origin;
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true });
  requests = recordRequests(context);
  page = await openApp(context, served.url);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByLabel('Open transactions file').setInputFiles(HOSTILE);
  await page.getByRole('heading', { name: 'Columns' }).waitFor();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('tabpanel', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a view by its tab when the navigation has one (the views are being split into tabs). */
/** Clicks a button and returns the download's file name and text. */
async function download(name: string): Promise<{ file: string; text: string; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = await d.path();
  return { file: d.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

/** A CSV record's fields (quotes removed, doubled quotes undone), split at `sep` outside quotes. */
function fields(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"' && quoted && line[i + 1] === '"') { cur += '"'; i++; }
    else if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) { out.push(cur); cur = ''; }
    else cur += ch;
  }
  return [...out, cur];
}

/** customer_id → monetary of a customers.csv. */
function monetaryById(text: string, sep: string): Map<string, string> {
  const [header, ...rows] = text.trim().split('\r\n').map((l) => fields(l, sep));
  const id = header.indexOf('customer_id');
  const monetary = header.indexOf('monetary');
  return new Map(rows.map((r) => [r[id], r[monetary]]));
}

describe('hostile ids', () => {
  it('are shown as text in the customers table: no element made from them, no dialog, no request off the origin', async () => {
    await showView(page, 'Customers');
    const table = page.getByRole('table', { name: /^Customers: / });
    for (const id of IDS) {
      const cell = table.getByRole('cell', { name: id, exact: true });
      await cell.waitFor();
      expect(await cell.textContent()).toBe(id);
    }
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('a[href*="example.com"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });

  it('customers.csv prefixes the formula-like ids with a quote; amounts stay plain numbers', async () => {
    const { file, text } = await download('Export customers (CSV)');
    expect(file).toBe('customers.csv');
    expect(text.split('\r\n')[0]).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label');
    expect([...monetaryById(text, ',')].sort()).toEqual([
      ["'+1+1", '25.0000'], ["'-2+3", '1234.5600'], ["'=HYPERLINK(\"http://example.com\",\"x\")", '20.5000'], ["'@SUM(A1)", '7.2500'],
      ['<img src=x onerror=alert(1)>', '10.0000'], ['C100', '3.0000'],
    ]);
    expect(dialogs).toEqual([]);
  });
});

describe('charts as SVG and PNG', () => {
  /** Parses SVG text in the page; returns whether it parsed and how many elements match `selector`. */
  async function parseSvg(text: string, selector: string): Promise<{ ok: boolean; root: string; count: number; background: string | null }> {
    return page.evaluate(([t, sel]) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return { ok: !doc.querySelector('parsererror'), root: `${root.namespaceURI} ${root.localName}`, count: root.querySelectorAll(sel).length,
        background: root.firstElementChild?.getAttribute('fill') ?? null };
    }, [text, selector] as const);
  }

  it('the segment map: an SVG file with one tile per segment that has customers, and a PNG at twice its size', async () => {
    await showView(page, 'Segments');
    const svg = await download('Download Segment map as SVG');
    expect(svg.file).toBe('segment-map.svg');
    // customers.csv of this file by hand: Lost, About To Sleep, Promising, and three New Customers = 4 segments.
    const parsed = await parseSvg(svg.text, '[role="button"]');
    expect(parsed).toEqual({ ok: true, root: 'http://www.w3.org/2000/svg svg', count: 4, background: '#ffffff' });
    expect(svg.text).toMatch(/style="[^"]*fill:rgb/);
    const png = await download('Download Segment map as PNG');
    expect(png.file).toBe('segment-map.png');
    const bytes = readFileSync(png.path);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = await page.getByRole('group', { name: 'Customer segments, sized by customers' }).evaluate((e) => [Number(e.getAttribute('width')), Number(e.getAttribute('height'))]);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size[0] * 2, size[1] * 2]);
    // The tiles are drawn: most pixels are coloured (the background alone would be white).
    const coloured = await page.evaluate(async (b64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, image.width, image.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) n++;
      return n / (data.length / 4);
    }, bytes.toString('base64'));
    expect(coloured).toBeGreaterThan(0.5);
  });

  it('the R × F grid: 25 cells (5 scores each), 760 × 680 pixels as PNG', async () => {
    const svg = await download('Download Recency × frequency as SVG');
    expect(await parseSvg(svg.text, '[role="button"]')).toMatchObject({ ok: true, count: 25 });
    const bytes = readFileSync((await download('Download Recency × frequency as PNG')).path);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([760, 680]);
  });
});

describe('CSV format: semicolon and decimal comma', () => {
  it('is chosen by its select and applies to customers.csv, decimal comma in monetary only', async () => {
    await showView(page, 'Customers');
    const customers = page.getByRole('region', { name: 'Customers' });
    await customers.getByRole('combobox', { name: 'CSV format' }).selectOption({ label: 'Semicolon, decimal comma' });
    const { text } = await download('Export customers (CSV)');
    expect(text.split('\r\n')[0]).toBe('customer_id;recency_days;frequency;monetary;r_score;f_score;m_score;rfm_cell;segment;segment_label');
    expect([...monetaryById(text, ';')].sort()).toEqual([
      ["'+1+1", '25,0000'], ["'-2+3", '1234,5600'], ["'=HYPERLINK(\"http://example.com\",\"x\")", '20,5000'], ["'@SUM(A1)", '7,2500'],
      ['<img src=x onerror=alert(1)>', '10,0000'], ['C100', '3,0000'],
    ]);
  });

  it('segments.csv and profit-by-segment.csv follow it: every customer and the revenue 1,300.31 exactly', async () => {
    await showView(page, 'Segments');
    const seg = await download('Export segments (CSV)');
    expect(seg.file).toBe('segments.csv');
    const [header, ...rows] = seg.text.trim().split('\r\n').map((l) => fields(l, ';'));
    expect(header).toEqual(['segment', 'segment_label', 'customers', 'pct_customers', 'revenue', 'pct_revenue', 'avg_recency', 'avg_frequency', 'avg_monetary']);
    expect(rows.reduce((s, r) => s + Number(r[2]), 0)).toBe(6);
    // 10 + 20.50 − 5 + 30 + 7.25 + 1,234.56 + 3, in units of 0.0001 from the decimal-comma text.
    expect(rows.reduce((s, r) => s + BigInt(r[4].replace(',', '')), 0n)).toBe(13_003_100n);
    await showView(page, 'Profitability');
    // The file has no cost column: a 30 % margin and no cost to serve make the profit 0.30 × 1,300.31 = 390.093.
    const margin = page.getByLabel('Gross margin (% of revenue)');
    await margin.fill('30');
    await margin.dispatchEvent('change');
    await page.getByRole('table', { name: 'Profit by segment' }).waitFor();
    const profit = await download('Export profit by segment (CSV)');
    expect(profit.file).toBe('profit-by-segment.csv');
    const [profitHeader, ...profitRows] = profit.text.trim().split('\r\n').map((l) => fields(l, ';'));
    expect(profitHeader).toEqual(['segment', 'segment_label', 'customers', 'revenue', 'gross_margin', 'cost_to_serve', 'profit', 'profit_per_customer', 'below_adequate', 'pct_below_adequate']);
    expect(profitRows.reduce((s, r) => s + BigInt(r[6].replace(',', '')), 0n)).toBe(3_900_930n);
  });

  it('the semicolon customers.csv has no order dates, so opening it back is refused with the reason; the analysis stays', async () => {
    await showView(page, 'Customers');
    const first = await download('Export customers (CSV)');
    await page.getByLabel('Open transactions file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(first.text, 'utf8') });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('customers.csv');
    expect(await alert.textContent()).toContain('No column looks like a date');
    expect(await alert.textContent()).toContain('The data loaded before is still loaded.');
    await page.getByRole('tabpanel', { name: 'Customers' }).waitFor();
    expect(await page.getByRole('table', { name: /^Customers: / }).getByRole('cell', { name: '@SUM(A1)', exact: true }).count()).toBe(1);
  });
});

describe('round trip: a semicolon, decimal-comma file written by Cartera opens back with the same figures', () => {
  async function summaryValue(label: string): Promise<string> {
    const region = page.getByRole('region', { name: 'Data quality' });
    return (await region.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd').textContent())!.trim();
  }

  it('the CDNOW sample\'s rows used, exported and opened again: the published summary and the same customers.csv', async () => {
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect.poll(() => summaryValue('Customers')).toBe('23,570');
    await showView(page, 'Customers');
    // Still "Semicolon, decimal comma" (the view settings keep it).
    const before = await download('Export customers (CSV)');
    expect(before.text.split('\r\n')[0]).toContain(';');
    // The rows-used export is among the data-quality details, which open on demand.
    const details = page.getByRole('region', { name: 'Data quality' }).getByRole('button', { name: 'Data quality details' });
    if ((await details.getAttribute('aria-expanded')) === 'false') await details.click();
    const rows = await download('Export rows used (CSV)');
    expect(rows.file).toBe('transactions.csv');
    const lines = rows.text.trim().split('\r\n');
    expect(lines[0]).toBe('customer_id;order_date;amount');
    expect(lines.length).toBe(1 + 69_659);
    expect(lines[1]).toMatch(/^\d{5};\d{4}-\d{2}-\d{2};-?\d+,\d{4}$/);

    await page.getByLabel('Open transactions file').setInputFiles({ name: 'transactions.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.text, 'utf8') });
    await expect.poll(() => page.getByLabel('Decimal mark').inputValue()).toBe('comma');
    expect(await page.getByLabel('Customer', { exact: true }).inputValue()).toBe('customer_id');
    expect(await page.getByLabel('Order date', { exact: true }).inputValue()).toBe('order_date');
    expect(await page.getByLabel('Amount', { exact: true }).inputValue()).toBe('amount');
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Data quality' }).getByText('transactions.csv').count()).toBe(1);
    // ../shared/data/cdnow/README.md: the sample's published figures.
    expect(await summaryValue('Rows used')).toBe('69,659');
    expect(await summaryValue('Customers')).toBe('23,570');
    expect(await summaryValue('Revenue')).toBe('2,500,315.63');
    await showView(page, 'Customers');
    const after = await download('Export customers (CSV)');
    expect(after.text).toBe(before.text);
  });

  it('the cohort heat map as SVG: one cell per row of the cohorts reference', async () => {
    await page.getByRole('tab', { name: 'Cohorts', exact: true }).click();
    const reference = readFileSync(join(SHARED_DATA, 'cdnow', 'reference', 'cdnow.cohorts.csv'), 'utf8').trim().split('\n').length - 1;
    const svg = await download('Download Retention by acquisition cohort as SVG');
    expect(svg.file).toBe('retention-by-acquisition-cohort.svg');
    const count = await page.evaluate((t) => new DOMParser().parseFromString(t, 'image/svg+xml').querySelectorAll('[role="button"]').length, svg.text);
    expect(count).toBe(reference);
  });
});
