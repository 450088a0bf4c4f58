/**
 * Splits a stream of bytes into chunks that end on a record boundary: a newline outside quotes.
 * Quoted fields may hold newlines, so the quote state is carried across the whole stream
 * (`""` inside quotes toggles twice and so keeps the state).
 *
 * A quote that opens and is never closed properly would run the rest of the file (or up to the next quote)
 * into one record. So a record that spans lines must look like a record: its quoted fields close before a
 * separator or a line end, it has the file's number of fields, and it is at most `maxRecordBytes` long. One
 * that does not is a run-on: its first line is handed out alone as a `run-on` piece (one row not used, counted
 * from the line where it starts) and reading starts again on the next line, outside quotes.
 */

export type ChunkPiece =
  /** Whole records, for the CSV reader. */
  | { kind: 'records'; bytes: Uint8Array }
  /** One line on which a quote opens and never closes properly (without its line end). */
  | { kind: 'run-on'; bytes: Uint8Array }
  /** A one-line record longer than the limit starts here: `bytes` of it were seen (it may be longer). */
  | { kind: 'too-long'; bytes: number };

export interface ChunkerOptions {
  /** The quote byte, or null when quote marks are plain text. */
  quote: number | null;
  /** The field separator byte (default comma; only used with a quote). */
  delimiter?: number;
  /** Fields per record (0: not checked). */
  fields?: number;
  /** Bytes per chunk (a chunk is cut at the first record boundary after this many). */
  chunkBytes: number;
  /** Longest record accepted (default: no limit). */
  maxRecordBytes?: number;
}

const NL = 10;
const CR = 13;

export class RecordChunker {
  private pieces: Uint8Array[] = [];
  /** Bytes held (not yet handed out). The offsets below are within these bytes. */
  private pending = 0;
  /** Offset just after the last record boundary seen (0 = none). */
  private boundary = 0;
  /** After a too-long record, nothing more is read. */
  private stopped = false;
  // The record being read.
  private inQuotes = false;
  private fieldStart = true;
  private afterClose = false;
  private fields = 1;
  private recordStart = 0;
  /** Offset just after the first line end inside the current record; -1 while it has one line. */
  private firstLineEnd = -1;
  /** A quoted field closed before something other than a separator or a line end. */
  private broken = false;

  private readonly quote: number | null;
  private readonly delimiter: number;
  private readonly expectedFields: number;
  private readonly chunkBytes: number;
  private readonly maxRecordBytes: number;

  constructor(o: ChunkerOptions) {
    this.quote = o.quote;
    this.delimiter = o.delimiter ?? 44;
    this.expectedFields = o.fields ?? 0;
    this.chunkBytes = o.chunkBytes;
    this.maxRecordBytes = o.maxRecordBytes ?? Number.MAX_SAFE_INTEGER;
  }

  /** Adds bytes; returns the pieces that are now complete (in order). */
  push(bytes: Uint8Array): ChunkPiece[] {
    const out: ChunkPiece[] = [];
    if (this.stopped) return out;
    const base = this.pending;
    this.pieces.push(bytes);
    this.pending += bytes.length;
    this.read(bytes, base, out);
    // A multi-line record that grew past the limit is a run-on; a one-line record that did is refused.
    while (!this.stopped && this.firstLineEnd >= 0 && this.pending - this.recordStart > this.maxRecordBytes) {
      const rest = this.runOn(out);
      if (rest) this.read(rest, 0, out);
    }
    if (!this.stopped && this.firstLineEnd < 0 && this.pending - this.recordStart > this.maxRecordBytes) {
      this.tooLong(this.recordStart, this.pending - this.recordStart, out);
    }
    if (!this.stopped && this.pending >= this.chunkBytes && this.boundary > 0) this.cut(this.boundary, out);
    return out;
  }

  /** The pieces left at the end of the stream (the last record may have no newline). */
  finish(): ChunkPiece[] {
    const out: ChunkPiece[] = [];
    if (this.stopped) return out;
    // A multi-line record still open (or implausible) at the end of the stream is a run-on.
    while (this.firstLineEnd >= 0 && (this.inQuotes || !this.plausible())) {
      const rest = this.runOn(out);
      if (rest) this.read(rest, 0, out);
    }
    if (this.pending > 0) this.cut(this.pending, out);
    return out;
  }

  /** Scans bytes; after each run-on, scans again from the line after the one handed out. */
  private read(bytes: Uint8Array, base: number, out: ChunkPiece[]): void {
    let next: Uint8Array | null = bytes;
    let at = base;
    while (next && !this.stopped) {
      const runOn = this.scan(next, at, out);
      if (!runOn) return;
      next = this.runOn(out);
      at = 0;
    }
  }

  /** Scans bytes held from offset `base`; true when the current record turned out to be a run-on. */
  private scan(bytes: Uint8Array, base: number, out: ChunkPiece[]): boolean {
    const quote = this.quote;
    if (!this.inQuotes && this.firstLineEnd < 0 && (quote === null || bytes.indexOf(quote) < 0)) {
      // No quote in these bytes and the record so far is one line (the common case): the engine's own search
      // finds the last newline, and every line is a record.
      const last = bytes.lastIndexOf(NL);
      if (last >= 0) {
        if (this.checkLines(bytes, base, last, out)) return false;
        this.resetRecord(base + last + 1);
        this.boundary = this.recordStart;
      }
      if (quote !== null) this.countFields(bytes, last + 1);
      return false;
    }
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (this.inQuotes) {
        if (b === quote) {
          this.inQuotes = false;
          this.afterClose = true;
        } else if (b === NL && this.firstLineEnd < 0) {
          this.firstLineEnd = base + i + 1;
        }
        if (this.firstLineEnd >= 0 && base + i - this.recordStart > this.maxRecordBytes) return true;
        continue;
      }
      if (this.afterClose) {
        this.afterClose = false;
        if (b === quote) {
          // `""` inside a quoted field: an escaped quote, still inside.
          this.inQuotes = true;
          continue;
        }
        if (b !== this.delimiter && b !== NL && b !== CR) this.broken = true;
      }
      if (b === NL) {
        if (this.firstLineEnd >= 0 && !this.plausible()) return true;
        if (this.firstLineEnd < 0 && base + i - this.recordStart > this.maxRecordBytes) {
          this.tooLong(this.recordStart, base + i - this.recordStart, out);
          return false;
        }
        this.resetRecord(base + i + 1);
        this.boundary = this.recordStart;
      } else if (b === this.delimiter) {
        this.fields++;
        this.fieldStart = true;
      } else {
        if (b === quote && this.fieldStart) this.inQuotes = true;
        if (b !== CR) this.fieldStart = false;
      }
    }
    return false;
  }

  /** Counts separators from `from` (no quote in bytes): the fields of the record that goes on. */
  private countFields(bytes: Uint8Array, from: number): void {
    for (let i = from; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === this.delimiter) {
        this.fields++;
        this.fieldStart = true;
      } else if (b !== CR) this.fieldStart = false;
    }
  }

  /** Whether the multi-line record just ended is a record: quotes closed cleanly and the right field count. */
  private plausible(): boolean {
    return !this.broken && (this.expectedFields === 0 || this.fields === this.expectedFields);
  }

  /**
   * Hands out the records before the current one, then the current record's first line as a run-on; returns
   * the bytes after that line (now the only ones held), to be scanned again as new records.
   */
  private runOn(out: ChunkPiece[]): Uint8Array | null {
    if (this.recordStart > 0) this.cut(this.recordStart, out);
    const all = concat(this.pieces, this.pending);
    const lineEnd = this.firstLineEnd;
    let end = lineEnd - 1;
    if (end > 0 && all[end - 1] === CR) end--;
    out.push({ kind: 'run-on', bytes: all.slice(0, end) });
    const rest = all.subarray(lineEnd);
    this.pieces = rest.length ? [rest] : [];
    this.pending = rest.length;
    this.boundary = 0;
    this.resetRecord(0);
    return rest.length ? rest : null;
  }

  private resetRecord(at: number): void {
    this.inQuotes = false;
    this.fieldStart = true;
    this.afterClose = false;
    this.fields = 1;
    this.recordStart = at;
    this.firstLineEnd = -1;
    this.broken = false;
  }

  /**
   * Finds a line longer than the limit among bytes (no quote) up to their last newline; true when one is. The
   * line that began in earlier bytes is always checked; the others only when the bytes could hold a long one.
   */
  private checkLines(bytes: Uint8Array, base: number, last: number, out: ChunkPiece[]): boolean {
    let start = this.recordStart - base; // negative when the line began in earlier bytes
    const firstOnly = bytes.length <= this.maxRecordBytes;
    for (let nl = bytes.indexOf(NL); nl >= 0 && nl <= last; nl = firstOnly ? -1 : bytes.indexOf(NL, nl + 1)) {
      if (nl - start > this.maxRecordBytes) {
        this.tooLong(base + start, nl - start, out);
        return true;
      }
      start = nl + 1;
    }
    return false;
  }

  /** Hands out the records before offset `at` (so their rows are counted), then marks a too-long record. */
  private tooLong(at: number, bytes: number, out: ChunkPiece[]): void {
    if (at > 0) this.cut(at, out);
    out.push({ kind: 'too-long', bytes });
    this.stopped = true;
    this.pieces = [];
    this.pending = 0;
  }

  /** Hands out the first `at` bytes held as a records piece; the offsets move down by `at`. */
  private cut(at: number, out: ChunkPiece[]): void {
    const all = concat(this.pieces, this.pending);
    out.push({ kind: 'records', bytes: all.subarray(0, at) });
    const rest = all.subarray(at);
    this.pieces = rest.length ? [rest] : [];
    this.pending = rest.length;
    this.boundary = Math.max(0, this.boundary - at);
    this.recordStart -= at;
    if (this.firstLineEnd >= 0) this.firstLineEnd -= at;
  }
}

/** Concatenates byte arrays of known total length. */
export function concat(pieces: Uint8Array[], total: number): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Index just after the first `records` records that are not blank, and the blank lines among and after them
 * (the preamble and the header), or -1 when the bytes end first; `lines` counts every line passed.
 */
export function leadEnd(bytes: Uint8Array, records: number, quote: number | null): { end: number; lines: number } {
  let at = 0;
  let lines = 0;
  let left = records;
  while (at < bytes.length) {
    const end = firstRecordEnd(bytes.subarray(at), quote);
    if (end < 0) return { end: -1, lines };
    const blank = bytes.subarray(at, at + end).every((b) => b === 10 || b === 13 || b === 32 || b === 9);
    if (!blank && left === 0) break;
    if (!blank) left--;
    at += end;
    lines++;
  }
  return left === 0 ? { end: at, lines } : { end: -1, lines };
}

/** Index just after the first record boundary (end of the header record), or -1. */
export function firstRecordEnd(bytes: Uint8Array, quote: number | null): number {
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === quote) inQuotes = !inQuotes;
    else if (b === 10 && !inQuotes) return i + 1;
  }
  return -1;
}
