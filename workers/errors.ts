/**
 * Errors the user can act on. They cross the worker boundary as plain objects (structured clone), and the
 * UI turns the code into a sentence from the messages module: no English text is built in the worker.
 */
export type UserErrorCode =
  | 'empty-file'
  | 'header-only'
  | 'binary-file'
  | 'bad-parquet'
  | 'no-date-column'
  | 'no-customer-column'
  | 'columns-mismatch'
  | 'too-large'
  | 'url-failed'
  | 'unreadable'
  | 'mapping-incomplete'
  | 'no-rows-used'
  | 'cancelled'
  | 'record-too-long'
  | 'too-many-columns'
  | 'no-separator'
  | 'inconsistent-separator'
  | 'engine-stalled'
  /** The data worker ended by itself (the browser stops a worker that runs out of memory); it was restarted. */
  | 'engine-crashed'
  | 'scoring-failed'
  | 'lifecycle-failed'
  /** A large data set's kept chunks were freed after its Analyze: the page reads the file again (not shown). */
  | 'reopen-needed';

/** What was found, for the sentence that says why a file is refused (all optional; the code says which apply). */
export interface ErrorFacts {
  /** Bytes of a record (a lower bound when `ended` is false: the file ended, or reading stopped, first). */
  bytes?: number;
  ended?: boolean;
  /** The limit that was passed (bytes or columns). */
  limit?: number;
  /** The record holds a field separator. */
  separator?: boolean;
  columns?: number;
  /** Only part of the first row was read (so `columns` is a lower bound). */
  cut?: boolean;
  delimiter?: string;
  fields?: number;
  share?: number;
  sampled?: number;
  /** Rows not used, by reason (when no row can be used). */
  counts?: { reason: string; rows: number }[];
  /** The first rows not used: row number, reason and the text as written. */
  examples?: { row: number; reason: string; text: string }[];
}

export interface UserError {
  kind: 'user-error';
  code: UserErrorCode;
  file?: string;
  row?: number;
  column?: string;
  /** Technical detail (the engine's own words), shown under the message. */
  detail?: string;
  facts?: ErrorFacts;
}

/** Builds a UserError. */
export function userError(code: UserErrorCode, extra: Omit<UserError, 'kind' | 'code'> = {}): UserError {
  return { kind: 'user-error', code, ...extra };
}

/** True for a UserError object. */
export function isUserError(e: unknown): e is UserError {
  return typeof e === 'object' && e !== null && (e as UserError).kind === 'user-error';
}

/** Maps anything thrown during a load (or another step: `fallback`) to a UserError naming the file. */
export function toUserError(e: unknown, file?: string, fallback: UserErrorCode = 'unreadable'): UserError {
  if (isUserError(e)) return { ...e, file: e.file ?? file };
  if (e instanceof DOMException && e.name === 'AbortError') return userError('cancelled', { file });
  const text = e instanceof Error ? e.message : String(e);
  if (/out of memory|allocation failed|Array buffer allocation|memory access out of bounds|Cannot enlarge memory/i.test(text)) {
    // DuckDB's first line says what ran out; the advice after it (temp directory, threads) does not apply in a tab.
    return userError('too-large', { file, detail: text.split('\n')[0].replace(/\s+Database is launched in in-memory mode[\s\S]*$/, '').trim() });
  }
  const line = /line[: ]+(\d+)/i.exec(text);
  if (fallback !== 'unreadable') return userError(fallback, { file, detail: text });
  return userError('unreadable', { file, detail: text, row: line ? Number(line[1]) : undefined });
}
