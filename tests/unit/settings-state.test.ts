import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import { binsChange, presetChange, rulesChange } from '../../src/domain/settings-changes';
import { parseSavedState, parseViewTab, saveState, defaultView, SAVED_STATE_VERSION } from '../../src/domain/saved-state';
import type { AnalysisSettings, SegmentRule } from '../../src/domain/settings';

const withRules = (rules: SegmentRule[], more: Partial<AnalysisSettings> = {}): AnalysisSettings => ({ ...defaultSettings(), segmentRules: rules, ...more });

describe('settings changes (the domain rules a component used to apply itself)', () => {
  it('fewer bins rewrite a preset\'s rules into the new range: Champions (R5 F5 M5) becomes the top score of 3', () => {
    const c = binsChange(withRules([], { segmentPreset: 'rfm' }), 3);
    expect(c.bins).toBe(3);
    expect(c.segmentRules![0]).toEqual({ name: 'Champions', r: [3, 3], f: [3, 3], m: [3, 3] });
    // "R3-5" of Potential Loyalist is "R3" with 3 bins.
    expect(c.segmentRules![1]).toEqual({ name: 'Potential Loyalist', r: [3, 3], f: [3, 3], m: [2, 3] });
    expect(c.scoreMethod).toBeUndefined();
  });

  it('custom rules are kept as typed; custom cut points no longer fit and the method goes back to quantiles', () => {
    const mine: SegmentRule[] = [{ name: 'Mine', r: [4, 5], f: [1, 5], m: [1, 5] }];
    const c = binsChange(withRules(mine, { segmentPreset: 'custom', scoreMethod: 'custom', customCuts: { recency: [1, 2, 3, 4], frequency: [1, 2, 3, 4], monetary: [1, 2, 3, 4] } }), 4);
    expect(c).toEqual({ bins: 4, scoreMethod: 'quantile', customCuts: null });
  });

  it('a preset brings its rules for the current bins; custom keeps the rules; rules edited by hand are custom', () => {
    const four = presetChange(withRules([], { bins: 4 }), 'rf-grid');
    expect(four.segmentPreset).toBe('rf-grid');
    expect(four.segmentRules!.every((r) => [r.r, r.f, r.m].every(([a, b]) => a >= 1 && b <= 4 && a <= b))).toBe(true);
    expect(presetChange(withRules([]), 'custom')).toEqual({ segmentPreset: 'custom' });
    const rules: SegmentRule[] = [{ name: 'All', r: [1, 5], f: [1, 5], m: [1, 5] }];
    expect(rulesChange(rules)).toEqual({ segmentPreset: 'custom', segmentRules: rules });
  });
});

describe('saved state (what a share link will carry)', () => {
  it('round-trips the settings, the view and the selection, with its version', () => {
    const settings = withRules([{ name: 'All', r: [1, 5], f: [1, 5], m: [1, 5] }], { analysisDate: '1998-04-01', bins: 4 });
    settings.lifecycle = { cohortGrain: 'quarter', compareDate: '1998-01-01', calibrationEnd: '1997-09-30', horizonWeeks: 26, discountPct: '8', keyAccounts: 10 };
    const view = { treemapColorBy: 'avgMonetary', gridMetric: 'revenue', tab: 'clv', cohortMode: 'revenue', csvDialect: 'semicolon' } as const;
    const text = saveState(settings, view, { kind: 'cohort', cohort: '1997-01', period: 2 });
    expect(JSON.parse(text).version).toBe(SAVED_STATE_VERSION);
    const back = parseSavedState(text);
    expect(back).toEqual({ ok: true, state: { version: 1, settings, view, selection: { kind: 'cohort', cohort: '1997-01', period: 2 } } });
  });

  it('refuses what is not a saved state, or is newer than this build; a missing view takes the default', () => {
    expect(parseSavedState('{')).toEqual({ ok: false, problem: 'not-json' });
    expect(parseSavedState('{"settings":{}}')).toEqual({ ok: false, problem: 'not-saved-state' });
    expect(parseSavedState(JSON.stringify({ version: 2, settings: {}, selection: { kind: 'all' } }))).toEqual({ ok: false, problem: 'newer-version' });
    const old = parseSavedState(JSON.stringify({ version: 1, settings: defaultSettings(), selection: { kind: 'all' } }));
    expect(old.ok && old.state.view).toEqual(defaultView());
    // Saved before the lifecycle settings existed: they take their defaults.
    const { lifecycle: _dropped, ...before } = defaultSettings();
    void _dropped;
    const older = parseSavedState(JSON.stringify({ version: 1, settings: before, selection: { kind: 'all' } }));
    expect(older.ok && older.state.settings.lifecycle).toEqual({ cohortGrain: 'month', compareDate: null, calibrationEnd: null, horizonWeeks: 52, discountPct: '0', keyAccounts: 20 });
    // A view saved before the CSV format existed writes CSV with commas and a decimal point.
    const view = { treemapColorBy: 'avgMonetary', gridMetric: 'revenue', tab: 'cohorts', cohortMode: 'revenue' };
    const noDialect = parseSavedState(JSON.stringify({ version: 1, settings: defaultSettings(), view, selection: { kind: 'all' } }));
    expect(noDialect.ok && noDialect.state.view).toEqual({ ...view, csvDialect: 'comma' });
  });

  it('reads a saved tab back: each of the seven views, and the overview for a tab this build does not know', () => {
    const known = ['overview', 'segments', 'customers', 'profit', 'cohorts', 'migration', 'clv'];
    for (const tab of known) expect(parseViewTab(tab)).toBe(tab);
    for (const tab of ['Segments', 'rfm', '', null, 3, undefined]) expect(parseViewTab(tab)).toBe('overview');
    expect(defaultView().tab).toBe('overview');
    const view = { ...defaultView(), tab: 'funnel' };
    const back = parseSavedState(JSON.stringify({ version: 1, settings: defaultSettings(), view, selection: { kind: 'all' } }));
    expect(back.ok && back.state.view).toEqual({ ...defaultView(), tab: 'overview' });
    const profit = parseSavedState(JSON.stringify({ version: 1, settings: defaultSettings(), view: { ...view, tab: 'profit' }, selection: { kind: 'all' } }));
    expect(profit.ok && profit.state.view.tab).toBe('profit');
  });
});
