import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, serveDist } from './harness';

// A second language as the hosting page supplies it (README, "Languages"): English with a few strings changed,
// and the es-ES locale, whose numbers read 23.570 (grouped from five digits) and 2345 (four digits, not grouped).
const stubLanguage = () => {
  (window as unknown as { __carteraLanguages: unknown[] }).__carteraLanguages = [
    (en: any) => ({
      code: 'xx',
      name: 'Prueba',
      locale: 'es-ES',
      dates: { day: 'numeric', month: 'numeric', year: 'numeric' },
      messages: {
        ...en,
        appName: 'Cartera (prueba)',
        language: 'Idioma',
        rfm: { ...en.rfm, title: 'Puntuaciones RFM y segmentos' },
        charts: { ...en.charts, treemap: { ...en.charts.treemap, title: 'Segmentos de clientes' } },
      },
    }),
  ];
};

let server: Server;
let browser: Browser;
let url: string;
let page: Page;

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  url = served.url;
  browser = await launchBrowser();
  const context = await browser.newContext();
  await context.addInitScript(stubLanguage);
  page = await openApp(context, url);
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
  await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the language is a setting', () => {
  it('the shipping app, with one language, has no language selector', async () => {
    const plain = await openApp(await browser.newContext(), url);
    await plain.getByRole('button', { name: 'Try sample data' }).waitFor();
    expect(await plain.getByRole('combobox', { name: 'Language' }).count()).toBe(0);
    await plain.context().close();
  });

  it('choosing a second language re-renders the page, the charts and the numbers; English comes back', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('xx');
    await page.getByRole('heading', { name: 'Cartera (prueba)', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Puntuaciones RFM y segmentos' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('xx');
    // The chart's labels follow the language, and its numbers the locale.
    await page.getByRole('group', { name: 'Segmentos de clientes' }).waitFor();
    await page.getByRole('button', { name: /^Champions: 2345 customers, \d+,\d\s% of revenue$/ }).waitFor();
    // The UI's own figures too: 23,570 customers in es-ES.
    await page.getByRole('status').filter({ hasText: '23.570 customers' }).first().waitFor();
    // What the language does not translate is English (it spreads English).
    await page.getByRole('button', { name: 'Export customers (CSV)' }).waitFor();

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'Cartera', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
    await page.getByRole('group', { name: 'Customer segments, sized by customers' }).waitFor();
    await page.getByRole('button', { name: /^Champions: 2,345 customers, \d+\.\d% of revenue$/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Cartera (prueba)' }).count()).toBe(0);
  });

  it('?lang= chooses the language at start', async () => {
    const context = await browser.newContext();
    await context.addInitScript(stubLanguage);
    const other = await context.newPage();
    await other.goto(url + '?lang=xx');
    await other.getByRole('heading', { name: 'Cartera (prueba)', exact: true }).waitFor();
    expect(await other.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('xx');
    await context.close();
  });

  it('a share link carries the language: restored where the page has it, named where it does not', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    await context.addInitScript(stubLanguage);
    const maker = await openApp(context, url);
    await maker.getByRole('button', { name: 'Try sample data' }).click();
    await maker.getByRole('button', { name: 'Analyze' }).click();
    await maker.getByRole('combobox', { name: 'Language' }).selectOption('xx');
    await maker.getByRole('button', { name: /^Champions: 2345 customers/ }).waitFor();
    await maker.getByRole('button', { name: 'Copy share link' }).click();
    await maker.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
    const link = await maker.evaluate(() => navigator.clipboard.readText());
    expect(link).not.toContain('lang=');

    const withLanguage = await browser.newContext();
    await withLanguage.addInitScript(stubLanguage);
    const restored = await openApp(withLanguage, link);
    // The sample's address is on the page's origin: it opens by itself, in the link's language.
    await restored.getByRole('button', { name: /^Champions: 2345 customers/ }).waitFor();
    expect(await restored.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('xx');

    const plain = await openApp(await browser.newContext(), link);
    await plain.getByRole('status').filter({ hasText: 'The link asks for the language “xx”' }).waitFor();
    await plain.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await Promise.all([context.close(), withLanguage.close(), plain.context().close()]);
  });
});
