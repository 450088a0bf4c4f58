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

/** The workbench's views, in the navigation's order. */
export const VIEW_TABS = ['overview', 'segments', 'customers', 'profit', 'cohorts', 'migration', 'clv'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

/** The view shown after Analyze: the key figures first, as a report opens with its summary. */
export const DEFAULT_TAB: ViewTab = 'overview';

/** A saved tab read back: one this build knows, else the default (a link from another version stays usable). */
export function parseViewTab(value: unknown): ViewTab {
  return (VIEW_TABS as readonly unknown[]).includes(value) ? (value as ViewTab) : DEFAULT_TAB;
}

export function defaultView(): ViewSettings {
  return { treemapColorBy: 'revenueShare', gridMetric: 'customers', tab: DEFAULT_TAB, cohortMode: 'retention', csvDialect: 'comma' };
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
  const view = { ...defaultView(), ...o.view };
  view.tab = parseViewTab(view.tab);
  return { ok: true, state: { version: SAVED_STATE_VERSION, settings, view, selection: o.selection } };
}
