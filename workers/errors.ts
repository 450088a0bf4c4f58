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
  | 'cancelled';

export interface UserError {
  kind: 'user-error';
  code: UserErrorCode;
  file?: string;
  row?: number;
  column?: string;
  /** Technical detail (the engine's own words), shown under the message. */
  detail?: string;
}

/** Builds a UserError. */
export function userError(code: UserErrorCode, extra: Omit<UserError, 'kind' | 'code'> = {}): UserError {
  return { kind: 'user-error', code, ...extra };
}

/** True for a UserError object. */
export function isUserError(e: unknown): e is UserError {
  return typeof e === 'object' && e !== null && (e as UserError).kind === 'user-error';
}

/** Maps anything thrown during a load to a UserError naming the file. */
export function toUserError(e: unknown, file?: string): UserError {
  if (isUserError(e)) return { ...e, file: e.file ?? file };
  if (e instanceof DOMException && e.name === 'AbortError') return userError('cancelled', { file });
  const text = e instanceof Error ? e.message : String(e);
  if (/out of memory|allocation failed|Array buffer allocation|memory access out of bounds|Cannot enlarge memory/i.test(text)) {
    // DuckDB's first line says what ran out; the advice after it (temp directory, threads) does not apply in a tab.
    return userError('too-large', { file, detail: text.split('\n')[0].replace(/\s+Database is launched in in-memory mode[\s\S]*$/, '').trim() });
  }
  const line = /line[: ]+(\d+)/i.exec(text);
  return userError('unreadable', { file, detail: text, row: line ? Number(line[1]) : undefined });
}
