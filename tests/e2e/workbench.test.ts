import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, serveDist, showView } from './harness';

// Expected figures: ../shared/data/cdnow/README.md (the sample: 69,659 rows, 23,570 customers, revenue
// 2,500,315.63, last order 1998-06-30 so the default analysis date is 1998-07-01, 2,345 Champions).
let server: Server;
let browser: Browser;
let page: Page;

/** The seven views in the navigation's order, each with a heading its panel shows. */
const VIEWS: [string, string][] = [
  ['Overview', 'Overview'],
  ['Segments', 'RFM scores and segments'],
  ['Customers', 'Customers'],
  ['Profitability', 'Customer profitability'],
  ['Cohorts', 'Cohorts'],
  ['Migration', 'Segment migration'],
  ['Lifetime value', 'Lifetime value'],
];

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  page = await openApp(context, served.url);
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('heading', { name: 'Columns' }).waitFor({ state: 'detached' });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function figure(scope: ReturnType<Page['locator']>, label: string): Promise<string> {
  return (await scope.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd').innerText()).trim();
}

async function focusedTab(): Promise<string> {
  return page.evaluate(() => (document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent ?? '' : ''));
}

describe('the workbench in Chromium on the CDNOW sample', () => {
  it('opens on the overview: the key figures, the segment map and a way into every other view', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Overview' });
    await panel.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');
    expect(await figure(panel, 'Customers')).toBe('23,570');
    expect(await figure(panel, 'Revenue')).toBe('2,500,315.63');
    expect(await figure(panel, 'Analysis date')).toBe('1998-07-01');
    await panel.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    const links = panel.getByRole('navigation', { name: 'Go to a view' }).getByRole('button');
    expect(await links.allInnerTexts()).toEqual(VIEWS.slice(1).map(([name]) => `Open ${name}`));
    await links.filter({ hasText: 'Open Profitability' }).click();
    await page.getByRole('tabpanel', { name: 'Profitability' }).getByRole('heading', { name: 'Customer profitability' }).waitFor();
    await showView(page, 'Overview');
  });

  it('moves between the seven tabs by keyboard: arrows, Home and End move the focus and show each panel', async () => {
    await page.getByRole('tab', { name: 'Overview' }).focus();
    for (const [name, heading] of [...VIEWS.slice(1), VIEWS[0]]) {
      await page.keyboard.press('ArrowRight');
      expect(await focusedTab()).toBe(name);
      expect(await page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tabpanel', { name, exact: true }).getByRole('heading', { name: heading, exact: true }).first().waitFor();
    }
    await page.keyboard.press('End');
    expect(await focusedTab()).toBe('Lifetime value');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTab()).toBe('Migration');
    await page.getByRole('tabpanel', { name: 'Migration' }).waitFor();
    await page.keyboard.press('Home');
    expect(await focusedTab()).toBe('Overview');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTab()).toBe('Lifetime value');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTab()).toBe('Overview');
    // Only the selected tab is in the tab order; the focus ring is drawn (a global :focus-visible style).
    expect(await page.getByRole('tab').evaluateAll((tabs) => tabs.map((b) => b.getAttribute('tabindex')))).toEqual(['0', '-1', '-1', '-1', '-1', '-1', '-1']);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('keeps the data-quality summary and the settings above every view', async () => {
    for (const view of ['Segments', 'Cohorts']) {
      await showView(page, view);
      const quality = page.getByRole('region', { name: 'Data quality' });
      expect(await figure(quality, 'Rows read')).toBe('69,659');
      expect(await figure(quality, 'Customers')).toBe('23,570');
      expect(await figure(quality, 'Rows not used')).toBe('0');
      const details = quality.getByRole('button', { name: 'Data quality details' });
      expect(await details.getAttribute('aria-expanded')).toBe('false');
      await details.click();
      expect(await figure(quality, 'First order')).toBe('1997-01-01');
      expect(await figure(quality, 'Last order')).toBe('1998-06-30');
      await quality.getByText('Every row was used.').waitFor();
      await details.click();
      await quality.getByText('Every row was used.').waitFor({ state: 'detached' });

      const settings = page.getByRole('region', { name: 'Settings' });
      expect(await settings.getByLabel('Analysis date').inputValue()).toBe('1998-07-01');
      const mapping = settings.getByRole('button', { name: 'Column mapping' });
      await mapping.click();
      expect(await mapping.getAttribute('aria-expanded')).toBe('true');
      // The focus goes to the mapping's first field, which holds the column analysed.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('role-customer');
      expect(await page.getByLabel('Customer', { exact: true }).inputValue()).toBe('customer_id');
      await mapping.click();
      await page.getByRole('heading', { name: 'Columns' }).waitFor({ state: 'detached' });
      // The view stays where it was.
      expect(await page.getByRole('tab', { name: view }).getAttribute('aria-selected')).toBe('true');
    }
  });

  it('a segment picked on the overview opens its customers in the Customers view', async () => {
    await showView(page, 'Overview');
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).click();
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByText('Selection: Segment: Champions').waitFor();
    await bar.getByRole('button', { name: 'Show these customers' }).click();
    expect(await page.getByRole('tab', { name: 'Customers' }).getAttribute('aria-selected')).toBe('true');
    expect(await focusedTab()).toBe('Customers');
    await page.getByRole('table', { name: 'Customers: Segment: Champions' }).waitFor();
    await page.getByText('2,345 customers', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show all customers' }).click();
    await page.getByText('Selection: All customers').waitFor();
  });

  it('prints a report of the key figures, the segment map, the R×F grid, the whale curve and the tables, without the controls', async () => {
    await showView(page, 'Profitability');
    await page.getByLabel('Gross margin (% of revenue)').fill('30');
    await page.getByLabel('Gross margin (% of revenue)').dispatchEvent('change');
    await page.getByRole('img', { name: /Whale curve/ }).waitFor();
    // Printed from another view: the report is the same.
    await showView(page, 'Cohorts');
    await page.emulateMedia({ media: 'print' });
    const report = page.getByRole('article', { name: 'Customer portfolio report' });
    await report.waitFor();
    expect(await figure(report, 'Customers')).toBe('23,570');
    expect(await figure(report, 'Revenue')).toBe('2,500,315.63');
    await report.getByRole('group', { name: 'Customer segments, sized by customers' }).waitFor();
    await report.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await report.getByRole('group', { name: 'Customers by recency and frequency score' }).waitFor();
    await report.getByRole('img', { name: /Whale curve/ }).waitFor();
    await report.getByRole('table', { name: 'Segments' }).waitFor();
    await report.getByRole('table', { name: 'Profit by segment' }).waitFor();
    // The controls, the navigation, the bar above the views and the open view are not printed.
    for (const hidden of [page.getByRole('tablist'), page.getByRole('button', { name: 'Print report' }), page.getByRole('region', { name: 'Data quality' }),
      page.getByRole('tabpanel'), page.getByRole('button', { name: 'Open transactions file' }), report.getByRole('combobox')]) {
      expect(await hidden.count()).toBe(0);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('tablist').waitFor();
    await report.waitFor({ state: 'detached' });
  });

  it('follows a dark system colour scheme: the page and the charts’ ink change colour', async () => {
    await showView(page, 'Segments');
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const tickInk = () => page.locator('svg.rf-grid text[fill="#333333"]').first().evaluate((e) => getComputedStyle(e).fill);
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    expect(luminance(light)).toBeGreaterThan(0.8);
    expect(luminance(await tickInk())).toBeLessThan(0.3);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);
    expect(luminance(dark)).toBeLessThan(0.2);
    // The tick labels turn light on the dark panel, and the panel itself is dark.
    expect(luminance(await tickInk())).toBeGreaterThan(0.7);
    const panel = await page.getByRole('tabpanel', { name: 'Segments' }).locator('section.panel').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(luminance(panel)).toBeLessThan(0.2);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
