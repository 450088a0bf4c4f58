// One browser run: open a file in the production build, analyze, re-score after a date change and a rule edit.
import { shiftDays } from './native.mjs';

/** Recorded in every page before the app starts: long tasks of the main thread and the first 'change' event. */
const INIT_SCRIPT = `
window.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch (e) { window.__longTasksUnsupported = String(e); }
window.__armed = false;
window.__changeAt = null;
document.addEventListener('change', () => {
  if (window.__armed) { window.__armed = false; window.__changeAt = performance.now(); }
}, true);
`;

class StepError extends Error {}

/** Runs `fn`, turning a Playwright timeout into a clear message naming the step. */
async function step(label, timeoutMs, fn) {
  try {
    return await fn(timeoutMs);
  } catch (e) {
    if (e instanceof StepError) throw e;
    const msg = String(e?.message ?? e);
    if (/timeout/i.test(msg)) throw new StepError(`step "${label}" did not finish within ${Math.round(timeoutMs / 1000)} s`);
    throw new StepError(`step "${label}" failed: ${msg.split('\n')[0]}`);
  }
}

const cartera = () =>
  performance
    .getEntriesByType('measure')
    .filter((m) => m.name.startsWith('cartera:'))
    .map((m) => ({ name: m.name, start: m.startTime, duration: m.duration, detail: m.detail ?? null }));

/**
 * The app's error banners. The watchdog's notice (the engine busy for over 3 s, with Cancel) is an alert too, but
 * not an error: on a busy machine it shows during a long Analyze, which then finishes.
 */
const errorAlert = (page) => page.getByRole('alert').filter({ hasNotText: 'has not answered' });

/** Throws the app's error banner text if one is shown. */
async function failOnAlert(page, label) {
  const alert = errorAlert(page);
  if (await alert.count()) {
    const text = (await alert.first().textContent())?.trim().replace(/\s+/g, ' ');
    if (text) throw new StepError(`step "${label}": the app shows an error: ${text}`);
  }
}

/**
 * Waits until the views are still, as a person would before the next change: no element marked aria-busy (a
 * scoring panel, a customers-table page being fetched) for `quietMs` in a row. Without it a change made in the
 * same frame as the previous redraw would wait for that redraw's table page in the worker, and the figure would
 * measure the queue rather than the change.
 */
async function settle(page, timeout, quietMs = 250) {
  await page.waitForFunction(
    (quiet) => {
      const busy = document.querySelector('[aria-busy="true"]') !== null;
      const now = performance.now();
      if (busy || window.__quietSince == null) window.__quietSince = busy ? null : now;
      return window.__quietSince != null && now - window.__quietSince >= quiet;
    },
    quietMs,
    { polling: 'raf', timeout },
  );
  await page.evaluate(() => { window.__quietSince = null; });
}

/**
 * Waits until a re-score that a user action started has finished: a new `cartera:score` measure (when the app
 * records measures) and no status line saying 'Scoring…'. Returns in-page times.
 */
async function waitRescore(page, scoresBefore, hasMeasures, timeout) {
  const settledAt = await page.waitForFunction(
    ([n0, measured]) => {
      const busy = [...document.querySelectorAll('[role=status]')].some((e) => (e.textContent ?? '').includes('Scoring…'));
      if (busy) window.__sawBusy = true;
      const now = performance.now();
      const done = measured
        ? performance.getEntriesByName('cartera:score').length > n0
        : window.__sawBusy || (window.__changeAt !== null && now - window.__changeAt > 1500);
      return done && !busy ? now : false;
    },
    [scoresBefore, hasMeasures],
    { polling: 'raf', timeout },
  );
  return settledAt.jsonValue();
}

/**
 * The customers per segment as the 'Segments' table shows them after the first scoring: { segment: customers }
 * (digits of the formatted count; segments with none left out, as the least-work baseline leaves them).
 */
async function segmentCounts(page, timeout) {
  // The table is on the Segments view (the Overview opens after Analyze).
  await page.getByRole('tab', { name: 'Segments', exact: true }).click({ timeout });
  const table = page.getByRole('table', { name: 'Segments', exact: true });
  await table.getByRole('rowheader').first().waitFor({ timeout });
  const rows = await table.evaluate((el) =>
    [...el.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')?.textContent?.trim() ?? '', tr.querySelector('td')?.textContent ?? '']),
  );
  return Object.fromEntries(rows.map(([name, n]) => [name, Number(n.replace(/\D/g, ''))]).filter(([, n]) => n > 0));
}

/**
 * One run on a fresh browser context (a fresh worker and DuckDB). Times in milliseconds; `null` = not recorded.
 * measures: the app's own User Timing measures — load (open call: file → staged table), analyze (Analyze →
 *   quality summary), score (first scoring call), firstView (Analyze click → RFM views drawn), rescoreDate and
 *   ruleEdit, rescoreMethod (the scoring call after each change).
 * wall: measured by the bench — openToMapping (setInputFiles → 'Columns' heading, Node clock), openToViews
 *   (setInputFiles → first treemap tile, Node clock), rescoreDate / ruleEdit (in-page: the 'change' event → the
 *   new measure and no 'Scoring…'; includes the app's 120 ms debounce).
 * segments (with `readSegments`): the customers per segment of the first scoring, read from the 'Segments' table
 *   (bench:compare leaves it off: an earlier build it measures may not have that table).
 */
export async function browserRun({ browser, url, file, warmupFile, timeoutMs, mapCost, sampler, readSegments = false }) {
  const context = await browser.newContext();
  const windows = { load: null, analyze: null };
  let page = null;
  const mem = sampler.window();
  const result = { measures: {}, wall: {}, longTasks: {}, memory: null, scoreDetails: {}, error: null };
  try {
    await context.addInitScript(INIT_SCRIPT);
    page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await step('open the app', 60_000, (t) => page.goto(url, { timeout: t }));
    await step('app ready', 60_000, (t) => page.getByRole('heading', { name: 'Cartera' }).waitFor({ timeout: t }));

    const columnsOrAlert = page.getByRole('heading', { name: 'Columns' }).or(errorAlert(page)).first();
    const loads = () => page.evaluate(() => performance.getEntriesByName('cartera:load').length);

    // Warm-up: a 50-row file starts the worker and instantiates DuckDB-WASM (the app does it on the first open),
    // so that the measured load is the file's own cost. Its load time is reported as the cold start.
    if (warmupFile) {
      const w0 = performance.now();
      await step('warm-up open (50 rows)', 120_000, async (t) => {
        await page.getByLabel('Open transactions file').setInputFiles(warmupFile, { timeout: t });
        await columnsOrAlert.waitFor({ timeout: t });
        await failOnAlert(page, 'warm-up open');
      });
      result.wall.coldStart = performance.now() - w0;
      result.measures.coldStart = (await page.evaluate(cartera)).find((x) => x.name === 'cartera:load')?.duration ?? null;
    }
    const loadsBefore = await loads();

    // Open → mapping panel.
    const loadStart = await page.evaluate(() => performance.now());
    windows.load = [loadStart, null];
    const t0 = performance.now();
    await step('open file → mapping panel', timeoutMs, async (t) => {
      await page.getByLabel('Open transactions file').setInputFiles(file, { timeout: t });
      if (warmupFile && loadsBefore > 0) {
        // The warm-up file's mapping panel is still shown: wait for this load's measure.
        await page.waitForFunction(
          (n) => performance.getEntriesByName('cartera:load').length > n || !!document.querySelector('[role=alert]'),
          loadsBefore, { timeout: t, polling: 100 },
        );
      } else if (warmupFile) {
        // No measures in this build: wait for the panel to go (loading) and come back.
        await page.getByRole('heading', { name: 'Columns' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
      }
      await columnsOrAlert.waitFor({ timeout: t });
      await failOnAlert(page, 'open file');
    });
    result.wall.openToMapping = performance.now() - t0;
    const loadEnd = await page.evaluate(() => performance.now());
    windows.load[1] = loadEnd;
    if (!mapCost) await page.locator('#role-cost').selectOption({ index: 0 });

    // Analyze → the first view (the overview: key figures and the segment map).
    const analyzeStart = await page.evaluate(() => performance.now());
    windows.analyze = [analyzeStart, null];
    await step('Analyze → RFM views drawn', timeoutMs, async (t) => {
      await page.getByRole('button', { name: 'Analyze' }).click({ timeout: t });
      const tile = page.locator('svg[role=group] g[role=button]').first();
      await page.getByRole('tabpanel', { name: 'Overview' }).or(errorAlert(page)).first().waitFor({ timeout: t });
      await failOnAlert(page, 'Analyze');
      await tile.or(errorAlert(page)).first().waitFor({ timeout: t });
      await failOnAlert(page, 'scoring');
    });
    result.wall.openToViews = performance.now() - t0;
    // The first-view measure is taken one frame after the views are drawn.
    await page.waitForFunction(() => performance.getEntriesByName('cartera:first-view').length > 0, null, { timeout: 3000 }).catch(() => {});
    const analyzeEnd = await page.evaluate(() => performance.now());
    windows.analyze[1] = analyzeEnd;
    let m = await page.evaluate(cartera);
    const last = (name) => m.filter((x) => x.name === name).at(-1) ?? null;
    const loadM = last('cartera:load');
    result.measures.load = loadM?.duration ?? null;
    if (loadM) windows.load = [loadM.start, loadM.start + loadM.duration];
    const analyzeM = last('cartera:analyze');
    result.measures.analyze = analyzeM?.duration ?? null;
    // The first scoring call Analyze makes (the settings effect may queue a second, 'cached' one behind it).
    const firstScore = m.filter((x) => x.name === 'cartera:score' && (!analyzeM || x.start >= analyzeM.start)).sort((a, b) => a.start - b.start)[0];
    result.measures.score = firstScore?.duration ?? null;
    result.scoreDetails.first = firstScore?.detail ?? null;
    result.scoreDetails.afterAnalyze = m.filter((x) => x.name === 'cartera:score').map((x) => `${x.detail} ${Math.round(x.duration)} ms`);
    result.measures.firstView = last('cartera:first-view')?.duration ?? null;
    const hasMeasures = m.some((x) => x.name === 'cartera:score');
    if (readSegments) result.segments = await step('segment table read', 30_000, (t) => segmentCounts(page, t));

    // Analysis date − 90 days.
    const dateField = page.getByLabel('Analysis date');
    const current = await dateField.inputValue();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(current)) throw new StepError(`the 'Analysis date' field holds '${current}', not a date`);
    /**
     * One change once the views are settled: `act` makes it; the in-page wall time (the 'change' event → the new
     * measure, nothing busy) and the app's scoring measure are recorded under `key`.
     */
    const change = async (key, label, act) => {
      await step(`views settled before the ${label}`, timeoutMs, (t) => settle(page, t));
      const n0 = m.filter((x) => x.name === 'cartera:score').length;
      await page.evaluate(() => { window.__armed = true; window.__changeAt = null; window.__sawBusy = false; });
      const settledAt = await step(`${label} → re-scored`, timeoutMs, async (t) => {
        await act(t);
        return waitRescore(page, n0, hasMeasures, t);
      });
      result.wall[key] = settledAt - ((await page.evaluate(() => window.__changeAt)) ?? NaN);
      m = await page.evaluate(cartera);
      if (hasMeasures) {
        result.measures[key] = last('cartera:score').duration;
        result.scoreDetails[key] = last('cartera:score').detail;
      }
    };
    await change('rescoreDate', 'analysis-date change', async (t) => {
      await dateField.fill(shiftDays(current, -90), { timeout: t });
      await dateField.dispatchEvent('change');
    });
    // Segment rules preset → R-by-F grid, on the Segments view (its controls, segment map, grid and tables).
    await step('Segments tab', timeoutMs, (t) => page.getByRole('tab', { name: 'Segments', exact: true }).click({ timeout: t }));
    await change('ruleEdit', 'segment rule edit', (t) =>
      page.getByRole('combobox', { name: 'Segment rules', exact: true }).selectOption('rf-grid', { timeout: t }));
    // Scoring method quantile → equal-size groups (cut points, scores and profit rank again; figures kept).
    await change('rescoreMethod', 'scoring-method change', (t) =>
      page.getByRole('combobox', { name: 'Scoring method', exact: true }).selectOption('equal-size', { timeout: t }));

    // The lifecycle tabs, each computed when it opens: the app's measures cartera:cohorts, cartera:migration
    // (scoring the comparison date included) and cartera:clv (summary, fits, predictions, model check).
    for (const [key, tab] of [['cohorts', 'Cohorts'], ['migration', 'Migration'], ['clv', 'Lifetime value']]) {
      if (!hasMeasures) break;
      const name = `cartera:${key}`;
      const n0 = m.filter((x) => x.name === name).length;
      await step(`${tab} tab → computed`, timeoutMs, async (t) => {
        await page.getByRole('tab', { name: tab }).click({ timeout: t });
        await page.waitForFunction(([nm, n]) => performance.getEntriesByName(nm).length > n, [name, n0], { timeout: t });
      });
      m = await page.evaluate(cartera);
      result.measures[key] = last(name)?.duration ?? null;
    }

    if (pageErrors.length) result.pageErrors = pageErrors;
  } catch (e) {
    result.error = e instanceof StepError ? e.message : String(e?.stack ?? e);
  } finally {
    // Long tasks of the main thread, in the windows reached (a failed run still reports its load).
    try {
      if (page) {
        const tasks = await page.evaluate(() => window.__longTasks ?? []);
        const within = ([a, b]) => tasks.filter((x) => x.start < (b ?? Infinity) && x.start + x.duration > a);
        const maxOf = (list) => (list.length ? Math.max(...list.map((x) => x.duration)) : 0);
        result.longTasks = {
          load: windows.load ? maxOf(within(windows.load)) : null,
          loadCount: windows.load ? within(windows.load).length : null,
          analyze: windows.analyze ? maxOf(within(windows.analyze)) : null,
          run: maxOf(tasks),
          count: tasks.length,
          unsupported: await page.evaluate(() => window.__longTasksUnsupported ?? null),
        };
        result.allMeasures = await page.evaluate(cartera);
      }
    } catch {
      /* the page is gone */
    }
    result.memory = mem.stop();
    await context.close().catch(() => {});
  }
  return result;
}
