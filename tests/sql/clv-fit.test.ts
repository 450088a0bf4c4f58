import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { loadCdnowSampleTx, loadLines, loadOnlineRetailTx, readReferenceCsv } from '../helpers/reference-tx';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { ClvModel, type ClvRequest, type ClvOverview } from '../../workers/clv';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';

// The lifetime-value fit through the worker's Workspace on CDNOW master, calibration end 1997-09-30. Expected values:
// ../shared/data/cdnow/reference/cdnow.clv_fits.json (peers' fits and summary sums), cdnow.clv_customers.csv.gz (every
// customer under the peers' fit), cdnow.lifetimes_summary.csv.gz (repeat days over the whole period), README figures.
const settings: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null, segmentRules: presetRules('rfm'),
  costModel: zeroCostModel(),
};
const request: ClvRequest = {
  analysisDate: '1998-07-01', calibrationEnd: '1997-09-30', horizonWeeks: 52, discountRate: 0, keyAccounts: 20, costModel: zeroCostModel(),
};
const fits = JSON.parse(readFileSync(join(SHARED_DATA, 'cdnow/reference/cdnow.clv_fits.json'), 'utf8')).cdnow_master;
const sig = (v: number) => Number(v.toPrecision(3));

let ws: Workspace;
let o: ClvOverview;
const steps: string[] = [];
beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt')), name: 'CDNOW_master.txt' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'ymd-compact', decimalMark: 'point' });
  ws.score(settings);
  o = await ws.fitClv(request, (p) => steps.push(p.step));
});

describe('lifetime value on CDNOW master through the worker', () => {
  it('the summary sums and both fits equal the peers (log-likelihood within 0.01, parameters to 3 significant digits)', () => {
    expect([o.summary.customers, o.summary.repeatCustomers, o.summary.sumX, o.summary.later]).toEqual([23_570, 9_451, 24_337, 0]);
    expect(o.summary.sumT).toBeCloseTo(fits.summary.sum_T, 4);
    expect(o.summary.calibrationWeeks).toBeCloseTo(272 / 7, 10);
    const b = fits.btyd.bgnbd;
    expect(Math.abs(o.bgnbd!.logLikelihood - b.loglik)).toBeLessThan(0.01);
    expect([o.bgnbd!.params.r, o.bgnbd!.params.alpha, o.bgnbd!.params.a, o.bgnbd!.params.b].map(sig)).toEqual([b.r, b.alpha, b.a, b.b].map(sig));
    expect(o.bgnbd!.converged).toBe(true);
    expect(o.bgnbd!.boundary).toBeNull();
    const g = fits.btyd.gamma_gamma;
    expect(o.gammaGamma!.customers).toBe(9_450);
    expect(Math.abs(o.gammaGamma!.logLikelihood - g.loglik)).toBeLessThan(0.01);
    expect(o.problems).toEqual([]);
    expect(new Set(steps)).toEqual(new Set(['summary', 'fit', 'spend', 'predict', 'check']));
  });

  it('every customer’s P(alive), 52-week transactions and expected spend are the reference’s within the fits’ own gap', () => {
    const ref = readReferenceCsv(ws.engine, 'cdnow/reference/cdnow.clv_customers.csv.gz');
    const got = new Map(ws.engine.rows<{ customer_id: string; p_alive: number; expected_orders: number; expected_order_value: number }>(
      'SELECT customer_id, p_alive, expected_orders, expected_order_value FROM customer_clv').map((r) => [r.customer_id, r]));
    expect(got.size).toBe(23_570);
    const bad = ref.filter((r) => {
      const g = got.get(r.customer_id)!;
      // The two peers' own per-customer gap is 6e-7 (P(alive)) and 3e-6 (relative); our fit stops within it of theirs.
      return Math.abs(g.p_alive - Number(r.p_alive)) > 1e-5 || Math.abs(g.expected_orders / Number(r.exp_trans_52w) - 1) > 1e-4
        || (r.exp_spend !== '' && Math.abs(g.expected_order_value / Number(r.exp_spend) - 1) > 1e-4);
    });
    expect(bad.map((r) => r.customer_id).slice(0, 5)).toEqual([]);
    // README: mean P(alive) 0.815240; 21,378.57 transactions expected in the next 52 weeks.
    expect(o.totals.meanPAlive).toBeCloseTo(0.81524, 4);
    expect(o.totals.expectedTransactions).toBeCloseTo(21_378.57, 0);
  });

  it('the key accounts are the customers with the highest expected value (no cost known: margin share 1)', () => {
    const ref = readReferenceCsv(ws.engine, 'cdnow/reference/cdnow.clv_customers.csv.gz');
    const g = fits.btyd.gamma_gamma;
    const mean = (g.p * g.gamma) / (g.q - 1);
    const value = (r: Record<string, string>) => Number(r.exp_trans_52w) * (r.exp_spend === '' ? mean : Number(r.exp_spend));
    const top = [...ref].sort((x, y) => value(y) - value(x)).slice(0, 5).map((r) => r.customer_id);
    expect(o.keyAccounts.length).toBe(20);
    expect(o.keyAccounts.slice(0, 5).map((k) => k.customer_id)).toEqual(top);
    expect(o.keyAccounts[0].clv).toBeCloseTo(value(ref.find((r) => r.customer_id === top[0])!), 0);
    expect(o.keyAccounts[0].segment).toBe('Champions');
  });

  it('the model check: actual repeat transactions add up to every repeat day; the holdout groups cover every customer', () => {
    const check = o.modelCheck!;
    expect(check.holdoutWeeks).toBeCloseTo(273 / 7, 10);
    const life = readReferenceCsv(ws.engine, 'cdnow/reference/cdnow.lifetimes_summary.csv.gz');
    const repeatDays = life.reduce((s, r) => s + Number(r.frequency), 0);
    expect(check.weeks.at(-1)!.actual).toBe(repeatDays);
    // The holdout's transactions: every repeat day after the calibration end (all first purchases are in 1997-Q1).
    const holdoutDays = check.holdout.reduce((s, h) => s + h.actual * h.customers, 0);
    expect(Math.round(holdoutDays)).toBe(repeatDays - 24_337);
    expect(check.holdout.map((h) => h.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(check.holdout.reduce((s, h) => s + h.customers, 0)).toBe(23_570);
    // The calibration end (day 272 after 1997-01-01) falls in week 39; the calibration's 24,337 repeats lie between
    // weeks 38 and 39, and the predictions there are near them (a model check, not a fit: within 5 %).
    expect(check.calibrationWeeks).toBeCloseTo(272 / 7, 2);
    const [w38, w39] = [check.weeks[37], check.weeks[38]];
    expect([w38.week, w39.week]).toEqual([38, 39]);
    expect(w38.actual).toBeLessThanOrEqual(24_337);
    expect(w39.actual).toBeGreaterThanOrEqual(24_337);
    expect(Math.abs(w39.predicted / w39.actual - 1)).toBeLessThan(0.05);
    expect(check.weeks.every((w, i) => i === 0 || w.predicted >= check.weeks[i - 1].predicted)).toBe(true);
  });

  it('a calibration end on or after the analysis date is refused with a code', async () => {
    await expect(async () => ws.fitClv({ ...request, calibrationEnd: '1998-07-01' })).rejects.toMatchObject({ code: 'lifecycle-failed' });
  });
});

describe('the fit on the SQL calibration summary of the CDNOW sample and of Online Retail', () => {
  // No scored analysis here: the key accounts' segments and margins come from an empty table.
  const noSegments = `(SELECT NULL::VARCHAR AS customer_id, NULL::DECIMAL(18,4) AS revenue, NULL::DECIMAL(18,4) AS gross_margin, NULL::VARCHAR AS segment WHERE false)`;
  const published = JSON.parse(readFileSync(join(SHARED_DATA, 'cdnow/reference/cdnow.clv_fits.json'), 'utf8'));

  it('CDNOW 1/10 sample, calibration end 1997-09-30: the published parameters to 3 significant digits, the log-likelihood to 0.01', async () => {
    const engine = new Engine(await openNodeDuckDB());
    loadCdnowSampleTx(engine);
    const s = await new ClvModel(engine).fit({ ...request }, noSegments);
    const ref = published.cdnow_sample;
    expect([s.summary.customers, s.summary.repeatCustomers, s.summary.sumX]).toEqual([ref.summary.customers, ref.summary.repeat_customers, ref.summary.sum_x]);
    const p = published.published;
    expect([s.bgnbd!.params.r, s.bgnbd!.params.alpha, s.bgnbd!.params.a, s.bgnbd!.params.b].map(sig)).toEqual([p.bgnbd.r, sig(p.bgnbd.alpha), p.bgnbd.a, sig(p.bgnbd.b)]);
    expect(Math.abs(s.bgnbd!.logLikelihood - ref.btyd.bgnbd.loglik)).toBeLessThan(0.01);
    expect([s.gammaGamma!.params.p, s.gammaGamma!.params.q, s.gammaGamma!.params.gamma].map(sig)).toEqual([p.gamma_gamma.p, p.gamma_gamma.q, sig(p.gamma_gamma.gamma)]);
    expect(Math.abs(s.gammaGamma!.logLikelihood - ref.btyd.gamma_gamma.loglik)).toBeLessThan(0.01);
    expect(s.bgnbd!.boundary).toBeNull();
  });

  it('Online Retail purchase lines with a positive price: no worse than the best peer − 0.5, on the no-dropout boundary', async () => {
    const engine = new Engine(await openNodeDuckDB());
    loadOnlineRetailTx(engine, 'online_retail.csv.gz');
    engine.exec('DELETE FROM tx WHERE amount <= 0');
    const o = await new ClvModel(engine).fit({ ...request, analysisDate: '2011-12-10', calibrationEnd: '2011-12-09' }, noSegments);
    const ref = JSON.parse(readFileSync(join(SHARED_DATA, 'online_retail/reference/online_retail.clv_fits.json'), 'utf8'));
    expect(o.summary.customers).toBe(ref.summary.customers);
    expect(o.bgnbd!.logLikelihood).toBeGreaterThan(Math.max(ref.btyd.bgnbd.loglik, ref.lifetimes.bgnbd.loglik) - 0.5);
    expect(o.bgnbd!.boundary).toBe('no-dropout');
    // No holdout (the calibration end is the last data day): no model check.
    expect(o.modelCheck).toBeNull();
  });

  it('too little data: the fit is refused with its reasons, and nothing is predicted', async () => {
    const engine = new Engine(await openNodeDuckDB());
    loadLines(engine, [['a', null, '2024-01-01', '5'], ['a', null, '2024-01-09', '7'], ['b', null, '2024-01-03', '4']]);
    const o = await new ClvModel(engine).fit({ ...request, analysisDate: '2024-01-10', calibrationEnd: '2024-01-09' }, noSegments);
    expect(o.problems.map((p) => `${p.code}:${p.level}`)).toEqual(['few-customers:refuse', 'few-repeat-buyers:refuse', 'short-calibration:refuse']);
    expect(o.bgnbd).toBeNull();
    expect(engine.rows(`SELECT table_name FROM information_schema.tables WHERE table_name = 'customer_clv'`)).toEqual([]);
  });
});
