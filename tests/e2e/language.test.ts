import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, serveDist, stubLanguage } from './harness';

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
});
