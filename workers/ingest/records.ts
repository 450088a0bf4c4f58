/**
 * Splits a stream of bytes into chunks that end on a record boundary: a newline outside quotes.
 * Quoted fields may hold newlines, so the quote state is carried across the whole stream
 * (`""` inside quotes toggles twice and so keeps the state).
 */
export class RecordChunker {
  private pieces: Uint8Array[] = [];
  private pending = 0;
  private inQuotes = false;
  /** Offset, within the pending bytes, just after the last record boundary seen (0 = none). */
  private boundary = 0;

  constructor(
    private readonly quote: number | null,
    private readonly chunkBytes: number,
  ) {}

  /** Adds bytes; returns the chunks that are now complete. */
  push(bytes: Uint8Array): Uint8Array[] {
    const quote = this.quote;
    let inQuotes = this.inQuotes;
    let lastNewline = -1;
    if (!inQuotes && (quote === null || bytes.indexOf(quote) < 0)) {
      // No quote in these bytes (the common case): the engine's own search finds the last newline.
      lastNewline = bytes.lastIndexOf(10);
    } else {
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === quote) inQuotes = !inQuotes;
        else if (b === 10 && !inQuotes) lastNewline = i;
      }
    }
    this.inQuotes = inQuotes;
    if (lastNewline >= 0) this.boundary = this.pending + lastNewline + 1;
    this.pieces.push(bytes);
    this.pending += bytes.length;
    if (this.pending < this.chunkBytes || this.boundary === 0) return [];
    const all = concat(this.pieces, this.pending);
    const chunk = all.subarray(0, this.boundary);
    const rest = all.subarray(this.boundary);
    this.pieces = rest.length ? [rest] : [];
    this.pending = rest.length;
    this.boundary = 0;
    return [chunk];
  }

  /** The bytes left at the end of the stream (the last record, maybe without a newline). */
  finish(): Uint8Array | null {
    if (this.pending === 0) return null;
    const all = concat(this.pieces, this.pending);
    this.pieces = [];
    this.pending = 0;
    return all;
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
