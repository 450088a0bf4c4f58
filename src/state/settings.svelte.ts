import type { AnalysisSettings, CostModel, CustomCuts, MonetaryMode, ScoreMethod, SegmentRule } from '../domain/settings';
import { defaultSettings } from '../domain/defaults';
import { binsChange, presetChange, rulesChange } from '../domain/settings-changes';
import type { SegmentPresetId } from '../domain/segment-presets';
import { defaultView, saveState, type ViewSettings } from '../domain/saved-state';
import type { Selection } from '../../workers/api';

/**
 * The one settings object and how the views are drawn. Components change it through these methods, which apply
 * the domain's rules (src/domain/settings-changes.ts); `revision` counts the changes. The mapping step's form
 * controls bind to `current.mapping` and the format fields directly.
 */
export class SettingsState {
  current = $state<AnalysisSettings>(defaultSettings());
  view = $state<ViewSettings>(defaultView());
  revision = $state(0);

  /** Replaces some fields (a copy of each, so nothing outside shares them). */
  apply(change: Partial<AnalysisSettings>): void {
    Object.assign(this.current, structuredClone(change));
    this.revision++;
  }

  setAnalysisDate(isoDay: string | null): void {
    this.apply({ analysisDate: isoDay || null });
  }

  setScoreMethod(scoreMethod: ScoreMethod): void {
    this.apply({ scoreMethod });
  }

  setBins(bins: AnalysisSettings['bins']): void {
    this.apply(binsChange(this.current, bins));
  }

  setMonetaryMode(monetaryMode: MonetaryMode): void {
    this.apply({ monetaryMode });
  }

  setPreset(preset: SegmentPresetId | 'custom'): void {
    this.apply(presetChange(this.current, preset));
  }

  setRules(rules: SegmentRule[]): void {
    this.apply(rulesChange(rules));
  }

  setCustomCuts(customCuts: CustomCuts | null): void {
    this.apply({ customCuts });
  }

  setCostModel(change: Partial<CostModel>): void {
    this.apply({ costModel: { ...this.current.costModel, ...change } });
  }

  setLifecycle(change: Partial<AnalysisSettings['lifecycle']>): void {
    this.apply({ lifecycle: { ...this.current.lifecycle, ...change } });
  }

  setView(change: Partial<ViewSettings>): void {
    this.view = { ...this.view, ...change };
  }

  /** The settings, the view and a selection as one versioned JSON text (src/domain/saved-state.ts). */
  save(selection: Selection): string {
    return saveState($state.snapshot(this.current), $state.snapshot(this.view), selection);
  }
}
