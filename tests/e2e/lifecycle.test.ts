import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launchBrowser, openApp, serveDist, showView, SHARED_DATA } from './harness';

// The lifecycle views in Chromium on CDNOW master. Expected values: ../shared/data/cdnow/reference
// (cdnow.cohorts.csv, cdnow.migration.csv.gz, cdnow.clv_fits.json) and the README's figures.
let server: Server;
let browser: Browser;
let page: Page;

const text = (rel: string) => {
  const raw = readFileSync(join(SHARED_DATA, rel));
  return (rel.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').trim().split(/\r?\n/);
};

async function download(name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return readFileSync(await file.path(), 'utf8');
}

beforeAll(async () => {
  const served = await serveDist();
  server = served.server;
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 1000 } });
  page = await openApp(context, served.url);
  await page.getByLabel('Open transactions file').setInputFiles(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'));
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('tab', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('lifecycle views on CDNOW', () => {
  it('Cohorts: the triangle, its customers, and cohorts.csv equal to the reference', async () => {
    await page.getByRole('tab', { name: 'Cohorts' }).click();
    await page.getByText('23,570 customers in 4 cohorts; 68 have no order with a positive net amount and belong to no cohort.').waitFor();
    expect(await page.getByRole('tab', { name: 'Cohorts' }).getAttribute('aria-selected')).toBe('true');
    const csv = (await download('Export cohorts (CSV)')).trim().split(/\r?\n/);
    const ref = text('cdnow/reference/cdnow.cohorts.csv');
    expect(csv[0]).toBe(ref[0]);
    expect(csv.length).toBe(ref.length);
    ref.slice(1).forEach((line, i) => {
      const [c, k, n, a, r, rev] = line.split(',');
      const got = csv[i + 1].split(',');
      expect(got.slice(0, 4)).toEqual([c, k, n, a]);
      expect(Math.abs(Number(got[4]) - Number(r))).toBeLessThan(1e-9);
      expect(Number(got[5])).toBeCloseTo(Number(rev), 4);
    });
    // A cell lists its active customers: cohort 1997-01, period 1 has 1,155 (the reference's active_customers).
    await page.getByRole('button', { name: /^Cohort 1997-01, period 1: 1,155 of 7,814 customers active/ }).click();
    await page.getByText('Selection: Cohort 1997-01, active in period 1').waitFor();
    await page.getByText(/1,155 customers/).first().waitFor();
  });

  it('Migration: the default comparison date, the README moves, migration.csv equal to the reference', async () => {
    await page.getByRole('tab', { name: 'Migration' }).click();
    expect(await page.getByLabel('Compare with').inputValue()).toBe('1998-04-01');
    await page.getByText(/23,570 customers on .*, 23,570 on .* \(0 new\)\. 21,967 stayed in their segment, 1,603 moved\./).waitFor();
    await page.getByRole('button', { name: '590 Champions became Potential Loyalist' }).waitFor();
    const csv = (await download('Export migration (CSV)')).trim().split(/\r?\n/).map((l) => l.split(','));
    expect(csv[0]).toEqual(['customer_id', 'segment_before', 'segment_after', 'segment_before_label', 'segment_after_label']);
    // The stable names equal the reference; in English each label is its name.
    expect(csv.map((f) => f.slice(0, 3).join(','))).toEqual(text('cdnow/reference/cdnow.migration.csv.gz'));
    expect(csv.slice(1).filter((f) => f[3] !== f[1] || f[4] !== f[2])).toEqual([]);
    await page.getByRole('button', { name: '590 Champions became Potential Loyalist' }).click();
    await page.getByText('Selection: From Champions to Potential Loyalist').waitFor();
  });

  it("a rule named 'New' is refused with the reason: the migration's new customers stay those without an earlier order", async () => {
    await page.getByRole('tab', { name: 'Segments' }).click();
    const name = page.getByLabel('Segment name, rule 1', { exact: true });
    expect(await name.inputValue()).toBe('Champions');
    await name.fill('New');
    await name.blur();
    const reason = 'The name “New” is reserved: the migration uses it for customers with no order by the comparison date. Choose another name, for example “New customers”.';
    await page.getByRole('status').filter({ hasText: reason }).waitFor();
    // The rules on screen stay those last applied: the segment is still Champions, and the migration counts 0 new.
    await page.getByRole('tab', { name: 'Migration' }).click();
    await page.getByText(/23,570 customers on .*, 23,570 on .* \(0 new\)\. 21,967 stayed in their segment, 1,603 moved\./).waitFor();
    await page.getByRole('button', { name: '590 Champions became Potential Loyalist' }).waitFor();
    // "New customers" is a name like any other.
    await page.getByRole('tab', { name: 'Segments' }).click();
    await name.fill('New customers');
    await name.blur();
    await page.getByRole('tab', { name: 'Migration' }).click();
    await page.getByRole('button', { name: '590 New customers became Potential Loyalist' }).waitFor();
    await page.getByText(/\(0 new\)\. 21,967 stayed in their segment, 1,603 moved\./).waitFor();
    await page.getByRole('tab', { name: 'Segments' }).click();
    await name.fill('Champions');
    await name.blur();
    await page.getByRole('tab', { name: 'Migration' }).click();
    await page.getByRole('button', { name: '590 Champions became Potential Loyalist' }).waitFor();
  });

  it('Lifetime value: a calibration end of 1997-09-30 gives the peers’ fit, the model check, and clv-model.json', async () => {
    await page.getByRole('tab', { name: 'Lifetime value' }).click();
    const end = page.getByLabel('Calibration end');
    await end.fill('1997-09-30');
    await end.dispatchEvent('change');
    const fits = JSON.parse(readFileSync(join(SHARED_DATA, 'cdnow/reference/cdnow.clv_fits.json'), 'utf8')).cdnow_master.btyd;
    const four = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(v);
    const b = fits.bgnbd;
    await page.getByText(`BG/NBD (time unit: weeks): r = ${four(b.r)}, α = ${four(b.alpha)} weeks, a = ${four(b.a)}, b = ${four(b.b)}; log-likelihood -95,368.44.`).waitFor({ timeout: 60_000 });
    await page.getByText(/Gamma-Gamma on 9,450 repeat customers: p = 6\.27\d*, q = 3\.62\d*, γ = 14\.98\d*/).waitFor();
    await page.getByRole('img', { name: /Cumulative repeat transactions, actual and model/ }).first().waitFor();
    await page.getByText(/One-time buyers: under BG\/NBD/).waitFor();
    const model = JSON.parse(await download('Export model (JSON)'));
    expect(model).toMatchObject({ time_unit: 'week', calibration_end: '1997-09-30', customers: 23_570, horizon_weeks: 52 });
    const sig = (v: number) => Number(v.toPrecision(3));
    expect([model.bgnbd.r, model.bgnbd.alpha, model.bgnbd.a, model.bgnbd.b].map(sig)).toEqual([b.r, b.alpha, b.a, b.b].map(sig));
    expect(Math.abs(model.bgnbd.log_likelihood - b.loglik)).toBeLessThan(0.01);
    expect(Math.abs(model.gamma_gamma.log_likelihood - fits.gamma_gamma.loglik)).toBeLessThan(0.01);
    // The key accounts: the top one by expected value is 07592 (README: the most transactions expected, 75.15).
    const rows = page.getByRole('table', { name: 'Key accounts' }).getByRole('row');
    expect(await rows.count()).toBe(21);
    expect(await rows.nth(1).getByRole('cell').first().innerText()).toBe('07592');
  });

  it('a fit can be cancelled: the model on screen stays, and the same settings fit again', async () => {
    const horizon = page.getByLabel('Horizon (weeks)');
    await horizon.fill('26');
    await horizon.dispatchEvent('change');
    await page.getByRole('button', { name: 'Cancel fit' }).click();
    await page.getByText('The fit was cancelled; change a setting to fit again.').waitFor();
    // The 52-week figures are still those on screen.
    await page.getByText(/transactions expected in the next 52 weeks/).waitFor();
    await horizon.fill('52');
    await horizon.dispatchEvent('change');
    await horizon.fill('26');
    await horizon.dispatchEvent('change');
    await page.getByText(/transactions expected in the next 26 weeks/).waitFor({ timeout: 60_000 });
  });

  it('the customers export gains the predictions once the model is fitted', async () => {
    await showView(page, 'Customers');
    // The migration flow picked above is still the selection: back to every customer.
    await page.getByText('Selection: From Champions to Potential Loyalist').waitFor();
    await page.getByRole('button', { name: 'Show all customers' }).click();
    await page.getByText('Selection: All customers').waitFor();
    const csv = (await download('Export customers (CSV)')).trim().split(/\r?\n/);
    expect(csv[0]).toBe('customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label,p_alive,expected_orders,expected_order_value,clv');
    expect(csv.length).toBe(23_571);
  });
});
