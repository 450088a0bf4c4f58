/** Byte-level facts about a file's start: compression, encoding, byte-order mark. */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Length of a UTF-8 byte-order mark at the start (0 or 3). */
export function utf8BomLength(head: Uint8Array): number {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/** True when the bytes look like a Parquet file (magic "PAR1"). */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/** The encoding a byte-order mark names, and the mark's length; null without one. */
export function bomEncoding(head: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (utf8BomLength(head)) return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: text that is mostly ASCII has a zero in every
 * other byte (the high byte of each code unit), at odd offsets in little-endian, even ones in big-endian.
 */
function utf16ByZeros(sample: Uint8Array): TextEncodingName | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= 0.6 * pairs && evenZeros <= 0.05 * pairs) return 'utf-16le';
  if (evenZeros >= 0.6 * pairs && oddZeros <= 0.05 * pairs) return 'utf-16be';
  return null;
}

/**
 * The text encoding of a sample: the one its byte-order mark names; UTF-16 when every other byte is zero;
 * UTF-8 when the sample decodes as valid UTF-8 (a multi-byte character cut at the sample's end is allowed);
 * otherwise Windows-1252, the superset of Latin-1 that European spreadsheets write.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncodingName {
  const bom = bomEncoding(sample);
  if (bom) return bom.encoding;
  const wide = utf16ByZeros(sample);
  if (wide) return wide;
  let end = sample.length;
  if (!complete) {
    // Step back over a trailing, possibly cut, multi-byte sequence.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1] & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && sample[end - back - 1] >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Decodes a sample to text in the given encoding (byte-order mark removed; a cut last character dropped). */
export function decodeSample(sample: Uint8Array, encoding: TextEncodingName): string {
  const bom = bomEncoding(sample);
  const start = bom && bom.encoding === encoding ? bom.length : 0;
  const text = new TextDecoder(encoding).decode(sample.subarray(start), { stream: true });
  return text;
}

/**
 * A stream transform from UTF-16 (little- or big-endian, byte-order mark dropped) to UTF-8, chunk by chunk: a
 * character cut between two chunks is joined by the decoder's stream mode.
 */
export function utf16ToUtf8(encoding: 'utf-16le' | 'utf-16be'): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) out.enqueue(encoder.encode(text));
    },
    flush(out) {
      const text = decoder.decode();
      if (text) out.enqueue(encoder.encode(text));
    },
  });
}
