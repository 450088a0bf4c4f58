import { describe, expect, it } from 'vitest';
import { RecordChunker, firstRecordEnd, type ChunkPiece, type ChunkerOptions } from '../../workers/ingest/records';
import { collapseWhitespace } from '../../workers/ingest/load-csv';
import { detectEncoding, isGzip, isParquet, utf8BomLength } from '../../workers/ingest/bytes';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Feeds text in pieces of `piece` bytes and returns the chunks as text. */
function chunk(text: string, piece: number, chunkBytes: number, quote: number | null = 34): string[] {
  return pieces(text, piece, { quote, chunkBytes }).map((p) => {
    if (p.kind !== 'records') throw new Error(`unexpected ${p.kind}`);
    return dec(p.bytes);
  });
}

/** Feeds text in pieces of `piece` bytes and returns every piece the chunker hands out. */
function pieces(text: string, piece: number, options: ChunkerOptions): ChunkPiece[] {
  const c = new RecordChunker(options);
  const bytes = enc(text);
  const out: ChunkPiece[] = [];
  for (let i = 0; i < bytes.length; i += piece) out.push(...c.push(bytes.subarray(i, i + piece)));
  out.push(...c.finish());
  return out;
}

describe('RecordChunker cuts only on newlines outside quotes', () => {
  it.each([
    // text, piece size, chunk size, expected chunks
    ['a,1\nb,2\nc,3\n', 4, 4, ['a,1\n', 'b,2\n', 'c,3\n']],
    ['a,1\nb,2\nc,3\n', 100, 4, ['a,1\nb,2\nc,3\n']],
    ['a,"x\ny"\nb,2\n', 3, 3, ['a,"x\ny"\n', 'b,2\n']],
    ['a,"say ""hi""\n"\nb,2', 5, 1, ['a,"say ""hi""\n"\n', 'b,2']],
    ['a,1\r\nb,2\r\n', 2, 2, ['a,1\r\n', 'b,2\r\n']],
    // Pieces with no quote inside a quoted field (newlines there do not cut), then quote-free pieces that do.
    ['a,"x\n\n\n\ny"\nb,2\nc,3\n', 2, 1, ['a,"x\n\n\n\ny"\n', 'b,2\n', 'c,3\n']],
    ['a,1\nb,2\nc,"3\n4"\nd,5\n', 3, 1, ['a,1\n', 'b,2\n', 'c,"3\n4"\n', 'd,5\n']],
  ])('%j in pieces of %i, chunks of %i', (text, piece, size, expected) => {
    expect(chunk(text, piece, size)).toEqual(expected);
  });

  it('without a quote character, a quote does not hide a newline', () => {
    expect(chunk('a 12"\nb 3\n', 2, 2, null)).toEqual(['a 12"\n', 'b 3\n']);
  });

  it('joined chunks give back the input exactly', () => {
    const text = Array.from({ length: 500 }, (_, i) => `c${i},"line ${i}\nsecond ""part""",${i * 1.5}`).join('\r\n');
    expect(chunk(text, 37, 256).join('')).toBe(text);
  });

  it('finds the end of the header record', () => {
    expect(firstRecordEnd(enc('"a\nb",c\nx,y\n'), 34)).toBe(8);
    expect(firstRecordEnd(enc('no newline'), 34)).toBe(-1);
  });
});

describe('RecordChunker: run-on quotes and records too long', () => {
  const show = (ps: ChunkPiece[]) => ps.map((p) => (p.kind === 'too-long' ? `too-long ${p.bytes}` : `${p.kind} ${dec(p.bytes)}`));
  const opts = { quote: 34, delimiter: 44, fields: 3, chunkBytes: 1 << 20 };

  it.each([1, 2, 5, 1000])('an unclosed quote runs on to the end: its line alone is a run-on, the rest are records (pieces of %i)', (piece) => {
    // Line 3 opens a quote that never closes: lines 4 and 5 are records of their own.
    const text = 'h1,h2,h3\na,b,1\nb,"q,2\nc,r,3\nd,e,5\n';
    const out = show(pieces(text, piece, opts));
    expect(out.filter((p) => p.startsWith('run-on'))).toEqual(['run-on b,"q,2']);
    expect(out.filter((p) => p.startsWith('records')).map((p) => p.slice(8)).join('')).toBe('h1,h2,h3\na,b,1\nc,r,3\nd,e,5\n');
    expect(out.indexOf('run-on b,"q,2')).toBeGreaterThan(0);
  });

  it('an unclosed quote closed by a later quote: the quote line is a run-on, and reading resumes on the next line', () => {
    const text = 'a,b,1\r\nb,"q,2\r\nc,r,3\r\nd,"e",5\r\ne,f,6\r\n';
    const out = show(pieces(text, 3, opts));
    expect(out).toEqual(['records a,b,1\r\n', 'run-on b,"q,2', 'records c,r,3\r\nd,"e",5\r\ne,f,6\r\n']);
  });

  it('a quoted field over two lines with the right field count is one record', () => {
    const text = 'a,"two\nlines",1\nb,"say ""hi""",2\n';
    expect(show(pieces(text, 4, opts))).toEqual([`records ${text}`]);
  });

  it('a quoted field over two lines with too many fields is a run-on of its first line', () => {
    expect(show(pieces('a,"x\ny",1,2\nb,c,3\n', 4, opts))).toEqual(['run-on a,"x', 'records y",1,2\nb,c,3\n']);
  });

  it('a multi-line quoted field longer than the limit is a run-on', () => {
    const text = 'a,"' + 'x\n'.repeat(40) + 'b,c,1\n';
    const out = pieces(text, 7, { ...opts, maxRecordBytes: 30 });
    expect(out[0]).toEqual({ kind: 'run-on', bytes: enc('a,"x') });
    expect(out.filter((p) => p.kind === 'run-on').length).toBe(1);
    expect(dec((out.at(-1) as { bytes: Uint8Array }).bytes).endsWith('b,c,1\n')).toBe(true);
  });

  it.each([3, 64, 1000])('a line longer than the limit stops the chunker after handing out the records before it (pieces of %i)', (piece) => {
    const text = 'a,b,1\nc,d,2\n' + 'z'.repeat(200) + '\ne,f,3\n';
    const out = pieces(text, piece, { ...opts, maxRecordBytes: 100 });
    expect(out.filter((p) => p.kind === 'records').map((p) => dec((p as { bytes: Uint8Array }).bytes)).join('')).toBe('a,b,1\nc,d,2\n');
    expect(out.at(-1)?.kind).toBe('too-long');
    expect((out.at(-1) as { bytes: number }).bytes).toBeGreaterThan(100);
  });

  it.each([
    [100, 'z'.repeat(110)],
    [100, '"' + 'z'.repeat(108) + '"'],
    [7, 'z'.repeat(110)],
  ])('a long line that ends inside the piece that passes the limit is still too long (pieces of %i)', (piece, long) => {
    const text = 'a,b,1\nc,d,2\n' + long + '\ne,f,3\n';
    const out = pieces(text, piece, { ...opts, maxRecordBytes: 100 });
    expect(out.filter((p) => p.kind === 'records').map((p) => dec((p as { bytes: Uint8Array }).bytes)).join('')).toBe('a,b,1\nc,d,2\n');
    expect(out.at(-1)?.kind).toBe('too-long');
  });

  it('a file that never ends its one line is too long, not held in memory', () => {
    const c = new RecordChunker({ ...opts, maxRecordBytes: 1000 });
    const block = enc('x'.repeat(600));
    expect(c.push(block)).toEqual([]);
    expect(c.push(block)).toEqual([{ kind: 'too-long', bytes: 1200 }]);
    expect(c.push(block)).toEqual([]);
    expect(c.finish()).toEqual([]);
  });
});

describe('collapseWhitespace turns a fixed-width export into tab-separated text', () => {
  it.each([
    [' 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n', '00001\t19970101\t1\t11.77\n00002\t19970112\t1\t12.00\n'],
    ['a  b\t\tc   \nd e\n', 'a\tb\tc\nd\te\n'],
    ['  \n x \n', '\nx\n'],
  ])('%j', (input, expected) => {
    expect(dec(collapseWhitespace(enc(input)))).toBe(expected);
  });
});

describe('byte-level facts', () => {
  it('detects gzip, Parquet and the UTF-8 BOM', () => {
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(enc('id,date'))).toBe(false);
    expect(isParquet(enc('PAR1xxxx'))).toBe(true);
    expect(utf8BomLength(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe(3);
    expect(utf8BomLength(enc('a'))).toBe(0);
  });

  it.each([
    ['plain ASCII', enc('a,b\n1,2\n'), true, 'utf-8'],
    ['UTF-8 é', enc('café;1\n'), true, 'utf-8'],
    ['Windows-1252 é (0xE9)', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x3b, 0x31]), true, 'windows-1252'],
    ['UTF-8 cut inside a character at the sample end', enc('abc é').subarray(0, 5), false, 'utf-8'],
    ['Windows-1252 € (0x80)', new Uint8Array([0x80, 0x20, 0x31, 0x32]), true, 'windows-1252'],
  ])('%s → %s', (_name, bytes, complete, expected) => {
    expect(detectEncoding(bytes as Uint8Array, complete as boolean)).toBe(expected);
  });
});
