// The page of `npm run bench:threads`: DuckDB-WASM's asynchronous bundles in a page, so the threaded (COI) one can
// be compared with the single-threaded one the app ships. Driven by bench/threads.mjs; not part of the app.
import * as duckdb from '@duckdb/duckdb-wasm';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export interface ProbeStep { sql: string; ms?: number; result?: string; error?: string }

/** Runs `sqls` in a fresh DuckDB of the given bundle; 'REGISTER' registers the chosen file as data.csv. */
async function run(bundle: 'eh' | 'coi', threads: number, sqls: string[]): Promise<ProbeStep[]> {
  const worker = new Worker(bundle === 'coi' ? coiWorker : ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const out: ProbeStep[] = [];
  try {
    if (bundle === 'coi') await db.instantiate(coiWasm, coiPthread);
    else await db.instantiate(ehWasm);
    await db.open({ maximumThreads: threads });
    const conn = await db.connect();
    for (const sql of [`SET threads = ${threads}`, ...sqls]) {
      const t0 = performance.now();
      try {
        if (sql === 'REGISTER') {
          const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
          if (!file) throw new Error('no file chosen');
          await db.registerFileHandle('data.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
          out.push({ sql, ms: performance.now() - t0 });
          continue;
        }
        const table = await conn.query(sql);
        const first = table.numRows ? table.get(0)?.toJSON() : null;
        out.push({ sql, ms: performance.now() - t0, result: JSON.stringify(first, (_, v) => (typeof v === 'bigint' ? String(v) : v)) });
      } catch (e) {
        out.push({ sql, ms: performance.now() - t0, error: String(e).split('\n')[0] });
      }
    }
    await conn.close();
  } catch (e) {
    out.push({ sql: '(start)', error: String(e).split('\n')[0] });
  } finally {
    await db.terminate();
  }
  return out;
}

Object.assign(window, { probe: { run, crossOriginIsolated: globalThis.crossOriginIsolated === true } });
