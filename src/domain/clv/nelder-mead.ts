/**
 * Nelder-Mead minimisation with the adaptive coefficients of Gao and Han (2012), which keep the method from
 * stalling as the number of parameters grows. Written here because npm's `fmin` 0.0.4 throws on its shrink step
 * (an undeclared loop variable in strict mode) and loads only as a UMD bundle.
 */
export interface MinimiseResult { x: number[]; fx: number; iterations: number; evaluations: number }

/** Minimises f from x0; stops when the simplex's values and points both lie within `tolerance`, or after `maxIterations`. */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: { maxIterations?: number; tolerance?: number; step?: number } = {}): MinimiseResult {
  const n = x0.length;
  const maxIterations = opts.maxIterations ?? 400 * n;
  const tolerance = opts.tolerance ?? 1e-10;
  const step = opts.step ?? 0.1;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const points: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += p[i] === 0 ? step : step * Math.max(1, Math.abs(p[i]));
    points.push(p);
  }
  let fx = points.map(value);
  const along = (c: number[], w: number[], t: number) => c.map((ci, j) => ci + t * (ci - w[j]));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = fx.map((_, i) => i).sort((i, j) => fx[i] - fx[j]);
    const sorted = order.map((i) => points[i]);
    fx = order.map((i) => fx[i]);
    points.splice(0, points.length, ...sorted);
    const spread = Math.max(...points.slice(1).map((p) => Math.max(...p.map((v, j) => Math.abs(v - points[0][j])))));
    if (Math.abs(fx[n] - fx[0]) <= tolerance * (1 + Math.abs(fx[0])) && spread <= tolerance * 100) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += points[i][j] / n;
    const worst = points[n];
    const reflected = along(centroid, worst, alpha);
    const fr = value(reflected);
    if (fr < fx[0]) {
      const expanded = along(centroid, worst, alpha * beta);
      const fe = value(expanded);
      [points[n], fx[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < fx[n - 1]) {
      [points[n], fx[n]] = [reflected, fr];
    } else {
      const outside = fr < fx[n];
      const contracted = along(centroid, worst, outside ? alpha * gamma : -gamma);
      const fc = value(contracted);
      if (fc < (outside ? fr : fx[n])) {
        [points[n], fx[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          points[i] = points[i].map((v, j) => points[0][j] + delta * (v - points[0][j]));
          fx[i] = value(points[i]);
        }
      }
    }
  }
  const best = fx.indexOf(Math.min(...fx));
  return { x: points[best], fx: fx[best], iterations, evaluations };
}
