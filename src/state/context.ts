/**
 * The state classes, provided once by App.svelte through Svelte context: each panel asks for the parts it reads
 * (getSettings(), getScoring()…) instead of receiving one object with everything.
 */
import { createContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { DatasetState } from './dataset.svelte';
import type { SettingsState } from './settings.svelte';
import type { SelectionState } from './selection.svelte';
import type { ScoringState } from './scoring.svelte';
import type { LifecycleState } from './lifecycle.svelte';

export const [getWorkbench, setWorkbench] = createContext<AppState>();
export const [getDataset, setDataset] = createContext<DatasetState>();
export const [getSettings, setSettings] = createContext<SettingsState>();
export const [getSelection, setSelection] = createContext<SelectionState>();
export const [getScoring, setScoring] = createContext<ScoringState>();
export const [getLifecycle, setLifecycle] = createContext<LifecycleState>();

/** Provides the workbench's actions and each of its state classes to every component below the caller. */
export function provideState(app: AppState): void {
  setWorkbench(app);
  setDataset(app.data);
  setSettings(app.settings);
  setSelection(app.selection);
  setScoring(app.scores);
  setLifecycle(app.lifecycle);
}
