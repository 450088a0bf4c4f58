import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as duckdbTypes from '@duckdb/duckdb-wasm/blocking';

const require = createRequire(import.meta.url);
const blockingPath = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const duckdb = require(blockingPath) as typeof duckdbTypes;

/** The duckdb-wasm Node build: the same engine (DuckDB 1.4, wasm) as the browser, synchronous API. */
export async function openNodeDuckDB(): Promise<duckdbTypes.DuckDBBindings> {
  const dist = dirname(blockingPath);
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  db.open({});
  return db;
}

/** parquet-wasm's WebAssembly, as the worker gets it (there a URL of the bundled file; here its bytes). */
export const PARQUET_WASM = new Uint8Array(readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));

/** Where the shared real data sets live (../shared/data beside the repository). */
export const SHARED_DATA = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'shared', 'data');
