/**
 * What the page restores when it starts: a share link in the URL fragment wins (its set-up, then the file it
 * asks for, or its address); otherwise saved work, reopened through the normal open path and analysed with its
 * set-up.
 */
import type { AppState } from './app.svelte';
import type { SavedWork } from './saved-work.svelte';
import { decodeShareLink, isShareLink, type ShareLinkProblem } from '../domain/share-link';
import { setLanguage } from '../i18n/locale.svelte';

/** A share link the page was opened with: what it asks for and what it could not restore. */
export interface IncomingLink {
  /** Why nothing of it could be restored, or null. */
  problem: ShareLinkProblem | null;
  /** The address it names ("Open from URL"), or null: then the user gives the file. */
  url: string | null;
  /** A language the link names that this build does not have, or null. */
  missingLanguage: string | null;
}

/** Restores a share link or saved work; returns the link the page was opened with, if any. */
export async function restoreAtStart(app: AppState, saved: SavedWork, location: Location, history: History): Promise<IncomingLink | null> {
  if (isShareLink(location.hash)) {
    const decoded = await decodeShareLink(location.hash);
    // The set-up is now the page's; a reload then finds the saved work, not the link again.
    history.replaceState(history.state, '', location.pathname + location.search);
    if (!decoded.ok) return { problem: decoded.problem, url: null, missingLanguage: null };
    const { state, language, url } = decoded.setup;
    const missingLanguage = language && !setLanguage(language) ? language : null;
    app.restoreSetup(state);
    // An address on the page's own origin (the sample) opens at once; another host only when the user says so.
    if (url && new URL(url).origin === location.origin) void app.openUrl(url);
    return { problem: null, url, missingLanguage };
  }
  const found = await saved.find();
  if (!found) return null;
  if (found.language) setLanguage(found.language);
  if (found.setup) app.restoreSetup(found.setup);
  await (found.source.kind === 'files' ? app.openFiles(found.source.files) : app.openUrl(found.source.url));
  if (app.data.summary) saved.restored = found.label;
  else saved.restoreFailed = !app.data.opened;
  return null;
}
