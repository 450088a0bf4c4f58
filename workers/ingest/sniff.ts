/**
 * The dialect of a delimited text file, found from the decoded text of its start: the delimiter (or runs of
 * spaces), whether fields are quoted, whether the first row is a header, and the column names.
 */
import { looksLikeDate } from '../../src/domain/dates';
import { looksLikeNumber } from '../../src/domain/numbers';
import { roleOfHeader } from '../../src/domain/detect-columns';

/** A field separator, or `whitespace` for fields separated by runs of spaces (fixed-width looking files). */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/** How to split a text file into rows and fields, and the names of its columns. */
export interface CsvDialect {
  delimiter: Delimiter;
  /** `"` when fields may be quoted (`""` inside is a quote); null when quote marks are plain text. */
  quote: '"' | null;
  /** The first row holds column names. */
  header: boolean;
  /** Column names: the header's (trimmed, made unique, empty ones named) or column1 … columnN. */
  columns: string[];
  /** Lines above the header (or the first row) that are not part of the table: a title, an export date. */
  preamble: number;
}

/** Why a text cannot be read as a table; the user error code of the same name says it to the user. */
export type SniffCode = 'empty-file' | 'header-only' | 'binary-file' | 'no-separator' | 'inconsistent-separator' | 'too-many-columns';

/** What sniffing found, for the sentence that refuses the file. */
export interface SniffFacts {
  /** Columns found in the first record. */
  columns?: number;
  /** The most consistent separator, the usual number of fields with it, and the share of rows that have it. */
  delimiter?: string;
  fields?: number;
  share?: number;
  /** Rows looked at. */
  sampled?: number;
  limit?: number;
}

/** A text that cannot be read as a delimited file: empty, header only, binary, no separator, too wide. */
export class SniffError extends Error {
  constructor(
    message: string,
    readonly code: SniffCode,
    readonly facts: SniffFacts = {},
  ) {
    super(message);
    this.name = 'SniffError';
  }
}

/** More columns than this are refused: no transactions file has them, and each costs memory and time. */
export const MAX_COLUMNS = 2000;

const CANDIDATES: Exclude<Delimiter, 'whitespace'>[] = [',', ';', '\t', '|'];
/** Rows looked at to choose the delimiter and the header. */
const SAMPLE_ROWS = 200;
/** Share of rows that must have the usual number of fields for a delimiter to count as consistent. */
const CONSISTENT = 0.8;
/** Lines above the table that may be skipped as a preamble. */
const MAX_PREAMBLE = 10;
/** Below this share of rows with the usual number of fields, no separator is taken to split the file. */
const MAJORITY = 0.5;
/** Share of control characters above which a text is taken for binary data. */
const CONTROL_SHARE = 0.05;

interface Parsed {
  records: string[][];
  /** Fields that opened with a quote mark. */
  quotedFields: number;
  /** Quote marks inside unquoted fields (`12" pizza`). */
  strayQuotes: number;
}

/**
 * Splits text into records of fields. With `quote`, a field that starts with `"` runs to the closing quote
 * (delimiters and newlines inside are data, `""` is a quote). Blank lines are skipped. When the text is not
 * complete, a last record not ended by a newline is dropped (it may be cut), unless it is the only one.
 */
function parseDelimited(text: string, delimiter: string, quote: boolean, maxRecords: number, complete: boolean): Parsed {
  const records: string[][] = [];
  let quotedFields = 0;
  let strayQuotes = 0;
  let record: string[] = [];
  let field = '';
  let fieldStart = true;
  let inQuotes = false;
  let pending = false;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0].trim() === '')) records.push(record);
    record = [];
    field = '';
    fieldStart = true;
    pending = false;
  };
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
      continue;
    }
    if (c === delimiter) {
      record.push(field);
      field = '';
      fieldStart = true;
      pending = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else if (c === '"' && quote && fieldStart) {
      inQuotes = true;
      quotedFields++;
      fieldStart = false;
      pending = true;
    } else {
      if (c === '"' && quote) strayQuotes++;
      field += c;
      fieldStart = false;
      pending = true;
    }
  }
  if (pending && records.length < maxRecords && (complete || records.length === 0)) endRecord();
  return { records, quotedFields, strayQuotes };
}

/** Splits text into lines of fields separated by runs of spaces or tabs (leading and trailing ones ignored). */
function parseWhitespace(text: string, maxRecords: number, complete: boolean): string[][] {
  const lines = text.split(/\r\n|\n|\r/);
  // The last piece is cut (or empty) unless the text is complete.
  if (!complete && lines.length > 1) lines.pop();
  const records: string[][] = [];
  for (const line of lines) {
    if (records.length >= maxRecords) break;
    const t = line.trim();
    if (t !== '') records.push(t.split(/[ \t]+/));
  }
  return records;
}

/** The usual number of fields per record (the larger on a tie) and the share of records that have it. */
function fieldCounts(records: string[][]): { mode: number; share: number; firstMatches: boolean } {
  if (records.length === 0) return { mode: 0, share: 0, firstMatches: false };
  const tally = new Map<number, number>();
  for (const r of records) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [count, n] of tally) {
    if (n > best || (n === best && count > mode)) [mode, best] = [count, n];
  }
  return { mode, share: best / records.length, firstMatches: records[0].length === mode };
}

/** Throws when the text holds NUL characters or many other control characters. */
function assertText(text: string): void {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw new SniffError('The file does not look like a text (CSV) file: it contains NUL bytes.', 'binary-file');
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) {
      control++;
    }
  }
  if (control / text.length > CONTROL_SHARE) {
    throw new SniffError('The file does not look like a text (CSV) file: too many control characters.', 'binary-file');
  }
}

/** True for a value that reads as a number or a date. */
function typed(value: string): boolean {
  const v = value.trim();
  return v !== '' && (looksLikeNumber(v) || looksLikeDate(v));
}

/**
 * Whether the first record is a header: its fields are words where the values below are numbers or dates,
 * or they are known column names; a first record of numbers and dates like the rest is data.
 */
function hasHeader(records: string[][]): boolean {
  const [first, ...rest] = records;
  const below = rest.slice(0, 50);
  let headerLike = 0;
  let dataLike = 0;
  first.forEach((name, j) => {
    const values = below.map((r) => r[j] ?? '').filter((v) => v.trim() !== '');
    if (values.length === 0 || values.filter(typed).length / values.length <= 0.5) return;
    if (typed(name)) dataLike++;
    else if (name.trim() !== '') headerLike++;
  });
  const known = first.some((name) => !typed(name) && roleOfHeader(name.trim()) !== null);
  const score = headerLike - dataLike + (known ? 1 : 0);
  if (score !== 0) return score > 0;
  return known || !first.some(typed);
}

/** Header names trimmed and made unique (`amount`, `amount_2`); empty ones become `column<position>`. */
function uniqueNames(names: string[]): string[] {
  const trimmed = names.map((n) => n.trim());
  const reserved = new Set(trimmed.filter((n) => n !== '').map((n) => n.toLowerCase()));
  const used = new Set<string>();
  return trimmed.map((name, i) => {
    const base = name === '' ? `column${i + 1}` : name;
    let candidate = base;
    for (let k = 2; used.has(candidate.toLowerCase()) || (candidate !== name && reserved.has(candidate.toLowerCase())); k++) {
      candidate = `${base}_${k}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The text without a leading byte-order mark. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Finds the dialect of a delimited text from its start. `complete` says the sample is the whole file; when
 * it is not, a last line not ended by a newline is ignored (it may be cut). Throws SniffError for an empty
 * text, a header without data rows, or text that looks binary.
 */
export function sniffCsv(sample: string, complete = true): CsvDialect {
  const text = stripBom(sample);
  if (text.trim() === '') throw new SniffError('The file is empty: it holds no text.', 'empty-file');
  assertText(text);

  let best: { delimiter: Exclude<Delimiter, 'whitespace'>; parsed: Parsed; mode: number; share: number; firstMatches: boolean } | null = null;
  const rank = (c: { mode: number; share: number; firstMatches: boolean }) =>
    [c.mode > 1 && c.share >= CONSISTENT ? 1 : 0, c.mode > 1 ? 1 : 0, c.firstMatches ? 1 : 0, c.share, c.mode];
  const better = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return false;
  };
  for (const delimiter of CANDIDATES) {
    const parsed = parseDelimited(text, delimiter, true, SAMPLE_ROWS, complete);
    const counts = fieldCounts(parsed.records);
    const candidate = { delimiter, parsed, ...counts };
    if (!best || better(rank(candidate), rank(best))) best = candidate;
  }
  const chosen = best!;

  let delimiter: Delimiter = chosen.delimiter;
  let records = chosen.parsed.records;
  let mode = chosen.mode;
  let quote: '"' | null = chosen.parsed.strayQuotes > 0 && chosen.parsed.quotedFields === 0 ? null : '"';
  if (!(chosen.mode > 1 && chosen.share >= CONSISTENT)) {
    const words = parseWhitespace(text, SAMPLE_ROWS, complete);
    const counts = fieldCounts(words);
    if (counts.mode > 1 && counts.share >= CONSISTENT) {
      delimiter = 'whitespace';
      records = words;
      mode = counts.mode;
      quote = null;
    }
  }
  if (quote === null && delimiter !== 'whitespace') records = parseDelimited(text, delimiter, false, SAMPLE_ROWS, complete).records;
  if (records.length === 0) throw new SniffError('The file is empty: it holds no rows.', 'empty-file');

  // A preamble: a few lines of at most one field (a report title, an export date) above a table whose rows have
  // the usual number of fields. Only one-line records count (a quoted field over lines is never a preamble).
  let preamble = 0;
  if (mode > 1 && delimiter !== 'whitespace') {
    const titleLike = (r: string[]) => r.filter((f) => f.trim() !== '').length <= 1 && !r.some((f) => /[\r\n]/.test(f));
    while (preamble < MAX_PREAMBLE && preamble < records.length - 1 && titleLike(records[preamble])) preamble++;
    const rest = records.slice(preamble);
    if (preamble > 0 && rest.filter((r) => r.length === mode).length / rest.length < CONSISTENT) preamble = 0;
    records = records.slice(preamble);
  }

  const widest = Math.max(mode, records[0].length);
  if (widest > MAX_COLUMNS) {
    throw new SniffError(`The file has ${widest} columns; at most ${MAX_COLUMNS} are read.`, 'too-many-columns', { columns: widest, limit: MAX_COLUMNS });
  }
  const header = hasHeader(records);
  if (header && records.length === 1) throw new SniffError('The file has a header but no data rows.', 'header-only');
  if (delimiter !== 'whitespace' && records.length > 1) {
    const found = { delimiter, fields: mode, share: chosen.share, sampled: records.length };
    if (mode <= 1) throw new SniffError('No separator (comma, semicolon, tab, bar or spaces) splits the rows into fields.', 'no-separator', found);
    if (chosen.share < MAJORITY) {
      throw new SniffError(
        `No separator splits the rows consistently: "${delimiter}" gives ${mode} fields in ${Math.round(chosen.share * 100)} % of the first ${records.length} rows.`,
        'inconsistent-separator', found,
      );
    }
  }
  let columns: string[];
  if (header) {
    const names = [...records[0]];
    for (let i = names.length; i < mode; i++) names.push('');
    columns = uniqueNames(names);
  } else {
    columns = Array.from({ length: Math.max(mode, 1) }, (_, i) => `column${i + 1}`);
  }
  return { delimiter, quote, header, columns, preamble };
}

/**
 * Splits the data rows of a sample (header skipped when the dialect has one) into fields, at most `limit`
 * rows, for previews. Quote-aware for delimited text; runs of spaces for the whitespace dialect.
 */
export function parseRows(sample: string, dialect: CsvDialect, limit: number, complete = true): string[][] {
  const text = stripBom(sample);
  const max = limit + (dialect.preamble ?? 0) + (dialect.header ? 1 : 0);
  const records =
    dialect.delimiter === 'whitespace'
      ? parseWhitespace(text, max, complete)
      : parseDelimited(text, dialect.delimiter, dialect.quote !== null, max, complete).records;
  const start = (dialect.preamble ?? 0) + (dialect.header ? 1 : 0);
  return records.slice(start, start + limit);
}
