/**
 * The README's definition of a whole-number histogram (recency, frequency), written in the tests: `bins` bins from
 * the minimum to the 99th percentile (type 7) rounded up, width max(1, ⌈(hi − lo + 1) / bins⌉), the values above
 * in the last bin; only the bins that hold a value.
 */
export function wholeNumberHistogram(values: number[], bins = 40): { x0: number; x1: number; count: number }[] {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  // Type 7: h = 0.99 (n − 1), p99 = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋); top = ⌈p99⌉ (integers: exact).
  const i = Math.floor((99 * (n - 1)) / 100);
  const rem = (99 * (n - 1)) % 100;
  const lo = v[0];
  const hi = v[i] + Math.ceil((rem * (v[Math.min(i + 1, n - 1)] - v[i])) / 100);
  const w = Math.max(1, Math.ceil((hi - lo + 1) / bins));
  const last = Math.ceil((hi - lo) / w);
  const counts = new Map<number, number>();
  for (const x of v) {
    const b = Math.min(Math.floor((x - lo) / w), last);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([b, count]) => ({ x0: lo + b * w, x1: lo + (b + 1) * w, count }));
}
