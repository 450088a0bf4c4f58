import { tick } from 'svelte';
import type { SettingsState } from '../../state/settings.svelte';
import type { ViewTab } from '../../domain/saved-state';

/** Shows a view from a button inside another one, and puts the focus on its tab (the button itself goes away). */
export async function openView(settings: SettingsState, tab: ViewTab): Promise<void> {
  settings.setView({ tab });
  await tick();
  document.getElementById(`tab-${tab}`)?.focus();
}
