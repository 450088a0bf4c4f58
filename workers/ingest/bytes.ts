/** Byte-level facts about a file's start: compression, encoding, byte-order mark. */

export type TextEncodingName = 'utf-8' | 'windows-1252';

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

/**
 * UTF-8 when the sample decodes as valid UTF-8 (a multi-byte character cut at the sample's end is allowed),
 * otherwise Windows-1252, the superset of Latin-1 that European spreadsheets write.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncodingName {
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

/** Decodes a sample to text in the given encoding (BOM removed). */
export function decodeSample(sample: Uint8Array, encoding: TextEncodingName): string {
  const start = encoding === 'utf-8' ? utf8BomLength(sample) : 0;
  return new TextDecoder(encoding).decode(sample.subarray(start));
}
