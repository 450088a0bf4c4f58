/**
 * Maximum-likelihood fits of BG/NBD and Gamma-Gamma: Nelder-Mead (nelder-mead.ts) on the logarithms of the parameters (so
 * they stay positive), from several starting points; the best is polished by restarting Nelder-Mead from it
 * until the log-likelihood stops improving. The fit is split into steps (one per start, then the polish) so a
 * worker can report progress and stop between them.
 */
import { nelderMead } from './nelder-mead';
import { bgnbdLogLikelihood, type BgNbdParams, type Triple } from './bgnbd';
import { gammaGammaLogLikelihood, type GammaGammaParams, type SpendRow } from './gamma-gamma';
import { gammaln } from './special';

export interface FitResult<P> {
  params: P;
  logLikelihood: number;
  /** The last polish improved the log-likelihood by less than `CONVERGED_BELOW` and every parameter is finite. */
  converged: boolean;
  /** Function evaluations over every start and the polish. */
  evaluations: number;
  starts: number;
}

export interface BgNbdFit extends FitResult<BgNbdParams> {
  /**
   * 'no-dropout': the fit sits on the boundary where almost nobody leaves (a → 0 or b → ∞). Detected as: the
   * no-dropout model (an NBD with r, α only, the limit of BG/NBD there) fits within `BOUNDARY_MARGIN` of the
   * log-likelihood; P(alive) then says nothing about who has left.
   */
  boundary: 'no-dropout' | null;
  /** The no-dropout model's best log-likelihood. */
  noDropoutLogLikelihood: number;
}

/** Log-likelihood points within which the no-dropout model counts as as good as BG/NBD. */
export const BOUNDARY_MARGIN = 1;
/** The polish stops when a restart improves the log-likelihood by less than this. */
export const CONVERGED_BELOW = 1e-7;
const MAX_POLISH = 30;

/** One Nelder-Mead run on −log-likelihood over log-parameters. */
interface Step { logParams: number[]; logLikelihood: number; evaluations: number }

function minimise(logLik: (params: number[]) => number, start: number[]): Step {
  const f = (v: number[]) => {
    const ll = logLik(v.map(Math.exp));
    return Number.isFinite(ll) ? -ll : Infinity;
  };
  const best = nelderMead(f, start.map(Math.log), { maxIterations: 4000, tolerance: 1e-12 });
  return { logParams: best.x, logLikelihood: -best.fx, evaluations: best.evaluations };
}

/** A fit in steps: `start(i)` runs start i, `polish()` refines the best so far and returns the result. */
export class Fitter<P> {
  private best: Step | null = null;
  private evaluations = 0;

  constructor(
    private readonly logLik: (params: number[]) => number,
    readonly starts: number[][],
    private readonly toParams: (v: number[]) => P,
  ) {}

  start(i: number): void {
    const step = minimise(this.logLik, this.starts[i]);
    this.evaluations += step.evaluations;
    if (!this.best || step.logLikelihood > this.best.logLikelihood) this.best = step;
  }

  polish(): FitResult<P> {
    if (!this.best) throw new Error('no start has run');
    let current = this.best;
    let gain = Infinity;
    for (let i = 0; i < MAX_POLISH && gain >= CONVERGED_BELOW; i++) {
      const next = minimise(this.logLik, current.logParams.map(Math.exp));
      this.evaluations += next.evaluations;
      gain = next.logLikelihood - current.logLikelihood;
      if (gain > 0) current = next;
    }
    const values = current.logParams.map(Math.exp);
    return {
      params: this.toParams(values), logLikelihood: current.logLikelihood,
      converged: gain < CONVERGED_BELOW && values.every(Number.isFinite), evaluations: this.evaluations, starts: this.starts.length,
    };
  }

  /** Every start, then the polish. */
  run(): FitResult<P> {
    for (let i = 0; i < this.starts.length; i++) this.start(i);
    return this.polish();
  }
}

/** Mean T of the triples (the time scale the starts of α are set from). */
function meanT(triples: readonly Triple[]): number {
  let n = 0;
  let s = 0;
  for (const t of triples) {
    n += t.n;
    s += t.n * t.T;
  }
  return n > 0 ? Math.max(s / n, 1) : 1;
}

/** A BG/NBD fitter on the triples, with starts spread over the parameters' usual ranges. */
export function bgnbdFitter(triples: readonly Triple[]): Fitter<BgNbdParams> {
  const scale = meanT(triples);
  const starts = [
    [0.5, scale / 8, 0.8, 2.5],
    [1, scale / 2, 0.5, 1],
    [0.25, scale / 10, 2, 10],
    [2, scale, 0.1, 5],
  ];
  return new Fitter((v) => bgnbdLogLikelihood({ r: v[0], alpha: v[1], a: v[2], b: v[3] }, triples), starts,
    (v) => ({ r: v[0], alpha: v[1], a: v[2], b: v[3] }));
}

/** The no-dropout model's log-likelihood: an NBD count over each customer's T (BG/NBD as a → 0). */
export function noDropoutLogLikelihood(r: number, alpha: number, triples: readonly Triple[]): number {
  const byX = new Map<number, number>();
  const base = r * Math.log(alpha) - gammaln(r);
  let sum = 0;
  for (const t of triples) {
    let common = byX.get(t.x);
    if (common === undefined) {
      common = base + gammaln(r + t.x);
      byX.set(t.x, common);
    }
    sum += t.n * (common - (r + t.x) * Math.log(alpha + t.T));
  }
  return sum;
}

/** The boundary check of a BG/NBD fit (see `BgNbdFit.boundary`). */
export function bgnbdBoundary(fit: FitResult<BgNbdParams>, triples: readonly Triple[]): BgNbdFit {
  const scale = meanT(triples);
  const nbd = new Fitter((v) => noDropoutLogLikelihood(v[0], v[1], triples), [[fit.params.r, fit.params.alpha], [1, scale / 4]], (v) => v).run();
  return {
    ...fit,
    boundary: fit.logLikelihood - nbd.logLikelihood < BOUNDARY_MARGIN ? 'no-dropout' : null,
    noDropoutLogLikelihood: nbd.logLikelihood,
  };
}

/** Fits BG/NBD on the triples (every start, the polish and the boundary check). */
export function fitBgNbd(triples: readonly Triple[]): BgNbdFit {
  return bgnbdBoundary(bgnbdFitter(triples).run(), triples);
}

/** A Gamma-Gamma fitter on the spend rows (customers with x > 0 and m_x > 0). */
export function gammaGammaFitter(rows: readonly SpendRow[]): Fitter<GammaGammaParams> {
  let n = 0;
  let s = 0;
  for (const r of rows) {
    n += r.n;
    s += r.n * r.m;
  }
  const mean = n > 0 ? s / n : 1;
  const starts = [[1, 1, mean], [5, 3, mean * 2], [2, 5, mean * 4], [10, 2, mean / 5]];
  return new Fitter((v) => gammaGammaLogLikelihood({ p: v[0], q: v[1], gamma: v[2] }, rows), starts,
    (v) => ({ p: v[0], q: v[1], gamma: v[2] }));
}

/** Fits Gamma-Gamma on the spend rows. */
export function fitGammaGamma(rows: readonly SpendRow[]): FitResult<GammaGammaParams> {
  return gammaGammaFitter(rows).run();
}
