import type { WhalePoint } from './layout';

/** The share of customers (0..1) under a pixel x of the plot, clamped to the plot. */
export function shareAtX(plot: { x: number; width: number }, px: number): number {
  if (!(plot.width > 0)) return 0;
  return Math.min(1, Math.max(0, (px - plot.x) / plot.width));
}

/** The point whose customer share is nearest to `share` (points in any order); null when there is none. */
export function nearestPoint<P extends WhalePoint>(points: readonly P[], share: number): P | null {
  let best: P | null = null;
  for (const p of points) {
    if (!best || Math.abs(p.cumCustomerShare - share) < Math.abs(best.cumCustomerShare - share)) best = p;
  }
  return best;
}

/**
 * Profit ranks (1 = most profitable) covered by a brush between two customer shares, both ends included:
 * share a..b of n customers → ranks ⌊a·n⌋ + 1 … ⌈b·n⌉; null when the brush covers no customer.
 */
export function ranksOfBrush(a: number, b: number, n: number): { from: number; to: number } | null {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const from = Math.floor(lo * n) + 1;
  const to = Math.min(n, Math.ceil(hi * n));
  return to >= from && n > 0 ? { from, to } : null;
}
