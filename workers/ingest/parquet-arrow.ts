import initParquetWasm, { ParquetFile } from 'parquet-wasm/esm';
import type { Engine } from '../engine';
import { ident } from '../../src/sql/sql-text';
import { ParquetError, parquetFileMessage, reasonOf, type ParquetLoadOptions } from './parquet';

/**
 * Parquet with its own types: parquet-wasm (arrow-rs compiled to WebAssembly) decodes one row group at a time,
 * read from the Blob by slices, into Arrow IPC that DuckDB inserts as it is — dates stay DATE, decimals
 * DECIMAL, integers integers — so nothing is written out as text and parsed again. Strings are the slow part
 * either way (DuckDB copies each one). `loadParquet` (hyparquet, values as text) remains the fallback for a
 * file this reader cannot decode.
 *
 * The WebAssembly module is given by the caller: its URL (the worker bundles it, so it comes from the page's own
 * origin) or its bytes (Node tests).
 */
export type ParquetWasmSource = URL | string | BufferSource;

let ready: Promise<unknown> | null = null;

/** Instantiates parquet-wasm once per worker. */
export function initParquetArrow(source: ParquetWasmSource): Promise<unknown> {
  ready ??= initParquetWasm({ module_or_path: source }).catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}

/**
 * Loads a Parquet file into `table` (`create`: made from the first row group; else appended to), every column
 * (or the ones asked for) with the DuckDB type of its Arrow type. Between row groups it reports progress, yields
 * (so a worker receives a cancel) and stops with an AbortError if cancelled. Needs `initParquetArrow` first.
 */
export async function loadParquetTyped(
  engine: Engine,
  file: Blob,
  table: string,
  opts: ParquetLoadOptions & { create: boolean },
): Promise<{ rows: number }> {
  if (!ready) throw new Error('parquet-wasm is not initialised');
  await ready;
  let pf: ParquetFile;
  try {
    pf = await ParquetFile.fromFile(file);
  } catch (e) {
    throw new ParquetError(parquetFileMessage(file, reasonOf(e)), { cause: e });
  }
  try {
    const meta = pf.metadata();
    const groups = meta.numRowGroups();
    const totalRows = Number(meta.fileMetadata().numRows());
    const count = () => engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`)!.n;
    let created = !opts.create;
    const before = created ? count() : 0;
    let rows = 0;
    for (let g = 0; g < groups; g++) {
      let ipc: Uint8Array;
      try {
        const batch = await pf.read({ rowGroups: [g], columns: opts.columns, batchSize: 1 << 30 });
        ipc = batch.intoIPCStream();
      } catch (e) {
        throw new ParquetError(parquetFileMessage(file, reasonOf(e)), { cause: e });
      }
      engine.conn.insertArrowFromIPCStream(ipc, { name: table, create: !created });
      created = true;
      rows = count() - before;
      opts.onProgress?.(rows, totalRows);
      await new Promise((r) => setTimeout(r, 0));
      if (opts.isCancelled?.()) throw new DOMException('Load cancelled', 'AbortError');
    }
    return { rows };
  } finally {
    pf.free();
  }
}
