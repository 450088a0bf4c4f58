/**
 * Where saved work keeps the bytes of the files opened: the Origin Private File System (one directory,
 * `cartera-saved-work`, a file per source file), or IndexedDB (database `cartera-saved-work`) where OPFS is
 * missing or refused. Every call is asynchronous; the file is streamed into OPFS, never read whole on the page.
 * Failures throw `StorageFailure` with a code the messages module words. Two tabs of the origin share the store:
 * each call holds a Web Lock (`navigator.locks`, where the browser has it), so one tab never reads or removes files
 * another is half-way through writing; the last tab to store wins.
 */

export const OPFS_DIR = 'cartera-saved-work';
export const IDB_NAME = 'cartera-saved-work';
const IDB_STORE = 'files';

/** Where the files went. */
export type FileStoreKind = 'opfs' | 'idb';

/** Why storage failed: full (quota), or refused (private mode, policy, no storage API). */
export type StorageProblem = 'full' | 'refused';

export class StorageFailure extends Error {
  constructor(readonly problem: StorageProblem, cause?: unknown) {
    super(`storage ${problem}: ${String(cause)}`);
  }
}

/** The storage problem a thrown value means. */
export function storageProblem(e: unknown): StorageProblem {
  if (e instanceof StorageFailure) return e.problem;
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' ? 'full' : 'refused';
}

/** Runs `fn` holding the store's lock (exclusive across the origin's tabs), or directly without Web Locks. */
function locked<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(OPFS_DIR, fn) as Promise<T>) : fn();
}

/**
 * Stores the files (replacing what was stored), in OPFS or else IndexedDB; which one is returned. `then` runs
 * under the same lock once they are stored (the caller writes its record of them there, so another tab cannot
 * store its files between).
 */
export function storeFiles(files: File[], then?: (kind: FileStoreKind) => void): Promise<FileStoreKind> {
  // Asks the browser not to evict the store under storage pressure (best effort: the answer changes nothing here).
  void navigator.storage?.persist?.().catch(() => false);
  return locked(async () => {
    const kind = await storeUnlocked(files);
    then?.(kind);
    return kind;
  });
}

async function storeUnlocked(files: File[]): Promise<FileStoreKind> {
  await removeUnlocked();
  try {
    const dir = await opfsDir(true);
    for (const [i, file] of files.entries()) {
      const handle = await dir.getFileHandle(`file-${i}`, { create: true });
      await file.stream().pipeTo(await handle.createWritable());
    }
    return 'opfs';
  } catch (e) {
    await removeOpfs();
    // A full disk stays full for IndexedDB too.
    if (storageProblem(e) === 'full') throw new StorageFailure('full', e);
  }
  try {
    const db = await openDb();
    await request(db.transaction(IDB_STORE, 'readwrite').objectStore(IDB_STORE).put(files, 'files'));
    db.close();
    return 'idb';
  } catch (e) {
    await removeIdb();
    throw new StorageFailure(storageProblem(e), e);
  }
}

/** The stored files, with their names, or null when they are gone. */
export function readFiles(kind: FileStoreKind, names: string[]): Promise<File[] | null> {
  return locked(() => readUnlocked(kind, names));
}

async function readUnlocked(kind: FileStoreKind, names: string[]): Promise<File[] | null> {
  try {
    if (kind === 'opfs') {
      const dir = await opfsDir(false);
      const files: File[] = [];
      for (const [i, name] of names.entries()) files.push(new File([await (await dir.getFileHandle(`file-${i}`)).getFile()], name));
      return files;
    }
    const db = await openDb();
    const stored = await request<File[] | undefined>(db.transaction(IDB_STORE, 'readonly').objectStore(IDB_STORE).get('files'));
    db.close();
    return stored && stored.length === names.length ? stored.map((f, i) => new File([f], names[i])) : null;
  } catch {
    return null;
  }
}

/** Removes every stored file, from both places; never throws (nothing stored is nothing to remove); `then` runs under the lock after. */
export function removeFiles(then?: () => void): Promise<void> {
  return locked(async () => {
    await removeUnlocked();
    then?.();
  });
}

async function removeUnlocked(): Promise<void> {
  await Promise.all([removeOpfs(), removeIdb()]);
}

async function opfsDir(create: boolean): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new StorageFailure('refused', 'no Origin Private File System');
  return (await navigator.storage.getDirectory()).getDirectoryHandle(OPFS_DIR, { create });
}

async function removeOpfs(): Promise<void> {
  try {
    await (await navigator.storage.getDirectory()).removeEntry(OPFS_DIR, { recursive: true });
  } catch {
    /* nothing stored there, or no OPFS */
  }
}

async function removeIdb(): Promise<void> {
  try {
    await request(indexedDB.deleteDatabase(IDB_NAME));
  } catch {
    /* nothing stored there, or no IndexedDB */
  }
}

function openDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(IDB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(IDB_STORE);
  return request(open);
}

/** An IndexedDB request as a promise. */
function request<T>(req: IDBRequest<T> | IDBOpenDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
