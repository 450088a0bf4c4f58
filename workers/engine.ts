import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';

/**
 * A synchronous DuckDB session: one connection on the blocking bindings.
 * The same class runs in the browser worker (duckdb-browser-blocking) and in Node tests
 * (duckdb-node-blocking), so every SQL path is tested on the engine the browser runs.
 */
export class Engine {
  readonly conn: DuckDBConnection;
  constructor(readonly db: DuckDBBindings) {
    this.conn = db.connect();
    // Extensions would be fetched from DuckDB's host: forbid it, so a query that needs one fails clearly.
    this.exec(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;`);
  }

  /** Runs statements for their effect. */
  exec(sql: string): void {
    this.conn.query(sql);
  }

  /** Runs a query and returns its result as an Arrow table. */
  table(sql: string): Table {
    return this.conn.query(sql);
  }

  /** Runs a query and returns the result as Arrow IPC stream bytes (to transfer to the UI). */
  ipc(sql: string): Uint8Array {
    return this.conn.useUnsafe((db, id) => db.runQuery(id, sql));
  }

  /** Runs a query and returns plain rows; BIGINTs become numbers (all our counts fit in 2^53). */
  rows<T = Record<string, unknown>>(sql: string): T[] {
    return plainRows<T>(this.table(sql));
  }

  /** First row of a query, or undefined. */
  one<T = Record<string, unknown>>(sql: string): T | undefined {
    return this.rows<T>(sql)[0];
  }
}

/** Converts an Arrow table to plain objects: bigint → number, DATE/TIMESTAMP stay epoch ms numbers. */
export function plainRows<T>(table: Table): T[] {
  const out: T[] = [];
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((n) => table.getChild(n)!);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) {
      const v = cols[j].get(i);
      row[names[j]] = typeof v === 'bigint' ? Number(v) : v;
    }
    out.push(row as T);
  }
  return out;
}

