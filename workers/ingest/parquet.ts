import { parquetMetadataAsync, parquetSchema, parquetScan } from 'hyparquet';
import type { AsyncBuffer, DecodedArray, FileMetaData, ParquetParsers, SchemaElement, SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { makeData, makeVector, Table, tableToIPC, Utf8, type Vector } from 'apache-arrow';
import type { Engine } from '../engine';
import { ident } from '../../src/sql/sql-text';

/**
 * Parquet without DuckDB's parquet extension (an online download in DuckDB-WASM): hyparquet decodes the file in
 * JavaScript, row group by row group and only the requested columns, reading the Blob by slices; every value
 * becomes text and reaches DuckDB as an Arrow table of Utf8 columns (a staging table of VARCHAR columns, typed
 * later in SQL like the CSV path). Runs unchanged in a browser worker (File) and in Node (fs.openAsBlob).
 */

/** The file is not a Parquet file hyparquet can read (bad magic, cut footer, undecodable page…). */
export class ParquetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParquetError';
  }
}

export interface ParquetLoadOptions {
  /** Columns to load, by their name in the file (all columns when omitted); the table keeps file order. */
  columns?: string[];
  /** Called after each row group with the rows loaded so far and the rows of the whole file. */
  onProgress?: (rowsLoaded: number, totalRows: number) => void;
  /** Polled between row groups; true stops the load with an AbortError. */
  isCancelled?: () => boolean;
}

export interface ParquetPreview {
  columns: string[];
  /** Values as text; a null value is shown as an empty string. */
  rows: string[][];
  rowCount: number;
}

/** Column names (top-level fields) from the file's footer. */
export async function parquetColumns(file: Blob): Promise<string[]> {
  const meta = await readMetadata(file);
  return topLevel(meta).map((c) => c.element.name);
}

/** The first `limit` rows as text (null as ''), the column names and the file's row count. */
export async function parquetPreview(file: Blob, limit: number): Promise<ParquetPreview> {
  const meta = await readMetadata(file);
  const all = topLevel(meta);
  const columns = all.map((c) => c.element.name);
  const rowCount = Number(meta.num_rows);
  const want = Math.max(0, Math.min(Math.floor(limit), rowCount));
  const rows: string[][] = [];
  if (want === 0 || columns.length === 0) return { columns, rows, rowCount };
  const scan = await openScan(file, meta, columns);
  const formatters = all.map(formatterFor);
  for (const range of scan.ranges) {
    if (rows.length >= want) break;
    const end = Math.min(range.rowEnd, range.rowStart + want - rows.length);
    const data = await readGroup(file, scan, columns, range.rowStart, end);
    const texts = data.map((d, j) => toText(d, formatters[j], end - range.rowStart));
    for (let i = 0; i < end - range.rowStart; i++) rows.push(texts.map((t) => t[i] ?? ''));
  }
  return { columns, rows, rowCount };
}

/**
 * Loads a Parquet file into `table` (created when missing, appended to otherwise): one VARCHAR column per
 * requested column, in file order, values as text. Row group by row group; between groups it reports progress,
 * yields to the event loop (so a worker receives a cancel message) and stops with an AbortError if cancelled.
 */
export async function loadParquet(
  engine: Engine,
  file: Blob,
  table: string,
  opts: ParquetLoadOptions = {},
): Promise<{ rows: number }> {
  const meta = await readMetadata(file);
  const all = topLevel(meta);
  let chosen = all;
  if (opts.columns) {
    const wanted = new Set(opts.columns);
    const missing = opts.columns.filter((c) => !all.some((a) => a.element.name === c));
    if (missing.length) throw new Error(`Column(s) not in the Parquet file: ${missing.join(', ')}`);
    chosen = all.filter((c) => wanted.has(c.element.name));
  }
  const names = chosen.map((c) => c.element.name);
  if (names.length === 0) throw new ParquetError(parquetFileMessage(file, 'it has no columns'));
  const sqlNames = tableColumnNames(names);
  const totalRows = Number(meta.num_rows);
  const formatters = chosen.map(formatterFor);
  const scan = await openScan(file, meta, names);

  engine.exec(`CREATE TABLE IF NOT EXISTS ${ident(table)} (${sqlNames.map((n) => `${ident(n)} VARCHAR`).join(', ')})`);
  let rows = 0;
  for (const range of scan.ranges) {
    const n = range.rowEnd - range.rowStart;
    const data = await readGroup(file, scan, names, range.rowStart, range.rowEnd);
    const vectors: Record<string, Vector<Utf8>> = {};
    for (let j = 0; j < names.length; j++) vectors['c' + j] = utf8Vector(toText(data[j], formatters[j], n));
    // Serialised with this package's apache-arrow: duckdb-wasm's insertArrowTable runs its own bundled copy of
    // the library, which does not recognise our Table and silently inserts nothing.
    engine.conn.insertArrowFromIPCStream(tableToIPC(new Table(vectors), 'stream'), { name: table, create: false });
    rows += n;
    opts.onProgress?.(rows, totalRows);
    // Let the worker receive messages (a cancel) between row groups.
    await new Promise((r) => setTimeout(r, 0));
    if (opts.isCancelled?.()) throw new DOMException('Load cancelled', 'AbortError');
  }
  return { rows };
}

/**
 * The VARCHAR column names the table gets: the file's names, except that an empty name becomes `column<i>` and a
 * name equal (ignoring case, as DuckDB compares identifiers) to an earlier one gets a `_2`, `_3`… suffix.
 */
export function tableColumnNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const base = raw === '' ? `column${i + 1}` : raw;
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** A hyparquet AsyncBuffer over a Blob: every read is a slice, the file is never read whole. */
function blobBuffer(blob: Blob): AsyncBuffer {
  return {
    byteLength: blob.size,
    slice: (start: number, end?: number) => blob.slice(start, end ?? blob.size).arrayBuffer(),
  };
}

function fileLabel(file: Blob): string {
  const name = (file as Partial<File>).name;
  return name ? `“${name}”` : 'This file';
}

/** The message for a file that is not readable Parquet, naming the file and the reason. */
export function parquetFileMessage(file: Blob, reason: string): string {
  return `${fileLabel(file)} is not a readable Parquet file (${reason}). Re-export it, or save it as CSV.`;
}

/** A reader's error as the reason in `parquetFileMessage` ("Parquet error: …" prefixes dropped). */
export function reasonOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/^parquet\s+(error:\s*)?/i, '').replace(/\.$/, '') || 'unknown error';
}

/** Runs a hyparquet step; anything it throws (other than a cancel) becomes a ParquetError naming the file. */
async function guarded<T>(file: Blob, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof ParquetError || (e instanceof DOMException && e.name === 'AbortError')) throw e;
    throw new ParquetError(parquetFileMessage(file, reasonOf(e)), { cause: e });
  }
}

async function readMetadata(file: Blob): Promise<FileMetaData> {
  return guarded(file, async () => {
    if (file.size < 12) throw new Error(`only ${file.size} bytes long`);
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    if (String.fromCharCode(...head) !== 'PAR1') throw new Error('it does not start with the Parquet mark PAR1');
    const tail = new Uint8Array(await file.slice(file.size - 4).arrayBuffer());
    if (String.fromCharCode(...tail) !== 'PAR1') throw new Error('it does not end with the Parquet mark PAR1: the file is cut short');
    // A small first read of the footer (hyparquet reads the rest if the metadata is longer).
    const meta = await parquetMetadataAsync(blobBuffer(file), { initialFetchSize: 64 * 1024 });
    const rows = Number(meta.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`invalid row count ${meta.num_rows}`);
    if (!meta.schema?.length) throw new Error('no schema in its footer');
    return withRawValues(meta);
  });
}

/** The top-level fields of the schema, in file order. */
function topLevel(meta: FileMetaData): SchemaTree[] {
  return parquetSchema(meta).children;
}

const DECIMAL_SCALE = Symbol('decimalScale');

/**
 * A copy of the metadata whose DECIMAL leaves carry no decimal annotation, so hyparquet hands over the unscaled
 * integers (int32, int64 or bytes) rather than floating-point numbers: they are written exactly here. The scale is
 * kept under a private key. (Dates, timestamps and JSON are kept raw by the parsers below.)
 */
function withRawValues(meta: FileMetaData): FileMetaData {
  // Only top-level columns: a decimal inside a struct or list keeps hyparquet's number (it is written as JSON).
  const topDecimals = new Set(
    topLevel(meta)
      .map((c) => c.element)
      .filter((el) => !el.num_children && (el.converted_type === 'DECIMAL' || el.logical_type?.type === 'DECIMAL')),
  );
  if (topDecimals.size === 0) return meta;
  const schema = meta.schema.map((el): SchemaElement => {
    if (!topDecimals.has(el)) return el;
    const scale = el.logical_type?.type === 'DECIMAL' ? el.logical_type.scale : (el.scale ?? 0);
    const copy: SchemaElement & { [DECIMAL_SCALE]?: number } = { ...el, converted_type: undefined, logical_type: undefined };
    copy[DECIMAL_SCALE] = scale;
    return copy;
  });
  return { ...meta, schema };
}

/** Parsers that keep the raw numbers: the text is made here, in UTC, without Date objects. */
const RAW_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint) => v,
  timestampFromMicroseconds: (v: bigint) => v,
  timestampFromNanoseconds: (v: bigint) => v,
  dateFromDays: (days: number) => days,
  jsonFromBytes: (bytes: Uint8Array) => (bytes === undefined ? undefined : utf8Decoder.decode(bytes)),
};

const utf8Decoder = new TextDecoder();

type Scan = Awaited<ReturnType<typeof parquetScan>>;

async function openScan(file: Blob, metadata: FileMetaData, columns: string[]): Promise<Scan> {
  return guarded(file, () =>
    parquetScan({
      file: blobBuffer(file),
      metadata,
      columns,
      compressors,
      parsers: RAW_PARSERS,
      // Unannotated BYTE_ARRAY comes as bytes (decoded as UTF-8 here), so an unannotated decimal stays bytes.
      utf8: false,
    }),
  );
}

/** Reads rows [start, end) of one row group, the given columns in parallel. */
async function readGroup(file: Blob, scan: Scan, columns: string[], start: number, end: number): Promise<DecodedArray[]> {
  return guarded(file, async () => {
    const data = await Promise.all(columns.map((column) => scan.readColumn({ column, rowStart: start, rowEnd: end })));
    data.forEach((d, j) => {
      if (d.length !== end - start) throw new Error(`column ${columns[j]} has ${d.length} values for ${end - start} rows`);
    });
    return data;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Values to text

type Formatter = (v: unknown) => string;

/** Chooses how a top-level column's values become text, from its schema element. */
function formatterFor(node: SchemaTree): Formatter {
  const el = node.element as SchemaElement & { [DECIMAL_SCALE]?: number };
  if (node.children.length > 0 || el.num_children) return formatNested;
  const scale = el[DECIMAL_SCALE];
  if (scale !== undefined) return (v) => formatDecimal(v as number | bigint | Uint8Array, scale);
  const lt = el.logical_type;
  const ct = el.converted_type;
  if (ct === 'DATE' || lt?.type === 'DATE') return memoized((v) => formatDate(v as number));
  if (lt?.type === 'TIMESTAMP') return timestampFormatter(lt.unit);
  if (ct === 'TIMESTAMP_MILLIS') return timestampFormatter('MILLIS');
  if (ct === 'TIMESTAMP_MICROS') return timestampFormatter('MICROS');
  if (!ct && !lt && el.type === 'INT96') return timestampFormatter('NANOS');
  if (lt?.type === 'TIME') return timeFormatter(lt.unit);
  if (ct === 'TIME_MILLIS') return timeFormatter('MILLIS');
  if (ct === 'TIME_MICROS') return timeFormatter('MICROS');
  if (el.type === 'FLOAT' && lt?.type !== 'FLOAT16') return (v) => formatFloat(v as number, true);
  if (el.type === 'FLOAT' || el.type === 'DOUBLE' || lt?.type === 'FLOAT16') return (v) => formatFloat(v as number);
  return formatScalar;
}

/**
 * Caches a formatter's text by value (dates repeat a lot: a year of transactions has 365 distinct days); the
 * cache stops growing at 65,536 entries.
 */
function memoized(format: Formatter): Formatter {
  const cache = new Map<unknown, string>();
  return (v) => {
    let s = cache.get(v);
    if (s === undefined) {
      s = format(v);
      if (cache.size < 65_536) cache.set(v, s);
    }
    return s;
  };
}

function formatScalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Uint8Array) return utf8Decoder.decode(v);
  return formatNested(v);
}

/** Lists, structs, maps and geometries as JSON (bigints as numbers, bytes as text). */
function formatNested(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? Number(x) : x.toString();
    if (x instanceof Uint8Array) return utf8Decoder.decode(x);
    if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
    return x;
  });
}

/** Converts one decoded column to text; null and undefined (missing values) stay null. */
function toText(data: DecodedArray, format: Formatter, n: number): (string | null)[] {
  const out = new Array<string | null>(n);
  if (format === formatScalar && ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    // Typed arrays (integers of a REQUIRED column): no nulls.
    const arr = data as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < n; i++) out[i] = String(arr[i]);
    return out;
  }
  const arr = data as ArrayLike<unknown>;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    out[i] = v === null || v === undefined ? null : format(v);
  }
  return out;
}

/**
 * A float as the shortest decimal text that reads back as the same number, never in exponent notation for
 * 1e-6 ≤ |x| < 1e21 (JavaScript's own rule; beyond that range the exponent form, e.g. 1e+21, 1e-7, which
 * DuckDB also reads). `single` gives the shortest text for a 32-bit float (0.1, not 0.10000000149011612).
 */
export function formatFloat(x: number, single = false): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (single) {
    for (let p = 1; p <= 9; p++) {
      const y = Number(x.toPrecision(p));
      if (Math.fround(y) === x) return plainNumber(y);
    }
  }
  return plainNumber(x);
}

/** String(x) without an exponent when 1e-6 ≤ |x| < 1e21. */
function plainNumber(x: number): string {
  const s = String(x);
  const abs = Math.abs(x);
  if (!s.includes('e') || abs < 1e-6 || abs >= 1e21) return s;
  // Not reached with JavaScript's Number.prototype.toString, kept as a safeguard for the documented range.
  const [mant, expText] = s.split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const [intPart, frac = ''] = (neg ? mant.slice(1) : mant).split('.');
  const digits = intPart + frac;
  const point = intPart.length + exp;
  let body: string;
  if (point <= 0) body = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) body = digits + '0'.repeat(point - digits.length);
  else body = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + body;
}

/** An unscaled decimal integer (int32, int64 or big-endian two's-complement bytes) as exact text. */
export function formatDecimal(unscaled: number | bigint | Uint8Array, scale: number): string {
  let v: bigint | number = unscaled instanceof Uint8Array ? bigFromBytes(unscaled) : unscaled;
  // Safe integers take the (much faster) number path; the text is the same.
  if (typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE) v = Number(v);
  const neg = v < 0;
  if (typeof v === 'number' && scale > 0 && scale <= 15) {
    const abs = neg ? -v : v;
    const p = POW10[scale];
    let q = Math.floor(abs / p);
    let r = abs - q * p;
    if (r < 0) {
      q--;
      r += p;
    } else if (r >= p) {
      q++;
      r -= p;
    }
    let frac = String(r);
    if (frac.length < scale) frac = '0'.repeat(scale - frac.length) + frac;
    return (neg ? '-' : '') + q + '.' + frac;
  }
  let digits = typeof v === 'number' ? String(neg ? -v : v) : (neg ? -v : v).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  } else if (scale < 0 && digits !== '0') {
    digits += '0'.repeat(-scale);
  }
  return neg ? '-' + digits : digits;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

function bigFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (bytes[0] & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return v;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** Days since 1970-01-01 as YYYY-MM-DD (proleptic Gregorian; years beyond 0000–9999 signed/widened). */
export function formatDate(days: number): string {
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : y < 0 ? '-' + String(-y).padStart(4, '0') : String(y);
  return `${year}-${pad2(m)}-${pad2(d)}`;
}

const UNIT_PER_SECOND = { MILLIS: 1000n, MICROS: 1_000_000n, NANOS: 1_000_000_000n } as const;
const UNIT_DIGITS = { MILLIS: 3, MICROS: 6, NANOS: 9 } as const;

/** Splits a count of units since the epoch (or since midnight) into whole seconds and the fraction's digits. */
function splitSeconds(v: number | bigint, unit: keyof typeof UNIT_PER_SECOND): { seconds: number; fraction: string } {
  let rem: number;
  let seconds: number;
  if (typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE) v = Number(v);
  if (typeof v === 'number') {
    const per = Number(UNIT_PER_SECOND[unit]);
    seconds = Math.floor(v / per);
    rem = v - seconds * per;
  } else {
    const per = UNIT_PER_SECOND[unit];
    let sec = v / per;
    let r = v % per;
    if (r < 0n) {
      r += per;
      sec -= 1n;
    }
    seconds = Number(sec);
    rem = Number(r);
  }
  const fraction = rem === 0 ? '' : '.' + String(rem).padStart(UNIT_DIGITS[unit], '0').replace(/0+$/, '');
  return { seconds, fraction };
}

function clock(secondsOfDay: number): string {
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  return `${pad2(h)}:${pad2(m)}:${pad2(secondsOfDay % 60)}`;
}

/** YYYY-MM-DD HH:MM:SS in UTC, with the fraction of a second only when it is not zero. */
function timestampFormatter(unit: keyof typeof UNIT_PER_SECOND): Formatter {
  return (v) => {
    const { seconds, fraction } = splitSeconds(v as number | bigint, unit);
    const days = Math.floor(seconds / 86400);
    return `${formatDate(days)} ${clock(seconds - days * 86400)}${fraction}`;
  };
}

function timeFormatter(unit: keyof typeof UNIT_PER_SECOND): Formatter {
  return (v) => {
    const { seconds, fraction } = splitSeconds(v as number | bigint, unit);
    return clock(((seconds % 86400) + 86400) % 86400) + fraction;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Text to Arrow

const utf8Encoder = new TextEncoder();

/**
 * A Utf8 Arrow vector built directly from its buffers (offsets, bytes, validity): all strings are joined and
 * encoded once; when the text is ASCII, byte offsets are the character offsets, otherwise each string is encoded
 * into a growing buffer.
 */
export function utf8Vector(values: (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let nullCount = 0;
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s === null) nullCount++;
    else chars += s.length;
    offsets[i + 1] = chars;
  }
  let bitmap: Uint8Array | undefined;
  if (nullCount > 0) {
    bitmap = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (values[i] !== null) bitmap[i >> 3] |= 1 << (i & 7);
  }
  const joined = nullCount > 0 ? values.filter((s) => s !== null).join('') : values.join('');
  let data = utf8Encoder.encode(joined);
  if (data.length !== chars) {
    // Non-ASCII text: encode string by string.
    data = new Uint8Array(Math.max(16, data.length));
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const s = values[i];
      if (s !== null && s.length > 0) {
        let r = utf8Encoder.encodeInto(s, data.subarray(pos));
        while (r.read! < s.length) {
          const bigger = new Uint8Array(data.length * 2 + s.length * 3);
          bigger.set(data.subarray(0, pos));
          data = bigger;
          r = utf8Encoder.encodeInto(s, data.subarray(pos));
        }
        pos += r.written!;
      }
      offsets[i + 1] = pos;
    }
    data = data.subarray(0, pos);
  }
  if (data.length > 0x7fffffff) throw new Error('Row group text exceeds 2 GiB');
  return makeVector(
    makeData({ type: new Utf8(), length: n, nullCount, nullBitmap: bitmap, valueOffsets: offsets, data }),
  );
}
