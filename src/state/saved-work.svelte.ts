/**
 * Saved work: the data set opened and the set-up, kept across a reload of the tab. The files' bytes go to the
 * Origin Private File System (or IndexedDB, src/state/file-store.ts); an "Open from URL" source is kept as its
 * address only and fetched again on restore (the worker fetched it; the page never holds its bytes). The set-up
 * (the saved state's JSON and the language) goes to localStorage. "Forget this data" removes all of it. Storage
 * that is full or refused leaves the app working, unsaved, with a message.
 */
import type { Source } from './app.svelte';
import { parseSavedState, type SavedState } from '../domain/saved-state';
import { readFiles, removeFiles, storageProblem, storeFiles, type FileStoreKind, type StorageProblem } from './file-store';

/** localStorage keys: what was opened, and the set-up. */
export const SOURCE_KEY = 'cartera.saved-source';
export const SETUP_KEY = 'cartera.saved-setup';

/**
 * `id` names one store of a data set: the set-up records the id it belongs to, so a tab whose data set another tab
 * has since replaced writes no set-up over the new one, and a set-up is never applied to another data set.
 */
type StoredSource = ({ kind: 'files'; names: string[]; store: FileStoreKind } | { kind: 'url'; url: string }) & { id?: string };

/** A fresh id for a store (crypto.randomUUID exists only in secure contexts; a plain-http host has none). */
function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The id of the data set stored now, '' when there is none or it carries no id (stored by an older version). */
function storedId(): string | null {
  try {
    const text = localStorage.getItem(SOURCE_KEY);
    return text ? ((JSON.parse(text) as StoredSource).id ?? '') : null;
  } catch {
    return null;
  }
}

/** What a reload finds again. */
export interface SavedWorkFound {
  source: Source;
  /** The file names or the address, for the notice. */
  label: string;
  setup: SavedState | null;
  language: string | null;
}

export class SavedWork {
  /** Something is stored (the button "Forget this data" then has something to remove). */
  stored = $state(false);
  /** Why the last store failed, or null. */
  problem = $state<StorageProblem | null>(null);
  /** The source restored at start-up (its label), for the notice. */
  restored = $state<string | null>(null);
  /** The saved work was found but could not be opened again. */
  restoreFailed = $state(false);
  /** "Forget this data" was pressed and has finished. */
  forgotten = $state(false);
  /** The files read back at start-up: opening them again must not store them over themselves. */
  private restoredFiles: File[] | null = null;
  /** Bumped by each store and by forget, so a slow store finished after them writes no manifest. */
  private generation = 0;
  /** The latest set-up asked to be saved: written as soon as a data set is stored. */
  private latestSetup: { state: string; language: string } | null = null;
  /** The id of the data set this tab stored or restored ('' for one stored without an id). */
  private ownId: string | null = null;

  /** Stores a data set just opened (replacing the one stored). */
  async storeSource(source: Source): Promise<void> {
    if (source.kind === 'files' && source.files === this.restoredFiles) return;
    const generation = ++this.generation;
    const id = newId();
    // The set-up asked for so far belongs to the data set this one replaces; the new one's follows its opening.
    this.latestSetup = null;
    this.forgotten = false;
    this.problem = null;
    try {
      // The record of what is stored is written under the store's lock, so it names the files another tab did not replace.
      const record = (entry: StoredSource) => {
        if (generation === this.generation) localStorage.setItem(SOURCE_KEY, JSON.stringify({ ...entry, id }));
      };
      if (source.kind === 'files') {
        removeItem(SOURCE_KEY);
        const names = source.files.map((f) => f.name);
        await storeFiles(source.files, (store) => record({ kind: 'files', names, store }));
      } else {
        await removeFiles(() => record({ kind: 'url', url: source.url }));
      }
      if (generation !== this.generation) return;
      this.ownId = id;
      this.stored = true;
      this.writeSetup();
    } catch (e) {
      if (generation !== this.generation) return;
      this.problem = storageProblem(e);
      this.stored = false;
      removeItem(SOURCE_KEY);
      removeItem(SETUP_KEY);
    }
  }

  /** Stores the set-up (called, debounced, on every change once a data set is stored). */
  saveSetup(savedStateJson: string, language: string): void {
    this.latestSetup = { state: savedStateJson, language };
    if (this.stored) this.writeSetup();
  }

  /** Writes the latest set-up for this tab's data set, unless another tab has stored another one since. */
  private writeSetup(): void {
    if (!this.latestSetup || this.ownId === null || storedId() !== this.ownId) return;
    try {
      localStorage.setItem(SETUP_KEY, JSON.stringify({ ...this.latestSetup, source: this.ownId }));
    } catch (e) {
      this.problem = storageProblem(e);
    }
  }

  /** The saved work a reload finds, or null; sets `restoreFailed` when it is there but unreadable. */
  async find(): Promise<SavedWorkFound | null> {
    let entry: StoredSource;
    let setupText: string | null;
    try {
      const text = localStorage.getItem(SOURCE_KEY);
      if (!text) return null;
      entry = JSON.parse(text) as StoredSource;
      setupText = localStorage.getItem(SETUP_KEY);
    } catch {
      return null;
    }
    let setup: SavedState | null = null;
    let language: string | null = null;
    if (setupText) {
      try {
        const saved = JSON.parse(setupText) as { state: string; language: string; source?: string };
        // A set-up written for another data set (a tab that had not seen the newer store) is not applied to this one.
        if ((saved.source ?? '') === (entry.id ?? '')) {
          const parsed = parseSavedState(saved.state);
          if (parsed.ok) setup = parsed.state;
          language = typeof saved.language === 'string' ? saved.language : null;
        }
      } catch {
        /* a damaged set-up: the data opens with the detected mapping */
      }
    }
    this.stored = true;
    this.ownId = entry.id ?? '';
    if (entry.kind === 'url') return { source: { kind: 'url', url: entry.url }, label: entry.url, setup, language };
    const files = await readFiles(entry.store, entry.names);
    if (!files) {
      this.restoreFailed = true;
      return null;
    }
    this.restoredFiles = files;
    return { source: { kind: 'files', files }, label: entry.names.join(', '), setup, language };
  }

  /** Removes every stored file and key; the data on screen stays, unsaved, until another file is opened. */
  async forget(): Promise<void> {
    this.generation++;
    this.latestSetup = null;
    this.ownId = null;
    removeItem(SOURCE_KEY);
    removeItem(SETUP_KEY);
    await removeFiles();
    this.stored = false;
    this.restored = null;
    this.restoreFailed = false;
    this.problem = null;
    this.forgotten = true;
  }
}

function removeItem(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* storage refused: nothing was stored */
  }
}
