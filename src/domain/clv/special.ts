/** Special functions of the lifetime-value models: log-gamma (from @stdlib) and the Gauss hypergeometric 2F1. */
import gammalnStdlib from '@stdlib/math-base-special-gammaln';

/** ln Γ(x) for x > 0. */
export function gammaln(x: number): number {
  return gammalnStdlib(x);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function betaln(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

const RESCALE = 1e200;
const LN_RESCALE = Math.log(RESCALE);
/** Terms summed at most: past it the series is said not to converge (NaN), never cut short silently. */
export const HYP2F1_MAX_TERMS = 200_000;

/**
 * ln 2F1(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, by the Gauss series Σ (a)ₙ(b)ₙ/(c)ₙ zⁿ/n!, summed until a term
 * changes the sum by less than 1e-16 of it (every term is positive here, so there is no cancellation). The sum
 * is rescaled as it grows, so large a and b (a customer with hundreds of repeat purchases) do not overflow.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(a > 0 && b > 0 && c > 0)) return Number.NaN;
  let term = 1;
  let sum = 1;
  let scale = 0;
  for (let n = 0; n < HYP2F1_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (sum > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      scale += LN_RESCALE;
    }
    if (term < sum * 1e-16 && (a + n) * (b + n) * z < (c + n) * (n + 1)) return Math.log(sum) + scale;
  }
  return Number.NaN;
}

/**
 * 2F1(a, b; c; z) for a, b > 0, −1 < c < 0 and 0 ≤ z < 1, by the Gauss series summed as it is: (c)ₙ < 0 for every
 * n ≥ 1 there, so every term after the first has the sign of −1 and the sum may go below zero (no logarithm).
 * BG/NBD needs it for a customer with no repeat purchase when a + b < 1 (c = a + b − 1).
 */
export function hyp2f1NegativeC(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(a > 0 && b > 0 && c > -1 && c < 0)) return Number.NaN;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < HYP2F1_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) < Math.max(1, Math.abs(sum)) * 1e-16 && (a + n) * (b + n) * z < (c + n) * (n + 1)) return sum;
  }
  return Number.NaN;
}

/** 2F1(a, b; c; z) (see `logHyp2f1`). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return Math.exp(logHyp2f1(a, b, c, z));
}
