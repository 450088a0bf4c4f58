import * as Comlink from 'comlink';
import type { DataApi } from '../workers/api';

/** Starts the data worker (bundled by Vite, same origin) and returns its typed API. */
export function startDataWorker(): Comlink.Remote<DataApi> {
  const worker = new Worker(new URL('../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'cartera-data' });
  return Comlink.wrap<DataApi>(worker);
}

export { Comlink };
