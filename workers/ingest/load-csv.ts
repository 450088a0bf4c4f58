import type { Engine } from '../engine';
import { ident, lit } from '../../src/sql/sql-text';
import type { CsvDialect } from './sniff';
import { type TextEncodingName, utf8BomLength, utf16ToUtf8 } from './bytes';
import { RecordChunker, leadEnd, type ChunkPiece } from './records';
import { userError } from '../errors';

/** The longest record read (a longer one refuses the file: no transactions file has such rows). */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** How a delimited text file is to be read: found once from its start, then applied to every chunk. */
export interface CsvPlan {
  gzip: boolean;
  encoding: TextEncodingName;
  dialect: CsvDialect;
}

export interface LoadControl {
  /** Called after each chunk with the file bytes read so far and the rows staged so far. */
  onProgress?: (bytesRead: number, rowsLoaded: number) => void;
  /** Polled between chunks; true stops the load with an AbortError. */
  isCancelled?: () => boolean;
  /** Bytes per chunk handed to DuckDB (default 16 MiB). */
  chunkBytes?: number;
}

/**
 * One chunk of a CSV file as the loader handed it to DuckDB (records only: preamble, header and run-on lines
 * left out, decoded to UTF-8), kept when the file is not staged, to be typed at Analyze.
 */
export interface CsvChunk {
  fileNo: number;
  plan: CsvPlan;
  bytes: Uint8Array;
  /** Rows the CSV reader kept from it (its malformed records are in the rejects table). */
  rows: number;
}

/** The rows of the file kept for the mapping step's sample and preview, when the file is not staged. */
export const SAMPLE_ROWS = 500;

export interface CsvLoadResult {
  rows: number;
  rejected: number;
  /** Lines before the first data row: the preamble (blank lines included) and the header. */
  lead: number;
}

const QUOTE = 34;
const NEWLINE = 10;
/** The reason stored for a line whose quote never closes properly. */
export const UNCLOSED_QUOTE = 'Unclosed quote: the field that opens with a quote on this line does not close before the line ends.';
let chunkSerial = 0;

/**
 * Streams a delimited text file into the staging table `table` (file_no INTEGER, c0 … cN VARCHAR), or, with
 * `keep`, counts its rows, keeps the chunks' bytes there (typed at Analyze by `typeCsvChunks`) and puts only the
 * first SAMPLE_ROWS rows of the data set into `table`:
 * decompresses gzip, decodes UTF-16 and Windows-1252 to UTF-8, cuts the stream on record boundaries and has
 * DuckDB's CSV reader parse each chunk with the dialect fixed (no sniffing per chunk). Records DuckDB cannot
 * split (too many or too few fields, a stray quote) and lines whose quote never closes (found by the chunker)
 * go to `rejectsTable` (file_no, row_no, line, error), one row each, not lost. A record longer than
 * MAX_RECORD_BYTES refuses the file.
 */
export async function loadCsv(
  engine: Engine,
  file: Blob,
  plan: CsvPlan,
  table: string,
  rejectsTable: string,
  fileNo: number,
  control: LoadControl = {},
  keep?: CsvChunk[],
): Promise<CsvLoadResult> {
  const { dialect } = plan;
  const quote = dialect.quote === '"' ? QUOTE : null;
  const delimiterByte = dialect.delimiter === 'whitespace' ? 9 : dialect.delimiter.charCodeAt(0);
  const chunker = new RecordChunker({
    quote, delimiter: delimiterByte, fields: dialect.columns.length,
    chunkBytes: control.chunkBytes ?? 16 * 1024 * 1024, maxRecordBytes: MAX_RECORD_BYTES,
  });
  let bytesRead = 0;
  let stream: ReadableStream<Uint8Array> = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        bytesRead += chunk.byteLength;
        out.enqueue(chunk);
      },
    }),
  );
  if (plan.gzip) stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  if (plan.encoding === 'utf-16le' || plan.encoding === 'utf-16be') stream = stream.pipeThrough(utf16ToUtf8(plan.encoding));
  const reader = stream.getReader();

  const latin = plan.encoding === 'windows-1252' ? new TextDecoder('windows-1252') : null;
  const utf8 = new TextEncoder();
  let first = true;
  // Records to drop before the data: the preamble lines and the header.
  const leadRecords = (dialect.preamble ?? 0) + (dialect.header ? 1 : 0);
  let headerLeft = leadRecords > 0;
  let lead = 0;
  let rows = 0;
  let rejected = 0;
  // Rows of the file before the current chunk (header included), for row numbers in messages.
  let recordsBefore = 0;

  const ingest = (raw: Uint8Array): Uint8Array | null => {
    let bytes = raw;
    if (first) {
      first = false;
      // UTF-16's byte-order mark is dropped by its decoder; UTF-8's here.
      if (plan.encoding === 'utf-8') bytes = bytes.subarray(utf8BomLength(bytes));
    }
    if (headerLeft) {
      const { end, lines } = leadEnd(bytes, leadRecords, quote);
      if (end < 0) return null; // preamble and header only so far
      bytes = bytes.subarray(end);
      headerLeft = false;
      lead = lines;
      recordsBefore = lines;
    }
    if (latin) bytes = utf8.encode(latin.decode(bytes));
    if (dialect.delimiter === 'whitespace') bytes = collapseWhitespace(bytes);
    return bytes.length ? bytes : null;
  };

  const columnList = dialect.columns.map((_, i) => ident('c' + i)).join(', ');
  const insert = (bytes: Uint8Array) => {
    const name = `cartera_chunk_${++chunkSerial}.csv`;
    engine.db.registerFileBuffer(name, bytes);
    try {
      const read = chunkReadSql(name, plan);
      let added: number;
      if (keep) {
        // The sample first (its read's rejects are dropped below: the count's read finds them again).
        const sampled = engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`)!.n;
        if (sampled < SAMPLE_ROWS) {
          engine.exec(`INSERT INTO ${ident(table)} (file_no, ${columnList}) SELECT ${fileNo}, ${columnList} FROM ${read} LIMIT ${SAMPLE_ROWS - sampled}`);
        }
        engine.exec(CLEAR_CHUNK_REJECTS);
        added = insertedCount(engine.table(`SELECT count(*) FROM ${read}`));
        keep.push({ fileNo, plan, bytes, rows: added });
      } else {
        // DuckDB keeps its rejects tables between scans: start each chunk with none, so no row counts twice.
        engine.exec(CLEAR_CHUNK_REJECTS);
        // The INSERT answers with the rows it added (a count of the table before and after cost 0.5 s at 10 M rows).
        added = insertedCount(engine.table(`INSERT INTO ${ident(table)} (file_no, ${columnList}) SELECT ${fileNo}, ${columnList} FROM ${read}`));
      }
      // One record can have several errors (one per extra field): it is one rejected row, with its errors joined.
      const bad = engine.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT DISTINCT line FROM cartera_chunk_rejects)`)!.n;
      if (bad > 0) {
        engine.exec(
          `INSERT INTO ${ident(rejectsTable)}
           SELECT ${fileNo}, ${recordsBefore} + line, trim(any_value(csv_line), chr(10) || chr(13)), string_agg(DISTINCT error_message, '; ')
           FROM cartera_chunk_rejects GROUP BY line ORDER BY line`,
        );
      }
      rows += added;
      rejected += Number(bad);
      recordsBefore += added + Number(bad);
    } finally {
      engine.db.dropFile(name);
    }
  };

  const latinText = plan.encoding === 'windows-1252' ? latin! : new TextDecoder();
  const runOn = (bytes: Uint8Array) => {
    if (headerLeft) {
      // The header itself runs on: it is still record 1, and the data starts on the next line.
      headerLeft = false;
      first = false;
      lead = recordsBefore = 1;
      return;
    }
    engine.exec(`INSERT INTO ${ident(rejectsTable)} VALUES (${fileNo}, ${recordsBefore + 1}, ${lit(latinText.decode(bytes))}, ${lit(UNCLOSED_QUOTE)})`);
    rejected++;
    recordsBefore++;
  };
  const handle = (pieces: ChunkPiece[]) => {
    for (const piece of pieces) {
      if (piece.kind === 'records') {
        const bytes = ingest(piece.bytes);
        if (bytes) insert(bytes);
      } else if (piece.kind === 'run-on') {
        runOn(piece.bytes);
      } else {
        throw userError('record-too-long', { row: recordsBefore + 1, facts: { bytes: piece.bytes, limit: MAX_RECORD_BYTES, ended: false } });
      }
    }
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const pieces = chunker.push(value);
      if (pieces.length === 0) continue;
      handle(pieces);
      control.onProgress?.(bytesRead, rows);
      // Let the worker receive messages (a cancel) between chunks.
      await new Promise((r) => setTimeout(r, 0));
      if (control.isCancelled?.()) throw new DOMException('Load cancelled', 'AbortError');
    }
    handle(chunker.finish());
    control.onProgress?.(bytesRead, rows);
    if (control.isCancelled?.()) throw new DOMException('Load cancelled', 'AbortError');
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { rows, rejected, lead };
}

const CLEAR_CHUNK_REJECTS = `DROP TABLE IF EXISTS cartera_chunk_rejects; DROP TABLE IF EXISTS cartera_chunk_scans;`;

/** The FROM item that reads one registered chunk with the file's dialect fixed, its malformed records to the chunk's rejects. */
function chunkReadSql(name: string, plan: CsvPlan): string {
  const { dialect } = plan;
  const cols = dialect.columns.map((_, i) => `${lit('c' + i)}: 'VARCHAR'`).join(', ');
  const delim = dialect.delimiter === 'whitespace' ? '\t' : dialect.delimiter;
  const quoteOpts = dialect.quote === '"' ? `quote = '"', escape = '"'` : `quote = '', escape = ''`;
  return `read_csv(${lit(name)}, delim = ${lit(delim)}, ${quoteOpts}, header = false, auto_detect = false,
           columns = {${cols}}, null_padding = false, store_rejects = true,
           rejects_table = 'cartera_chunk_rejects', rejects_scan = 'cartera_chunk_scans')`;
}

/** The row count a statement answered with (an INSERT's, or a count's). */
function insertedCount(result: { getChildAt(i: number): { get(i: number): unknown } | null }): number {
  const count: unknown = result.getChildAt(0)?.get(0);
  if (typeof count !== 'bigint' && typeof count !== 'number') throw new Error('DuckDB did not say how many rows the chunk has');
  return Number(count);
}

/**
 * Types kept chunks (every chunk of the data set, in reading order): `typing(source, first)` is the typing
 * statement for a FROM item with file_no, rowid, row_no and c0 … cN (the first chunk creates the table). Rows get
 * rowid from 0 in reading order, as a staging table's rowid would be, and row_no from `files` (each file's first
 * rowid and lines above the data). The reader skips the same malformed records as when the file was read.
 * `onChunk` hears the rows typed so far after each chunk.
 */
export function typeCsvChunks(
  engine: Engine,
  chunks: CsvChunk[],
  files: Map<number, { firstRowid: number; leadRows: number }>,
  typing: (source: string, first: boolean) => string,
  onChunk?: (rowsTyped: number) => void,
): number {
  let rid = 0;
  chunks.forEach((chunk, k) => {
    const file = files.get(chunk.fileNo);
    if (!file) throw new Error(`No file ${chunk.fileNo} for a chunk`);
    // The record number in the file: rows of the file before this one, plus one, plus the lines above the data.
    const rowNo = `rowid - ${file.firstRowid} + 1 + ${file.leadRows}`;
    const name = `cartera_chunk_${++chunkSerial}.csv`;
    engine.db.registerFileBuffer(name, chunk.bytes);
    try {
      engine.exec(CLEAR_CHUNK_REJECTS);
      const numbered = `SELECT CAST(${chunk.fileNo} AS INTEGER) AS file_no, ${rid} + row_number() OVER () - 1 AS rowid, * FROM ${chunkReadSql(name, chunk.plan)}`;
      const source = `(SELECT *, ${rowNo} AS row_no FROM (${numbered}))`;
      const result = engine.table(typing(source, k === 0));
      // CREATE TABLE AS answers with its row count too.
      const added = insertedCount(result);
      if (added !== chunk.rows) throw new Error(`A chunk of the file gave ${added} rows at Analyze and ${chunk.rows} when it was read`);
      rid += added;
    } finally {
      engine.db.dropFile(name);
    }
    onChunk?.(rid);
  });
  return rid;
}

/**
 * Rewrites a fixed-width-looking text (fields separated by runs of spaces, lines that start with spaces)
 * as tab-separated: leading and trailing blanks dropped, each run of spaces or tabs becomes one tab.
 */
export function collapseWhitespace(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  let lineStart = true;
  let pendingGap = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 32 || b === 9) {
      if (!lineStart) pendingGap = true;
    } else if (b === NEWLINE || b === 13) {
      if (b === NEWLINE) {
        out[n++] = NEWLINE;
        lineStart = true;
      }
      pendingGap = false;
    } else {
      if (pendingGap) out[n++] = 9;
      pendingGap = false;
      lineStart = false;
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}
