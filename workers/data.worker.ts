/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createDuckDB, VoidLogger, BROWSER_RUNTIME } from 'duckdb-browser-blocking';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { Engine } from './engine';
import { Workspace } from './workspace';
import { toUserError, userError } from './errors';
import type { DataApi, LoadProgress, UserErrorCode } from './api';
import { ClvCancelled } from './clv';

// One worker owns the engine: DuckDB's synchronous bundle runs here, so decoding, loading and scoring share
// this thread and the page's main thread only draws. (AsyncDuckDB would start a second worker inside this one.)
let workspace: Promise<Workspace> | null = null;

function start(): Promise<Workspace> {
  workspace ??= (async () => {
    const db = await createDuckDB(
      { mvp: { mainModule: mvpWasm, mainWorker: '' }, eh: { mainModule: ehWasm, mainWorker: '' } },
      new VoidLogger(),
      BROWSER_RUNTIME,
    );
    await db.instantiate(() => {});
    db.open({});
    return new Workspace(new Engine(db), { parquetWasm: new URL(parquetWasm, self.location.href) });
  })();
  return workspace;
}

/** Runs a worker call; anything thrown reaches the UI as a plain UserError object. */
async function guarded<T>(fn: () => Promise<T> | T, file?: string, fallback?: UserErrorCode): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toUserError(e, file, fallback);
  }
}

const api: DataApi = {
  ping() {
    return Date.now();
  },
  holdLife(name: string) {
    if (!self.navigator.locks) return Promise.resolve(false);
    // Never released while the worker runs: the browser releases it when the worker ends, however it ends.
    return new Promise<boolean>((held) => {
      void self.navigator.locks.request(name, () => {
        held(true);
        return new Promise<never>(() => {});
      });
    });
  },
  async init() {
    const ws = await start();
    return { duckdb: String(ws.engine.one<{ v: string }>('SELECT version() AS v')!.v) };
  },
  async open(files: File[], onProgress?: (p: LoadProgress) => void) {
    const ws = await start();
    return guarded(() => ws.open(files.map((f) => ({ file: f, name: f.name })), onProgress));
  },
  async openUrl(url: string, onProgress?: (p: LoadProgress) => void) {
    const ws = await start();
    const name = decodeURIComponent(new URL(url, self.location.href).pathname.split('/').pop() || 'download.csv');
    let blob: Blob;
    try {
      const res = await fetch(url);
      if (!res.ok) throw userError('url-failed', { file: url, detail: `HTTP ${res.status} ${res.statusText}` });
      blob = await res.blob();
    } catch (e) {
      throw e && typeof e === 'object' && 'kind' in e ? e : userError('url-failed', { file: url, detail: String(e) });
    }
    return guarded(() => ws.open([{ file: blob, name }], onProgress));
  },
  cancel() {
    void start().then((ws) => ws.cancel());
  },
  async analyze(req, onProgress) {
    const ws = await start();
    return guarded(() => ws.analyze(req, onProgress));
  },
  async transactionsCsv(dialect) {
    const ws = await start();
    const bytes = await guarded(() => ws.transactionsCsv(dialect));
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  async excludedCsv(reason, dialect) {
    const ws = await start();
    return guarded(() => ws.excludedCsv(reason, dialect));
  },
  async score(settings, analysis) {
    const ws = await start();
    return guarded(() => ws.score(settings, analysis), undefined, 'scoring-failed');
  },
  async histograms(analysis) {
    const ws = await start();
    return guarded(() => ws.histograms(analysis), undefined, 'scoring-failed');
  },
  async customersPage(q, analysis) {
    const ws = await start();
    const page = await guarded(() => ws.customersPage(q, analysis));
    return Comlink.transfer(page, [page.ipc.buffer]);
  },
  async customerProfile(id, analysisDate, analysis) {
    const ws = await start();
    return guarded(() => ws.customerProfile(id, analysisDate, analysis));
  },
  async exportCustomers(sel, format, analysis, labels, dialect) {
    const ws = await start();
    const bytes = await guarded(() => (format === 'csv' ? ws.exportCsv(sel, analysis, labels, dialect) : ws.exportParquet(sel, analysis, labels)));
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  async exportReport(report, format, dialect, labels) {
    const ws = await start();
    const bytes = await guarded(() => ws.exportReport(report, format, dialect, labels));
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  async dropAnalysis(name) {
    const ws = await start();
    ws.dropAnalysis(name);
  },
  async cohorts(analysisDate, grain) {
    const ws = await start();
    return guarded(() => ws.cohorts(analysisDate, grain), undefined, 'lifecycle-failed');
  },
  async migration(settings, compareDate) {
    const ws = await start();
    return guarded(() => ws.migration(settings, compareDate), undefined, 'lifecycle-failed');
  },
  async fitClv(req, onProgress) {
    const ws = await start();
    return guarded(async () => {
      try {
        return await ws.fitClv(req, onProgress);
      } catch (e) {
        throw e instanceof ClvCancelled ? userError('cancelled') : e;
      }
    }, undefined, 'lifecycle-failed');
  },
  async lifecycleCsv(which, labels, dialect) {
    const ws = await start();
    const bytes = await guarded(() => ws.lifecycleCsv(which, labels, dialect));
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
};

Comlink.expose(api);
