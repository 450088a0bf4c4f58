/**
 * The Gamma-Gamma model of the value per transaction (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value
 * curves"): a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ), independent of the transaction
 * process. Fitted on the customers with x > 0 repeat transactions and a mean repeat value m_x > 0.
 */
import { gammaln } from './special';

export interface GammaGammaParams { p: number; q: number; gamma: number }

/** x repeat transactions with mean value m, shared by n customers. */
export interface SpendRow { x: number; m: number; n: number }

/** The log-likelihood of one customer's mean repeat value (the density of the mean of x Gamma(p, ν) values). */
export function gammaGammaCustomerLogLikelihood(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = g;
  return gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(gamma) + (p * x - 1) * Math.log(m)
    + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + x * m);
}

/**
 * The total log-likelihood of the rows (each weighted by its customers); the log-gammas, which depend on x alone,
 * are computed once per distinct x.
 */
export function gammaGammaLogLikelihood(g: GammaGammaParams, rows: readonly SpendRow[]): number {
  const { p, q, gamma } = g;
  const byX = new Map<number, number>();
  const base = q * Math.log(gamma) - gammaln(q);
  let sum = 0;
  for (const { x, m, n } of rows) {
    let common = byX.get(x);
    if (common === undefined) {
      common = base + gammaln(p * x + q) - gammaln(p * x) + p * x * Math.log(x);
      byX.set(x, common);
    }
    sum += n * (common + (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(gamma + x * m));
  }
  return sum;
}

/**
 * The expected value of a customer's next transactions: (γ + x·m_x)·p / (p·x + q − 1), a weighted mean of the
 * population mean p·γ / (q − 1) and the customer's own mean; the population mean when x = 0 (it needs q > 1).
 */
export function expectedSpend(g: GammaGammaParams, x: number, m_x: number): number {
  if (x <= 0) return (g.p * g.gamma) / (g.q - 1);
  return ((g.gamma + x * m_x) * g.p) / (g.p * x + g.q - 1);
}
