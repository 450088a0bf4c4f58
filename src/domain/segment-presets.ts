/**
 * Segment rule presets (ordered: the first matching rule wins; unmatched customers are 'Others').
 *
 * Both presets are written for 5 score bins. With 3 or 4 bins, `presetRules` clamps every bound into
 * 1..bins (see `clampRule`): "R5" becomes "the top R score", "R3-5" becomes "R3" (3 bins) or "R3-4"
 * (4 bins). Segments then overlap more and, first match winning, some later segments may get no
 * cell at all (their rule count is 0): the presets keep their names and order but are coarser.
 */
import type { SegmentRule } from './settings';
import { clampRules, type Bins } from './segment-rules';

export type SegmentPresetId = 'rfm' | 'rf-grid';

const rule = (name: string, r: [number, number], f: [number, number], m: [number, number]): SegmentRule => ({ name, r, f, m });

/**
 * 'rfm': the ten segments documented by the R package rfm 0.3.0 (`rfm_segment` example), in its order.
 * Cells no rule takes (e.g. 215) are 'Others', as in rfm.
 */
export const RFM_PRESET: readonly SegmentRule[] = Object.freeze([
  rule('Champions', [5, 5], [5, 5], [5, 5]),
  rule('Potential Loyalist', [3, 5], [3, 5], [2, 5]),
  rule('Loyal Customers', [2, 4], [2, 4], [2, 4]),
  rule('Promising', [3, 4], [1, 3], [3, 5]),
  rule('New Customers', [4, 5], [1, 3], [1, 5]),
  rule("Can't Lose Them", [1, 2], [3, 4], [4, 5]),
  rule('At Risk', [1, 2], [2, 5], [4, 5]),
  rule('Need Attention', [1, 3], [3, 5], [3, 5]),
  rule('About To Sleep', [2, 3], [1, 3], [1, 4]),
  rule('Lost', [1, 1], [1, 5], [1, 5]),
]);

/**
 * 'rf-grid': the R-by-F grid; monetary is ignored (every rule takes M 1-5). It covers all 25 R×F
 * cells, so nobody is 'Others'. 'Loyal Customers' and 'Potential Loyalist' each come from two rules.
 */
export const RF_GRID_PRESET: readonly SegmentRule[] = Object.freeze([
  rule('Hibernating', [1, 2], [1, 2], [1, 5]),
  rule('At Risk', [1, 2], [3, 4], [1, 5]),
  rule("Can't Lose Them", [1, 2], [5, 5], [1, 5]),
  rule('About To Sleep', [3, 3], [1, 2], [1, 5]),
  rule('Need Attention', [3, 3], [3, 3], [1, 5]),
  rule('Loyal Customers', [3, 3], [4, 5], [1, 5]),
  rule('Promising', [4, 4], [1, 1], [1, 5]),
  rule('Potential Loyalist', [4, 4], [2, 3], [1, 5]),
  rule('Loyal Customers', [4, 4], [4, 5], [1, 5]),
  rule('New Customers', [5, 5], [1, 1], [1, 5]),
  rule('Potential Loyalist', [5, 5], [2, 3], [1, 5]),
  rule('Champions', [5, 5], [4, 5], [1, 5]),
]);

export const SEGMENT_PRESETS: Readonly<Record<SegmentPresetId, readonly SegmentRule[]>> = Object.freeze({
  rfm: RFM_PRESET,
  'rf-grid': RF_GRID_PRESET,
});

/** A preset's rules for `bins` scores (fresh copies; clamped into 1..bins when bins < 5). */
export function presetRules(id: SegmentPresetId, bins: Bins = 5): SegmentRule[] {
  return clampRules(SEGMENT_PRESETS[id], bins);
}
