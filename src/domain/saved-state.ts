/**
 * What the page can save and send (the share link and saved work, later issues): the settings, the view and the
 * selection, as one versioned JSON value. Not the data: a link never carries the customers' transactions.
 */
import { defaultLifecycle, type AnalysisSettings } from './settings';
import type { Selection } from '../sql/views';
import type { TreemapColorBy } from '../charts/treemap/layout';
import type { RfMetric } from '../charts/rf-grid/layout';
import type { ExportDialect } from '../../workers/csv-text';

/** Bumped when the shape changes; an older value is then migrated, a newer one refused. */
export const SAVED_STATE_VERSION = 1;

/** How the views are drawn (not what they compute). */
export interface ViewSettings {
  treemapColorBy: TreemapColorBy;
  gridMetric: RfMetric;
  /** The view shown (the navigation's tab). */
  tab: ViewTab;
  cohortMode: 'retention' | 'revenue';
  /** How CSV exports are written (separator and decimal mark). */
  csvDialect: ExportDialect;
}

export const VIEW_TABS = ['segments', 'cohorts', 'migration', 'clv'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

export function defaultView(): ViewSettings {
  return { treemapColorBy: 'revenueShare', gridMetric: 'customers', tab: 'segments', cohortMode: 'retention', csvDialect: 'comma' };
}

export interface SavedState {
  version: typeof SAVED_STATE_VERSION;
  settings: AnalysisSettings;
  view: ViewSettings;
  selection: Selection;
}

export function saveState(settings: AnalysisSettings, view: ViewSettings, selection: Selection): string {
  const saved: SavedState = { version: SAVED_STATE_VERSION, settings, view, selection };
  return JSON.stringify(saved);
}

/** Why a saved value cannot be used (a code for the messages module). */
export type SavedStateProblem = 'not-json' | 'not-saved-state' | 'newer-version';

export function parseSavedState(text: string): { ok: true; state: SavedState } | { ok: false; problem: SavedStateProblem } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (!v || typeof v !== 'object' || typeof (v as { version?: unknown }).version !== 'number') return { ok: false, problem: 'not-saved-state' };
  const o = v as Partial<SavedState> & { version: number };
  if (o.version > SAVED_STATE_VERSION) return { ok: false, problem: 'newer-version' };
  if (!o.settings || typeof o.settings !== 'object' || !o.selection || typeof o.selection !== 'object') return { ok: false, problem: 'not-saved-state' };
  // A value saved before the lifecycle settings existed gets their defaults.
  const settings = { ...o.settings, lifecycle: { ...defaultLifecycle(), ...o.settings.lifecycle } };
  return { ok: true, state: { version: SAVED_STATE_VERSION, settings, view: { ...defaultView(), ...o.view }, selection: o.selection } };
}
