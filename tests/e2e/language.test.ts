import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, recordRequests, serveDist, showView, stubLanguage } from './harness';

// Expected figures: the CDNOW sample as the English tests assert it (foundation.test.ts: revenue 2,500,315.63,
// 23,570 customers, first order 1997-01-01; rfm.test.ts: Champions 2,345 customers), written by hand in each
// locale's own style. es-ES groups only numbers of five digits or more (CLDR), so 2345 stays ungrouped there
// while nl-NL and pt-BR write 2.345.


let server: Server;
let origin: string;
let browser: Browser;
let url: string;
let page: Page;
let requests: string[];

/** The value shown for a figure of the data-quality summary (its details opened when they are closed). */
async function summaryValue(p: Page, region: string, label: string): Promise<string> {
  const dl = p.getByRole('region', { name: region });
  const details = dl.getByRole('button', { expanded: false });
  if (await details.count()) await details.first().click();
  return (await dl.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd').textContent())!.trim();
}

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  url = served.url;
  origin = served.origin;
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
  requests = recordRequests(context);
  page = await openApp(context, url);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('four languages, chosen from the browser, switched in the header', () => {
  it('a browser in es-ES opens in Spanish: headings, buttons, figures and days in Spanish style', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByRole('button', { name: 'Probar con datos de ejemplo' }).click();
    await page.getByRole('button', { name: 'Analizar' }).click();
    await showView(page, 'Segmentos');
    await page.getByRole('heading', { name: 'Puntuaciones RFM y segmentos' }).waitFor();
    expect(await summaryValue(page, 'Calidad de los datos', 'Ingresos')).toBe('2.500.315,63');
    expect(await summaryValue(page, 'Calidad de los datos', 'Clientes')).toBe('23.570');
    expect(await summaryValue(page, 'Calidad de los datos', 'Primer pedido')).toBe('01/01/1997');
    // The segment map names the preset segments in Spanish; its figures are Spanish too.
    await page.getByRole('group', { name: 'Segmentos de clientes, según número de clientes' }).waitFor();
    await page.getByRole('button', { name: /^Campeones: 2345 clientes, \d+,\d\s% de los ingresos$/ }).waitFor();
    await page.getByRole('tab', { name: 'Clientes', exact: true }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('es');
    // segments.csv keeps the stable name and adds the Spanish label.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar segmentos (CSV)' }).click()]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(lines[0].startsWith('segment,segment_label,customers,')).toBe(true);
    expect(lines.filter((l) => l.startsWith('Champions,Campeones,2345,')).length).toBe(1);
  });

  it('a segment chosen in Spanish is labelled in the UI; its customers.csv keeps segment and adds segment_label', async () => {
    await page.getByRole('button', { name: /^Campeones: / }).click();
    await page.getByText('Selección: Segmento: Campeones').waitFor();
    await page.getByRole('button', { name: 'Mostrar estos clientes' }).click();
    const table = page.getByRole('table', { name: 'Clientes: Segmento: Campeones' });
    await table.getByRole('cell', { name: 'Campeones' }).first().waitFor();
    // rfm.test.ts: the top Champion by monetary is 07592 (13,990.93); its profile, in Spanish.
    const first = table.getByRole('row').nth(1);
    await expect.poll(() => first.textContent()).toContain('07592');
    await first.click();
    const profile = page.getByRole('dialog', { name: 'Cliente 07592' });
    await profile.getByText('Segmento: Campeones').waitFor();
    expect(await profile.textContent()).toContain('13.990,93');
    await profile.getByRole('button', { name: 'Cerrar' }).click();
    await profile.waitFor({ state: 'hidden' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar clientes (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('customers.csv');
    const [header, ...rows] = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label');
    expect(rows.length).toBe(2345);
    expect(rows.filter((r) => !r.endsWith(',Champions,Campeones'))).toEqual([]);
  });

  it('switching to Dutch, then Portuguese, then English re-renders everything, and the page language follows', async () => {
    await showView(page, 'Segmentos');
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('nl');
    await page.getByRole('heading', { name: 'RFM-scores en segmenten' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await summaryValue(page, 'Datakwaliteit', 'Omzet')).toBe('2.500.315,63');
    expect(await summaryValue(page, 'Datakwaliteit', 'Eerste order')).toBe('01-01-1997');
    await page.getByRole('button', { name: /^Kampioenen: 2\.345 klanten, \d+,\d% van de omzet$/ }).waitFor();
    // The selection holds the stable name: it is still Champions, now in Dutch.
    await page.getByText('Selectie: Segment: Kampioenen').waitFor();

    await page.getByRole('combobox', { name: 'Taal' }).selectOption('pt');
    await page.getByRole('heading', { name: 'Pontuações RFM e segmentos' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt');
    expect(await summaryValue(page, 'Qualidade dos dados', 'Receita')).toBe('2.500.315,63');
    expect(await summaryValue(page, 'Qualidade dos dados', 'Primeiro pedido')).toBe('01/01/1997');
    await page.getByRole('button', { name: /^Campeões: 2\.345 clientes, \d+,\d\s?% da receita$/ }).waitFor();

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await summaryValue(page, 'Data quality', 'Revenue')).toBe('2,500,315.63');
    expect(await summaryValue(page, 'Data quality', 'First order')).toBe('1997-01-01');
    await page.getByRole('button', { name: /^Champions: 2,345 customers, \d+\.\d% of revenue$/ }).waitFor();
    await page.getByText('Selection: Segment: Champions').waitFor();
  });

  it('the language selector lists the four languages by their own names and works from the keyboard', async () => {
    const select = page.getByRole('combobox', { name: 'Language' });
    expect(await select.locator('option').allTextContents()).toEqual(['English', 'Español', 'Português (Brasil)', 'Nederlands']);
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { name: 'Puntuaciones RFM y segmentos' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('es');
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
  });

  it('migration in Spanish: the largest moves name the segments in Spanish; migration.csv keeps the names and adds labels', async () => {
    // lifecycle.test.ts (English): "590 Champions became Potential Loyalist" with the default comparison date.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('tab', { name: 'Migración' }).click();
    const move = page.getByRole('button', { name: '590 Campeones pasaron a Potencialmente leales' });
    await move.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar migración (CSV)' }).click()]);
    const [header, ...rows] = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('customer_id,segment_before,segment_after,segment_before_label,segment_after_label');
    expect(rows.filter((r) => r.endsWith(',Champions,Potential Loyalist,Campeones,Potencialmente leales')).length).toBe(590);
    await move.click();
    await page.getByText('Selección: De Campeones a Potencialmente leales').waitFor();
    await page.getByRole('tab', { name: 'Segmentos' }).click();
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'RFM scores and segments' }).waitFor();
  });

  it('?lang= overrides the browser language; an unsupported browser language gets English', async () => {
    const pt = await browser.newContext({ locale: 'es-ES' });
    const other = await pt.newPage();
    await other.goto(url + '?lang=pt');
    await other.getByRole('button', { name: 'Experimentar com dados de exemplo' }).waitFor();
    expect(await other.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('pt');
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('pt');
    await pt.close();

    const de = await browser.newContext({ locale: 'de-DE' });
    const german = await openApp(de, url);
    await german.getByRole('button', { name: 'Try sample data' }).waitFor();
    expect(await german.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('en');
    await de.close();
  });

  it('a language the hosting page supplies joins the four, and ?lang= chooses it', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    await context.addInitScript(stubLanguage);
    const hosted = await context.newPage();
    await hosted.goto(url + '?lang=xx');
    await hosted.getByRole('heading', { name: 'Cartera (prueba)', exact: true }).waitFor();
    const select = hosted.getByRole('combobox', { name: 'Idioma (prueba)' });
    expect(await select.locator('option').allTextContents()).toEqual(['English', 'Español', 'Português (Brasil)', 'Nederlands', 'Prueba']);
    await select.selectOption('nl');
    await hosted.getByRole('button', { name: 'Voorbeeldgegevens proberen' }).waitFor();
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
    expect(await restored.getByRole('combobox', { name: 'Idioma (prueba)' }).inputValue()).toBe('xx');

    const plain = await openApp(await browser.newContext(), link);
    await plain.getByRole('status').filter({ hasText: 'The link asks for the language “xx”' }).waitFor();
    await plain.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await Promise.all([context.close(), withLanguage.close(), plain.context().close()]);
  });

  it('no request left the page’s own origin', () => {
    expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('blob:') && !r.startsWith('data:'))).toEqual([]);
  });
});
