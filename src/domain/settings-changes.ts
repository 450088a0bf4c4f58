/**
 * The rules that tie one setting to others, as pure functions of the settings: a component asks for a change,
 * and these say what else changes with it. Each returns the fields to replace.
 */
import { presetRules, type SegmentPresetId } from './segment-presets';
import type { AnalysisSettings, SegmentRule } from './settings';

type Change = Partial<AnalysisSettings>;

/**
 * A new number of score bins: a preset's rules are rewritten for it (a custom rule set is kept as typed and then
 * checked against the new range); custom cut points no longer fit, so the method goes back to quantiles.
 */
export function binsChange(s: AnalysisSettings, bins: AnalysisSettings['bins']): Change {
  const change: Change = { bins };
  if (s.segmentPreset !== 'custom') change.segmentRules = presetRules(s.segmentPreset, bins);
  if (s.scoreMethod === 'custom') {
    change.scoreMethod = 'quantile';
    change.customCuts = null;
  }
  return change;
}

/** A preset chosen: its rules for the current bins; 'custom' keeps the rules as they are. */
export function presetChange(s: AnalysisSettings, preset: SegmentPresetId | 'custom'): Change {
  return preset === 'custom' ? { segmentPreset: preset } : { segmentPreset: preset, segmentRules: presetRules(preset, s.bins) };
}

/** Rules edited by hand: they are no longer a preset's. */
export function rulesChange(rules: SegmentRule[]): Change {
  return { segmentPreset: 'custom', segmentRules: rules };
}
