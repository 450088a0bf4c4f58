/**
 * Issue 18: axe-core (the page's own copy of its source, evaluated in the page: the Content Security Policy
 * forbids inline script elements) on each main view of the production build, the start page and, after
 * Analyze on the CDNOW sample, every tab of the view navigation; no violation of impact serious or critical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, openApp, serveDist, showView } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  page = await openApp(await browser.newContext(), served.url);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** Runs axe on the whole page; returns the serious and critical violations as "rule: targets" lines. */
async function seriousViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}: ${v.help}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`);
}

describe('axe-core on every main view', () => {
  it('the start page', async () => {
    expect(await seriousViolations()).toEqual([]);
  });

  it('the mapping panel', async () => {
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('each tab of the views after Analyze', async () => {
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('tabpanel', { name: 'Overview' }).waitFor();
    const tabs = await page.getByRole('tablist').first().getByRole('tab').allInnerTexts();
    expect(tabs.map((n) => n.trim())).toEqual(['Overview', 'Segments', 'Customers', 'Profitability', 'Cohorts', 'Migration', 'Lifetime value']);
    const found: Record<string, string[]> = {};
    for (const name of tabs) {
      await page.getByRole('tab', { name: name.trim(), exact: true }).click();
      // Each view computes its data when it opens: wait until nothing on the page is busy.
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 120_000 });
      if (name.trim() === 'Lifetime value') await page.getByRole('heading', { name: 'Key accounts' }).waitFor({ timeout: 120_000 });
      const v = await seriousViolations();
      if (v.length) found[name.trim()] = v;
    }
    expect(found).toEqual({});
  });

  it('the profitability views, once a margin makes profit known', async () => {
    await showView(page, 'Profitability');
    const margin = page.getByLabel('Gross margin (% of revenue)');
    await margin.fill('30');
    await margin.dispatchEvent('change');
    await page.getByRole('table', { name: 'Profit by segment' }).waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('the dark theme (the system asks for it): the overview, segments and profitability views', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const found: Record<string, string[]> = {};
    for (const name of ['Overview', 'Segments', 'Profitability']) {
      await showView(page, name);
      const v = await seriousViolations();
      if (v.length) found[name] = v;
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(found).toEqual({});
  });
});
