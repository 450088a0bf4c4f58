import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, serveDist, showView } from './harness';

/**
 * A seeded shop with a cost column. The expected whale-curve peak and the unprofitable tail are worked out
 * here, independently of the app, with plain arithmetic in cents.
 */
function shop() {
  let seed = 20261124;
  // Park–Miller: exact in doubles (products stay below 2^53).
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const lines = ['customer,order,date,amount,cost'];
  const orders: { customer: string; net: number; cost: number }[] = [];
  let orderNo = 1000;
  for (let c = 1; c <= 120; c++) {
    const customer = `K${String(c).padStart(4, '0')}`;
    const n = 1 + Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      const amount = 500 + Math.floor(rand() * 20000); // cents
      const margin = -0.15 + rand() * 0.6; // some orders sell below cost
      const cost = Math.round(amount * (1 - margin));
      lines.push(`${customer},${++orderNo},2025-${month}-${day},${(amount / 100).toFixed(2)},${(cost / 100).toFixed(2)}`);
      orders.push({ customer, net: amount, cost });
    }
  }
  return { csv: lines.join('\n') + '\n', orders };
}

/** Peak of the whale curve and the customers after it, for a cost per order in cents. */
function expected(orders: ReturnType<typeof shop>['orders'], costPerOrderCents: number) {
  const profit = new Map<string, number>();
  for (const o of orders) profit.set(o.customer, (profit.get(o.customer) ?? 0) + o.net - o.cost - costPerOrderCents);
  const ranked = [...profit.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = ranked.reduce((s, [, p]) => s + p, 0);
  let cum = 0;
  let best = 0;
  let peakRank = 0;
  ranked.forEach(([, p], i) => {
    cum += p;
    if (cum > best) { best = cum; peakRank = i + 1; }
  });
  const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
  return {
    sentence: `The most profitable ${pct(peakRank / ranked.length)} of customers earn ${pct(best / total)} of the profit; the rest lose ${pct(best / total - 1)}.`,
    tail: ranked.slice(peakRank).map(([c]) => c).sort(),
  };
}

let server: Server;
let browser: Browser;
let page: Page;
const data = shop();

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 1000 } });
  page = await openApp(context, served.url);
  await page.getByLabel('Open transactions file').setInputFiles({ name: 'shop-with-costs.csv', mimeType: 'text/csv', buffer: Buffer.from(data.csv) });
  await page.getByRole('button', { name: 'Analyze' }).waitFor();
  if ((await page.getByLabel('Cost', { exact: true }).inputValue()) !== 'cost') throw new Error('the cost column was not mapped');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await showView(page, 'Profitability');
  await page.getByRole('heading', { name: 'Customer profitability' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('profitability in Chromium on a file with a cost column', () => {
  it('draws the whale curve with its sentence; a cost per order moves the peak', async () => {
    await page.getByLabel('Cost per order').fill('2.50');
    await page.getByLabel('Cost per order').dispatchEvent('change');
    await page.locator("figcaption", { hasText: expected(data.orders, 250).sentence }).waitFor();
    await page.getByLabel('Cost per order').fill('8');
    await page.getByLabel('Cost per order').dispatchEvent('change');
    const moved = expected(data.orders, 800);
    expect(moved.sentence).not.toBe(expected(data.orders, 250).sentence);
    await page.locator("figcaption", { hasText: moved.sentence }).waitFor();
  });

  it('brushing the unprofitable tail selects those customers, and they export', async () => {
    const { tail } = expected(data.orders, 800);
    const svg = page.getByRole('img', { name: /Whale curve/ });
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    // Drag from the right edge of the plot leftwards past the peak: the brush then covers the tail.
    const peakLine = (await page.locator('.peak-marker').boundingBox())!;
    await page.mouse.move(box.x + box.width - 17, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(peakLine.x + 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByText(/^Selection: Customers ranked/).waitFor();
    await page.getByRole('button', { name: 'Show these customers' }).click();
    await page.getByRole('tabpanel', { name: 'Customers' }).getByText(/^Selection: Customers ranked/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export customers (CSV)' }).click()]);
    const rows = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(rows[0]).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label,gross_margin,cost_to_serve,profit,below_adequate');
    expect(rows.slice(1).map((r) => r.split(',')[0]).sort()).toEqual(tail);
  });

  it('a cost that cannot be read is named with what to type, and profit keeps the last valid model until it is fixed', async () => {
    await showView(page, 'Profitability');
    const field = page.getByLabel('Cost per order');
    const kept = expected(data.orders, 250).sentence;
    // A decimal comma reads (2,50 = 2.50; thousands points too, tested in tests/unit/numbers.test.ts): no message.
    await field.fill('2,50');
    await field.dispatchEvent('change');
    await page.locator('figcaption', { hasText: kept }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').filter({ hasText: 'Cost per order:' }).count()).toBe(0);
    // Thousands marks that do not group threes do not: the message quotes what was typed.
    await field.fill('1.2.3');
    await field.dispatchEvent('change');
    const alert = page.getByRole('alert').filter({
      hasText: 'Cost per order: “1.2.3” is not a number Cartera can read. Write it with a decimal point, at most 12 digits before it and 10 after (for example 2.50). Until it is fixed, profit uses the last valid cost model.',
    });
    await alert.waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('figcaption', { hasText: kept }).count()).toBe(1);
    // Back to the last valid value: nothing to recompute, and the message goes.
    await field.fill('2,50');
    await field.dispatchEvent('change');
    await alert.waitFor({ state: 'detached' });
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('figcaption', { hasText: kept }).count()).toBe(1);
  });
});
