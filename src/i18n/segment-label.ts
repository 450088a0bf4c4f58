import { t } from './locale.svelte';

/** The label a segment's stable name is shown with in the current language; a name the user typed, as typed. */
export function segmentLabel(name: string, names: Record<string, string> = t.segmentNames): string {
  return Object.hasOwn(names, name) ? names[name] : name;
}
