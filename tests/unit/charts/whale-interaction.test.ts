import { describe, expect, it } from 'vitest';
import { nearestPoint, ranksOfBrush, shareAtX } from '../../../src/charts/whale-curve/interaction';

describe('whale-curve interaction helpers', () => {
  it.each([
    [52, 0], [152, 0.25], [452, 1], [10, 0], [600, 1],
  ])('x %i on a plot from 52, 400 wide → share %d', (px, share) => {
    expect(shareAtX({ x: 52, width: 400 }, px)).toBe(share);
  });

  it('finds the nearest point', () => {
    const pts = [0, 0.25, 0.5, 0.75, 1].map((s) => ({ cumCustomerShare: s, cumProfitShare: s * 2 }));
    expect(nearestPoint(pts, 0.3)).toEqual({ cumCustomerShare: 0.25, cumProfitShare: 0.5 });
    expect(nearestPoint([], 0.3)).toBeNull();
  });

  it.each([
    // a, b, n → ranks
    [0.2, 1, 10, { from: 3, to: 10 }], // the tail after the top 2 of 10
    [1, 0.2, 10, { from: 3, to: 10 }], // dragged right to left
    [0, 0.05, 10, { from: 1, to: 1 }], // a sliver still covers the first customer
    [0.5, 0.5, 10, null], // no width
    [0, 1, 0, null], // no customer
  ])('brush %d..%d of %i customers', (a, b, n, expected) => {
    expect(ranksOfBrush(a, b, n)).toEqual(expected);
  });
});
