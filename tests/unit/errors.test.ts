import { describe, expect, it } from 'vitest';
import { toUserError } from '../../workers/errors';

describe('toUserError', () => {
  it("keeps what ran out of DuckDB's out-of-memory error and drops its advice for servers", () => {
    // The error DuckDB-WASM raised when a 25 M-row CSV was analysed in the tab (bench:huge).
    const duckdb = new Error(
      'Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)\n\n' +
        'Database is launched in in-memory mode and no temporary directory is specified.\n' +
        'Unused blocks cannot be offloaded to disk.\n\nPossible solutions:\n* Reducing the number of threads (SET threads=X)',
    );
    expect(toUserError(duckdb, 'big.csv')).toEqual({
      kind: 'user-error',
      code: 'too-large',
      file: 'big.csv',
      detail: 'Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)',
    });
  });

  it('maps a wasm allocation failure to too-large and anything else to unreadable with its line', () => {
    expect(toUserError(new RangeError('Array buffer allocation failed')).code).toBe('too-large');
    expect(toUserError(new Error('Invalid Input Error: CSV Error on Line: 12'))).toMatchObject({ code: 'unreadable', row: 12 });
  });
});
