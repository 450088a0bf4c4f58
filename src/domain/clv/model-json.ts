import type { ClvOverview } from '../../../workers/clv';

/**
 * clv-model.json: {"time_unit": "week", "calibration_end": "YYYY-MM-DD", "bgnbd": {r, alpha, a, b, log_likelihood},
 * "gamma_gamma": {p, q, gamma, log_likelihood} (null when not fitted), "customers": n, "horizon_weeks": H}.
 */
export function clvModelJson(o: ClvOverview): string {
  if (!o.bgnbd) throw new Error('no fitted model');
  const b = o.bgnbd;
  const g = o.gammaGamma;
  return JSON.stringify({
    time_unit: 'week',
    calibration_end: o.request.calibrationEnd,
    bgnbd: { r: b.params.r, alpha: b.params.alpha, a: b.params.a, b: b.params.b, log_likelihood: b.logLikelihood },
    gamma_gamma: g ? { p: g.params.p, q: g.params.q, gamma: g.params.gamma, log_likelihood: g.logLikelihood } : null,
    customers: o.summary.customers,
    horizon_weeks: o.request.horizonWeeks,
  }, null, 2);
}
