import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  openApp,
  outsideOrigin,
  recordCspViolations,
  recordRequests,
  serveDist,
  stubLanguage,
  summaryValue,
} from './harness';

// The README's "Privacy" and "Deploy": over a whole session nothing leaves the page's origin and its Content
// Security Policy refuses nothing; the page itself cannot fetch another host, and "Open from URL" fetches the
// address typed (in the worker) and nothing else. Expected figures: ../shared/data/cdnow/README.md (23,570
// customers; Champions 2,345), and a three-row file worked out by hand.
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

describe('a whole session stays on the page origin, under its Content Security Policy', () => {
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let cspViolations: () => Promise<string[]>;

  async function download(button: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  }

  beforeAll(async () => {
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
    // A second language from the hosting page, so that the session switches language too.
    await context.addInitScript(stubLanguage);
    requests = recordRequests(context);
    cspViolations = await recordCspViolations(context);
    page = await openApp(context, url);
  });

  afterAll(() => context?.close());

  it('loads the sample, analyses it and opens every view tab, the lifetime-value fit included', async () => {
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    expect(await summaryValue(page, 'Customers')).toBe('23,570');
    const tabs = page.getByRole('tablist').getByRole('tab');
    const names = await tabs.allInnerTexts();
    expect(names).toEqual(['Overview', 'Segments', 'Customers', 'Profitability', 'Cohorts', 'Migration', 'Lifetime value']);
    for (const name of names) {
      const tab = page.getByRole('tab', { name });
      await tab.click();
      await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
      if (name === 'Profitability') await page.getByRole('heading', { name: 'Customer profitability' }).waitFor();
      if (name === 'Cohorts') await page.getByText(/^23,570 customers in 4 cohorts/).waitFor();
      if (name === 'Migration') await page.getByRole('button', { name: '590 Champions became Potential Loyalist' }).waitFor();
      if (name === 'Lifetime value') await page.getByText(/^BG\/NBD \(time unit: weeks\): r = /).waitFor({ timeout: 90_000 });
    }
  });

  it('downloads the customers as CSV and Parquet, the cohorts and the model', async () => {
    const model = await download('Export model (JSON)');
    expect(model.name).toBe('clv-model.json');
    expect(JSON.parse(model.bytes.toString('utf8')).customers).toBe(23_570);
    await page.getByRole('tab', { name: 'Cohorts' }).click();
    expect((await download('Export cohorts (CSV)')).name).toBe('cohorts.csv');
    await page.getByRole('tab', { name: 'Customers' }).click();
    const csv = await download('Export customers (CSV)');
    expect(csv.name).toBe('customers.csv');
    // A header and one line per customer.
    expect(csv.bytes.toString('utf8').trim().split(/\r?\n/).length).toBe(23_571);
    const parquet = await download('Export customers (Parquet)');
    expect(parquet.name).toBe('customers.parquet');
    // A Parquet file begins and ends with its magic number.
    expect([parquet.bytes.subarray(0, 4).toString('latin1'), parquet.bytes.subarray(-4).toString('latin1')]).toEqual(['PAR1', 'PAR1']);
  });

  it('copies a share link and opens it in the same session: the set-up comes back, the sample by its own address', async () => {
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(url)).toBe(true);
    expect(link).toContain('#s=');
    const opened = await openApp(context, link);
    // The link holds the view last shown (Customers, after the downloads) and the sample's address.
    await opened.getByRole('tab', { name: 'Customers', selected: true }).waitFor();
    await expect.poll(() => summaryValue(opened, 'Customers')).toBe('23,570');
    await opened.close();
  });

  it('switches the language and back', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('xx');
    await page.getByRole('heading', { name: 'Cartera (prueba)', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Idioma (prueba)' }).selectOption('en');
    await page.getByRole('heading', { name: 'Cartera', exact: true }).waitFor();
  });

  it('sent no request outside the origin, and the policy refused nothing', async () => {
    // Positive controls: the page's and the worker's own requests are recorded.
    for (const part of ['/assets/data.worker-', '.wasm', '/sample/cdnow_master.txt.gz']) {
      expect(requests.some((u) => u.includes(part)), part).toBe(true);
    }
    expect(outsideOrigin(requests, origin)).toEqual([]);
    expect(await cspViolations()).toEqual([]);
  });
});

describe('"Open from URL" on another host', () => {
  // A public CSV on another origin (another port), with the CORS header a public file host sends.
  const CSV = 'customer,date,amount\nA,2024-01-05,10.00\nB,2024-01-06,20.50\nA,2024-02-01,4.50\n';
  const hits: { path: string; headers: IncomingHttpHeaders }[] = [];
  let remote: Server;
  let remoteUrl: string;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let cspViolations: () => Promise<string[]>;

  beforeAll(async () => {
    remote = createServer((req, res) => {
      hits.push({ path: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/csv', 'access-control-allow-origin': '*' }).end(CSV);
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    const addr = remote.address();
    remoteUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/shop/orders.csv`;
    context = await browser.newContext();
    requests = recordRequests(context);
    cspViolations = await recordCspViolations(context);
    page = await openApp(context, url);
  });

  afterAll(async () => {
    await context?.close();
    remote?.close();
  });

  it('the page itself cannot fetch it: its policy refuses the connection before it leaves', async () => {
    const outcome = await page.evaluate((u) => fetch(u).then(() => 'fetched', (e: unknown) => `refused: ${String(e)}`), remoteUrl);
    expect(outcome).toMatch(/^refused/);
    expect(hits).toEqual([]);
    const refusals = await cspViolations();
    expect(refusals.some((v) => v === `connect-src refused ${remoteUrl}`)).toBe(true);
  });

  it('the address typed in "Open from URL" is fetched by the worker and analysed', async () => {
    await page.getByLabel('Open from URL').fill(remoteUrl);
    await page.getByRole('button', { name: 'Open URL' }).click();
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('region', { name: 'Data quality' }).waitFor();
    // By hand: 3 rows, customers A and B, 10.00 + 20.50 + 4.50 = 35.00.
    expect(await summaryValue(page, 'Rows read')).toBe('3');
    expect(await summaryValue(page, 'Customers')).toBe('2');
    expect(await summaryValue(page, 'Revenue')).toBe('35.00');
    // One request reached the other host, from the page's origin (the worker's CORS request), for that address.
    expect(hits.map((h) => [h.path, h.headers.origin])).toEqual([['/shop/orders.csv', origin]]);
    expect([...new Set(outsideOrigin(requests, origin))]).toEqual([remoteUrl]);
  });
});
