import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { SHARED_DATA } from '../../helpers/duckdb';
import { bgnbdCustomerLogLikelihood, bgnbdLogLikelihood, expectedTransactions, expectedTransactionsNew, pAlive, type BgNbdParams, type Triple } from '../../../src/domain/clv/bgnbd';
import { expectedSpend, gammaGammaCustomerLogLikelihood, gammaGammaLogLikelihood, type SpendRow } from '../../../src/domain/clv/gamma-gamma';
import { fitBgNbd, fitGammaGamma } from '../../../src/domain/clv/fit';
import { hyp2f1, hyp2f1NegativeC } from '../../../src/domain/clv/special';
import { discountedTransactions } from '../../../src/domain/clv/discount';
import { minimumDataCheck } from '../../../src/domain/clv/min-data';

// The lifetime-value models against the published fits and the peers' outputs in ../shared/data (cdnow/README.md,
// cdnow/reference/cdnow.clv_fits.json and cdnow.clv_customers.csv.gz, online_retail/reference/*), and closed forms.
function csv(rel: string): Record<string, string>[] {
  const raw = readFileSync(join(SHARED_DATA, rel));
  const text = (rel.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').trim().split(/\r?\n/);
  const head = text[0].split(',');
  return text.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
}
const json = (rel: string) => JSON.parse(readFileSync(join(SHARED_DATA, rel), 'utf8'));

/** Groups per-customer summaries into weighted triples (the fit's input). */
function triplesOf(rows: { x: number; t_x: number; T: number }[]): Triple[] {
  const m = new Map<string, Triple>();
  for (const r of rows) {
    const k = `${r.x}|${r.t_x}|${r.T}`;
    const t = m.get(k);
    if (t) t.n++;
    else m.set(k, { x: r.x, t_x: r.t_x, T: r.T, n: 1 });
  }
  return [...m.values()];
}
function spendOf(rows: { x: number; m: number }[]): SpendRow[] {
  return rows.filter((r) => r.x > 0 && r.m > 0).map((r) => ({ x: r.x, m: r.m, n: 1 }));
}
/** Same to `digits` significant digits. */
const sig = (v: number, digits = 3) => Number(v.toPrecision(digits));

describe('2F1 and the formulas on hand cases', () => {
  it.each([0.1, 0.5, 0.9, 0.99])('2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(a, b; b; z) = (1 − z)^−a at z = %f', (z) => {
    expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    expect(hyp2f1(2.5, 3, 3, z) / (1 - z) ** -2.5).toBeCloseTo(1, 12);
  });
  it('2F1 at z = 0 is 1; outside [0, 1) it is NaN', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
  });
  it('2F1 with −1 < c < 0 (a + b < 1, no repeat purchase) equals its series summed in 60-digit fixed point', () => {
    // a = 1/2, b = 1/3, c = −2/5, z = 1/4, and a = 3/5, b = 7/10, c = −1/10, z = 9/10, as numerator/denominator
    // BigInts; every term in units of 10⁻⁶⁰, 2,000 terms (the rest is far below 1e-17 of the sum for both).
    const cases: [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint][] = [
      [1n, 2n, 1n, 3n, -2n, 5n, 1n, 4n],
      [3n, 5n, 7n, 10n, -1n, 10n, 9n, 10n],
    ];
    const ONE = 10n ** 60n;
    for (const [an, ad, bn, bd, cn, cd, zn, zd] of cases) {
      let term = ONE;
      let sum = ONE;
      for (let k = 0n; k < 2000n; k++) {
        // term × (a + k)(b + k) z / ((c + k)(k + 1)), each factor a fraction.
        term = (term * (an + k * ad) * (bn + k * bd) * zn * cd) / (ad * bd * zd * (cn + k * cd) * (k + 1n));
        sum += term;
      }
      const exact = Number((sum * 10n ** 17n) / ONE) / 1e17;
      const got = hyp2f1NegativeC(Number(an) / Number(ad), Number(bn) / Number(bd), Number(cn) / Number(cd), Number(zn) / Number(zd));
      expect(Math.abs(got / exact - 1)).toBeLessThan(1e-12);
    }
    expect(hyp2f1NegativeC(1, 1, 0.5, 0.5)).toBeNaN();
  });
  it('expected transactions of a one-time buyer are finite and continuous across a + b = 1', () => {
    // The fit of `npm run bench`'s generated data lands at a + b ≈ 0.6 (a = 0.0261, b = 0.579): every customer with
    // no repeat purchase had NaN expected transactions there, and the lifetime-value view failed.
    const bench: BgNbdParams = { r: 0.6328, alpha: 17.81, a: 0.02615, b: 0.579 };
    const e26 = expectedTransactions(bench, 26, 0, 0, 156);
    const e52 = expectedTransactions(bench, 52, 0, 0, 156);
    expect(Number.isFinite(e52) && e52 > 0).toBe(true);
    expect(e26).toBeLessThan(e52);
    expect(Number.isFinite(expectedTransactionsNew(bench, 52)) && expectedTransactionsNew(bench, 52) > 0).toBe(true);
    // c = a + b − 1 below, at and above 0 take three different paths: the values must meet.
    const a = 0.3;
    const at = (b: number) => expectedTransactions({ r: 0.8, alpha: 12, a, b }, 52, 0, 0, 100);
    const mid = at(1 - a);
    for (const b of [1 - a - 1e-7, 1 - a + 1e-7]) expect(Math.abs(at(b) / mid - 1)).toBeLessThan(1e-5);
    const atNew = (b: number) => expectedTransactionsNew({ r: 0.8, alpha: 12, a, b }, 52);
    for (const b of [1 - a - 1e-7, 1 - a + 1e-7]) expect(Math.abs(atNew(b) / atNew(1 - a) - 1)).toBeLessThan(1e-5);
  });
  const p: BgNbdParams = { r: 0.25, alpha: 4.8, a: 0.72, b: 2.16 };
  it('P(alive) is 1 for one-time buyers and finite at the extremes', () => {
    expect(pAlive(p, 0, 0, 30)).toBe(1);
    for (const [x, t_x, T] of [[500, 100, 100], [500, 1, 100], [0, 0, 0], [1000, 50, 52]]) {
      expect(Number.isFinite(pAlive(p, x, t_x, T))).toBe(true);
      expect(Number.isFinite(expectedTransactions(p, 52, x, t_x, T))).toBe(true);
    }
    expect(pAlive({ ...p, a: 1e-9 }, 3, 2, 40)).toBeCloseTo(1, 6);
    // A long silence after many purchases: almost surely gone.
    expect(pAlive(p, 500, 1, 100)).toBeLessThan(1e-12);
  });
  it('expected transactions of a brand-new customer equal the conditional expectation at x = 0, T = 0', () => {
    expect(expectedTransactions(p, 52, 0, 0, 0)).toBeCloseTo(expectedTransactionsNew(p, 52), 10);
    expect(expectedTransactionsNew(p, 0)).toBe(0);
  });
  it('expected spend with no repeat purchase is the population mean p·γ/(q − 1)', () => {
    expect(expectedSpend({ p: 6, q: 4, gamma: 15 }, 0, 0)).toBe(30);
    expect(expectedSpend({ p: 6, q: 4, gamma: 15 }, 2, 20)).toBeCloseTo(((15 + 40) * 6) / (12 + 3), 12);
  });
});

describe('CDNOW 1/10 sample (cdnow_customers_summary*.csv, 39 weeks): the published fits', () => {
  const rows = csv('cdnow/cdnow_customers_summary.csv').map((r) => ({ x: Number(r.frequency), t_x: Number(r.recency), T: Number(r.T) }));
  it('BG/NBD r, α, a, b to 3 significant digits; the log-likelihood to 0.1 of −9,582.4 (the file rounds to 2 decimals)', () => {
    const fit = fitBgNbd(triplesOf(rows));
    const pub = json('cdnow/reference/cdnow.clv_fits.json').published.bgnbd;
    expect([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map((v) => sig(v))).toEqual([pub.r, sig(pub.alpha), pub.a, sig(pub.b)]);
    expect(Math.abs(fit.logLikelihood - pub.loglik)).toBeLessThan(0.1);
    expect(fit.converged).toBe(true);
    expect(fit.boundary).toBeNull();
  });
  it('Gamma-Gamma p, q, γ to 3 significant digits (946 customers)', () => {
    const spend = spendOf(csv('cdnow/cdnow_customers_summary_with_transactions.csv').map((r) => ({ x: Number(r.x), m: Number(r.zbar) })));
    expect(spend.length).toBe(946);
    const fit = fitGammaGamma(spend);
    const pub = json('cdnow/reference/cdnow.clv_fits.json').published.gamma_gamma;
    expect([fit.params.p, fit.params.q, fit.params.gamma].map((v) => sig(v))).toEqual([pub.p, pub.q, sig(pub.gamma)]);
  });
});

describe('CDNOW master, every customer (cdnow.clv_customers.csv.gz, calibration end 1997-09-30)', () => {
  const ref = csv('cdnow/reference/cdnow.clv_customers.csv.gz');
  const fits = json('cdnow/reference/cdnow.clv_fits.json').cdnow_master;
  const rows = ref.map((r) => ({ id: r.customer_id, x: Number(r.x), t_x: Number(r.t_x), T: Number(r.T), m: Number(r.m_x) }));

  it('with the peers’ parameters: P(alive) within 1e-6, 52-week transactions and expected spend within 1e-5 relative', () => {
    const b = fits.btyd.bgnbd;
    const g = fits.btyd.gamma_gamma;
    const bad: string[] = [];
    ref.forEach((r, i) => {
      const c = rows[i];
      const pa = pAlive(b, c.x, c.t_x, c.T);
      const et = expectedTransactions(b, 52, c.x, c.t_x, c.T);
      if (Math.abs(pa - Number(r.p_alive)) > 1e-6) bad.push(`${r.customer_id} p_alive ${pa} ≠ ${r.p_alive}`);
      if (Math.abs(et / Number(r.exp_trans_52w) - 1) > 1e-5) bad.push(`${r.customer_id} exp_trans ${et} ≠ ${r.exp_trans_52w}`);
      if (r.exp_spend !== '') {
        const es = expectedSpend(g, c.x, c.m);
        if (Math.abs(es / Number(r.exp_spend) - 1) > 1e-5) bad.push(`${r.customer_id} exp_spend ${es} ≠ ${r.exp_spend}`);
      }
    });
    expect(bad.slice(0, 5)).toEqual([]);
    expect(ref.length).toBe(23_570);
  });

  it('the fits reach the peers’ log-likelihoods within 0.01 and their parameters to 3 significant digits', () => {
    const fit = fitBgNbd(triplesOf(rows));
    const b = fits.btyd.bgnbd;
    expect(Math.abs(fit.logLikelihood - b.loglik)).toBeLessThan(0.01);
    expect([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map((v) => sig(v))).toEqual([b.r, b.alpha, b.a, b.b].map((v) => sig(v)));
    expect(bgnbdLogLikelihood(b, triplesOf(rows))).toBeCloseTo(b.loglik, 4);
    // The grouped evaluation equals the sum of the per-customer log-likelihoods.
    expect(bgnbdLogLikelihood(b, triplesOf(rows))).toBeCloseTo(rows.reduce((s, c) => s + bgnbdCustomerLogLikelihood(b, c.x, c.t_x, c.T), 0), 6);
    expect(fit.boundary).toBeNull();
    const spend = spendOf(rows);
    expect(spend.length).toBe(9_450);
    const gg = fitGammaGamma(spend);
    const g = fits.btyd.gamma_gamma;
    expect(Math.abs(gg.logLikelihood - g.loglik)).toBeLessThan(0.01);
    expect(gammaGammaLogLikelihood(g, spend)).toBeCloseTo(g.loglik, 3);
    expect(gammaGammaLogLikelihood(g, spend)).toBeCloseTo(spend.reduce((s, r) => s + gammaGammaCustomerLogLikelihood(g, r.x, r.m), 0), 6);
  });
});

describe('Online Retail (purchase lines with a positive price, calibration end 2011-12-09)', () => {
  it('a log-likelihood no worse than the best peer’s − 0.5, and the fit on the no-dropout boundary', () => {
    const rows = csv('online_retail/reference/online_retail.lifetimes_summary.csv.gz')
      .map((r) => ({ x: Number(r.frequency), t_x: Number(r.recency) / 7, T: Number(r.T) / 7 }));
    const ref = json('online_retail/reference/online_retail.clv_fits.json');
    expect(rows.reduce((s, r) => s + r.x, 0)).toBe(ref.summary.sum_x);
    expect(rows.reduce((s, r) => s + r.T, 0)).toBeCloseTo(ref.summary.sum_T, 4);
    const fit = fitBgNbd(triplesOf(rows));
    const best = Math.max(ref.btyd.bgnbd.loglik, ref.lifetimes.bgnbd.loglik);
    expect(fit.logLikelihood).toBeGreaterThan(best - 0.5);
    expect(fit.boundary).toBe('no-dropout');
  });
});

describe('discounting and the minimum-data check', () => {
  it('with no discount the discounted sum is E(H); a yearly rate discounts each week from its end', () => {
    const linear = (w: number) => 2 * w;
    expect(discountedTransactions(linear, 52, 0)).toBeCloseTo(104, 12);
    // Two transactions a week, 52 weeks at 10 %: Σ 2 ÷ 1.1^(w/52), worked out as a geometric series.
    const q = 1.1 ** (-1 / 52);
    expect(discountedTransactions(linear, 52, 0.1)).toBeCloseTo(2 * q * (1 - q ** 52) / (1 - q), 10);
    expect(discountedTransactions(linear, 10.5, 0)).toBeCloseTo(21, 12);
  });
  it.each([
    [{ customers: 20, repeatCustomers: 5, calibrationWeeks: 2 }, ['few-customers:refuse', 'few-repeat-buyers:refuse', 'short-calibration:refuse']],
    [{ customers: 200, repeatCustomers: 50, calibrationWeeks: 10 }, ['few-customers:warn', 'few-repeat-buyers:warn', 'short-calibration:warn']],
    [{ customers: 23_570, repeatCustomers: 9_451, calibrationWeeks: 39 }, []],
  ])('%o → %o', (s, want) => {
    expect(minimumDataCheck(s).map((p) => `${p.code}:${p.level}`)).toEqual(want);
  });
});
