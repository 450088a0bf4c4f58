// The Node benches' shared step: the app's own Workspace on a fresh duckdb-wasm Node engine opens a CSV and
// analyses it with the detected mapping (ISO dates, decimal point), timed. The caller resets `db` when done.
import { openAsBlob } from 'node:fs';

/** `app`: { Engine, Workspace, openNodeDuckDB } as the bench loaded them; `options`: the Workspace's. */
export async function timedOpenAnalyze(app, csv, options) {
  const db = await app.openNodeDuckDB();
  const engine = new app.Engine(db);
  const ws = new app.Workspace(engine, options);
  let t = performance.now();
  const opened = await ws.open([{ file: await openAsBlob(csv), name: 'tx.csv' }]);
  const open = performance.now() - t;
  t = performance.now();
  const summary = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
  const analyze = performance.now() - t;
  return { db, engine, open, analyze, total: open + analyze, summary };
}
