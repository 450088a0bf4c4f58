/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): transactions while
 * alive follow a Poisson process with rate λ ~ Gamma(r, α); after each transaction a customer leaves with
 * probability p ~ Beta(a, b). Time is in weeks throughout: t_x, T and every horizon t.
 * Every formula is evaluated in log space, so a large x with t_x close to T gives a number, never NaN.
 */
import { betaln, gammaln, hyp2f1NegativeC, logHyp2f1 } from './special';

export interface BgNbdParams { r: number; alpha: number; a: number; b: number }

/** One calibration summary shared by n customers: x repeat transactions, t_x and T in weeks. */
export interface Triple { x: number; t_x: number; T: number; n: number }

/** ln(eᵘ + eᵛ) without overflow. */
function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  return m === -Infinity ? -Infinity : m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

/** The log-likelihood of one customer (eq. 6 of the paper, every constant included). */
export function bgnbdCustomerLogLikelihood(p: BgNbdParams, x: number, t_x: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + betaln(a, b + x) - betaln(a, b);
  const stays = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + stays;
  // B(a + 1, b + x − 1) / B(a, b + x) = a / (b + x − 1).
  const left = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + t_x);
  return common + logAddExp(stays, left);
}

/**
 * The total log-likelihood of the triples (each weighted by its customers). The terms that depend on x alone
 * (the log-gammas) are computed once per distinct x, so an evaluation costs a few logarithms per triple.
 */
export function bgnbdLogLikelihood(p: BgNbdParams, triples: readonly Triple[]): number {
  const { r, alpha, a, b } = p;
  const byX = new Map<number, number>();
  const base = r * Math.log(alpha) - gammaln(r) - betaln(a, b);
  const logA = Math.log(a);
  let sum = 0;
  for (const t of triples) {
    const x = t.x;
    let common = byX.get(x);
    if (common === undefined) {
      common = base + gammaln(r + x) + betaln(a, b + x);
      byX.set(x, common);
    }
    const stays = -(r + x) * Math.log(alpha + t.T);
    const ll = x === 0 ? stays : logAddExp(stays, logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + t.t_x));
    sum += t.n * (common + ll);
  }
  return sum;
}

/** ln of the odds that a customer has left: a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x) (−∞ when x = 0). */
function logDropOdds(p: BgNbdParams, x: number, t_x: number, T: number): number {
  if (x === 0) return -Infinity;
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + t_x));
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + odds). Under BG/NBD a customer can only leave right after a transaction, so a
 * one-time buyer (x = 0) has P(alive) = 1 until the first repeat: the model's assumption, not a certainty.
 */
export function pAlive(p: BgNbdParams, x: number, t_x: number, T: number): number {
  const lo = logDropOdds(p, x, t_x, T);
  return lo > 0 ? Math.exp(-lo) / (1 + Math.exp(-lo)) : 1 / (1 + Math.exp(lo));
}

/**
 * (c ÷ (a − 1)) · (1 − qʳ · 2F1(r, b; c; z)) with c = a + b + x − 1 and the shifted r, b the caller passes (ln q =
 * `logQ`): the part of eq. 9 and eq. 10 that grows with t. For c > 0 in log space (−expm1 is exact near 0; the
 * sign is kept for a on either side of 1). c ≤ 0 happens only with no repeat purchase and a + b ≤ 1 (the data's
 * fit can land there): for −1 < c < 0 the series is summed as it is; at c = 0 the limit c · 2F1(r, b; c; z) →
 * r · b · z · 2F1(r + 1, b + 1; 2; z) is used.
 */
function growthPart(a: number, r: number, b: number, c: number, logQ: number, z: number): number {
  if (c > 0) return (c / (a - 1)) * -Math.expm1(logQ + logHyp2f1(r, b, c, z));
  if (c < 0) return (c / (a - 1)) * (1 - Math.exp(logQ) * hyp2f1NegativeC(r, b, c, z));
  return (-Math.exp(logQ) * r * b * z * Math.exp(logHyp2f1(r + 1, b + 1, 2, z))) / (a - 1);
}

/** E[Y(t) | x, t_x, T]: the expected transactions in the next t weeks of a customer with this history (eq. 10). */
export function expectedTransactions(p: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const logQ = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const growth = growthPart(a, r + x, b + x, a + b + x - 1, logQ, t / (alpha + T + t));
  return growth * pAlive(p, x, t_x, T);
}

/** E[X(t)]: the expected repeat transactions in the first t weeks after a customer's first purchase (eq. 9). */
export function expectedTransactionsNew(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  return growthPart(a, r, b, a + b - 1, r * (Math.log(alpha) - Math.log(alpha + t)), t / (alpha + t));
}
