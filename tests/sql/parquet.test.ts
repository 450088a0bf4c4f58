import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Engine } from '../../workers/engine';
import {
  formatDate,
  formatDecimal,
  formatFloat,
  loadParquet,
  ParquetError,
  parquetColumns,
  parquetPreview,
  tableColumnNames,
} from '../../workers/ingest/parquet';
import { openNodeDuckDB, PARQUET_WASM, SHARED_DATA } from '../helpers/duckdb';
import { Workspace } from '../../workers/workspace';

// Reference figures from /work/shared/data/cdnow/README.md (computed there with native DuckDB).
const CDNOW = {
  rows: 69_659,
  customers: 23_570,
  revenue: '2500315.63',
  first: '1997-01-01',
  last: '1998-06-30',
};
const MASTER = join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt');

let dir: string;
let native: DuckDBConnection;
let engine: Engine;

/** Writes CDNOW_master.txt as Parquet with native DuckDB (not the code under test). */
async function writeCdnow(file: string, options: string, dollar = 'DECIMAL(10,2)'): Promise<string> {
  const path = join(dir, file);
  await native.run(
    `COPY (SELECT customer_id, date, number_of_cds, dollar_value::${dollar} AS dollar_value FROM cdnow ORDER BY rn)
     TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 10000${options})`,
  );
  return path;
}

const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cartera-parquet-'));
  const instance = await DuckDBInstance.create(':memory:');
  native = await instance.connect();
  await native.run(`SET threads = 1`);
  await native.run(
    `CREATE TABLE cdnow AS
     SELECT rn, p[1] AS customer_id, strptime(p[2], '%Y%m%d')::DATE AS date, p[3]::INTEGER AS number_of_cds,
            p[4]::DECIMAL(10,2) AS dollar_value
     FROM (SELECT row_number() OVER () AS rn, string_split_regex(trim(replace(line, chr(13), '')), ' +') AS p
           FROM read_csv('${MASTER}', columns = {'line': 'VARCHAR'}, delim = '\x01', header = true, quote = '', escape = ''))`,
  );
  files.snappy = await writeCdnow('cdnow.snappy.parquet', '');
  files.zstd = await writeCdnow('cdnow.zstd.parquet', ', COMPRESSION zstd');
  files.gzip = await writeCdnow('cdnow.gzip.parquet', ', COMPRESSION gzip');
  files.double = await writeCdnow('cdnow.double.parquet', '', 'DOUBLE');
  engine = new Engine(await openNodeDuckDB());
});

afterAll(async () => {
  native?.closeSync();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Checks {
  n: number;
  customers: number;
  revenue: string;
  first: string;
  last: string;
  first_customer: string;
}

function cdnowChecks(table: string): Checks {
  return engine.one<Checks>(
    `SELECT count(*) AS n, count(DISTINCT customer_id) AS customers,
            sum(CAST(dollar_value AS DECIMAL(18,2)))::VARCHAR AS revenue,
            min(CAST(date AS DATE))::VARCHAR AS first, max(CAST(date AS DATE))::VARCHAR AS last,
            min(customer_id) AS first_customer
     FROM ${table}`,
  )!;
}

describe('loadParquet: CDNOW written by native DuckDB', () => {
  for (const variant of ['snappy', 'zstd', 'gzip', 'double'] as const) {
    it(`loads the ${variant} file as VARCHAR columns with the README's figures`, async () => {
      const table = `cdnow_${variant}`;
      const blob = await openAsBlob(files[variant]);
      const progress: [number, number][] = [];
      const t0 = performance.now();
      const r = await loadParquet(engine, blob, table, { onProgress: (a, b) => progress.push([a, b]) });
      const ms = performance.now() - t0;
      console.log(`CDNOW parquet (${variant}, ${blob.size} bytes, ${progress.length} row groups): loaded in ${ms.toFixed(0)} ms`);

      expect(r.rows).toBe(CDNOW.rows);
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.at(-1)).toEqual([CDNOW.rows, CDNOW.rows]);
      const types = engine.rows<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE ${table})`);
      expect(types).toEqual(
        ['customer_id', 'date', 'number_of_cds', 'dollar_value'].map((column_name) => ({ column_name, column_type: 'VARCHAR' })),
      );
      const c = cdnowChecks(table);
      expect(c).toEqual({
        n: CDNOW.rows,
        customers: CDNOW.customers,
        revenue: CDNOW.revenue,
        first: CDNOW.first,
        last: CDNOW.last,
        first_customer: '00001',
      });
      // The text itself: zero-padded ids kept, ISO dates, integers as digits, amounts as written.
      const first = engine.one(`SELECT * FROM ${table} WHERE customer_id = '00001'`);
      expect(first).toEqual({ customer_id: '00001', date: '1997-01-01', number_of_cds: '1', dollar_value: '11.77' });
      const dollars = engine.one<{ n: number }>(
        `SELECT count(*) AS n FROM ${table} WHERE dollar_value LIKE '%e%' OR dollar_value NOT SIMILAR TO '-?[0-9]+(\\.[0-9]+)?'`,
      )!;
      expect(dollars.n).toBe(0);
      if (variant === 'double') {
        expect(engine.one(`SELECT dollar_value FROM ${table} WHERE customer_id = '00002' LIMIT 1`)).toEqual({ dollar_value: '12' });
      } else {
        expect(engine.one(`SELECT dollar_value FROM ${table} WHERE customer_id = '00002' LIMIT 1`)).toEqual({ dollar_value: '12.00' });
      }
      expect(engine.one(`SELECT count(*) AS n FROM ${table} WHERE CAST(dollar_value AS DECIMAL(18,2)) = 0`)).toEqual({ n: 80 });
      engine.exec(`DROP TABLE ${table}`);
    });
  }

  it('appends to an existing table', async () => {
    const blob = await openAsBlob(files.snappy);
    await loadParquet(engine, blob, 'twice', {});
    const r = await loadParquet(engine, blob, 'twice', {});
    expect(r.rows).toBe(CDNOW.rows);
    expect(engine.one(`SELECT count(*) AS n FROM twice`)).toEqual({ n: 2 * CDNOW.rows });
    engine.exec(`DROP TABLE twice`);
  });

  it('reads only the requested columns, in file order', async () => {
    const blob = await openAsBlob(files.zstd);
    const r = await loadParquet(engine, blob, 'two', { columns: ['date', 'customer_id'] });
    expect(r.rows).toBe(CDNOW.rows);
    const cols = engine.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE two)`).map((c) => c.column_name);
    expect(cols).toEqual(['customer_id', 'date']);
    expect(engine.one(`SELECT count(DISTINCT customer_id) AS c, min(date) AS lo, max(date) AS hi FROM two`)).toEqual({
      c: CDNOW.customers,
      lo: CDNOW.first,
      hi: CDNOW.last,
    });
    engine.exec(`DROP TABLE two`);
  });

  it('reads the file by slices, never whole, and only the requested columns’ bytes', async () => {
    const blob = await openAsBlob(files.snappy);
    const slices: number[] = [];
    const spy = spyBlob(blob, slices);
    await loadParquet(engine, spy, 'spied', { columns: ['customer_id'] });
    engine.exec(`DROP TABLE spied`);
    expect(Math.max(...slices)).toBeLessThan(blob.size / 2);
    const onlyIds = slices.reduce((a, b) => a + b, 0);
    slices.length = 0;
    await loadParquet(engine, spy, 'spied', {});
    engine.exec(`DROP TABLE spied`);
    const everything = slices.reduce((a, b) => a + b, 0);
    expect(onlyIds).toBeLessThan(everything);
  });

  it('lists columns and previews the first rows as text', async () => {
    const blob = await openAsBlob(files.gzip);
    expect(await parquetColumns(blob)).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    const p = await parquetPreview(blob, 3);
    expect(p.rowCount).toBe(CDNOW.rows);
    expect(p.columns).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(p.rows).toEqual([
      ['00001', '1997-01-01', '1', '11.77'],
      ['00002', '1997-01-12', '1', '12.00'],
      ['00002', '1997-01-12', '5', '77.00'],
    ]);
    expect((await parquetPreview(blob, 12_000)).rows).toHaveLength(12_000);
  });

  it('stops between row groups when cancelled, with an AbortError', async () => {
    const blob = await openAsBlob(files.snappy);
    let groups = 0;
    const err = await loadParquet(engine, blob, 'cancelled', {
      onProgress: () => groups++,
      isCancelled: () => groups >= 2,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
    expect(groups).toBe(2);
    const n = engine.one<{ n: number }>(`SELECT count(*) AS n FROM cancelled`)!.n;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(CDNOW.rows);
    engine.exec(`DROP TABLE cancelled`);
  });
});

describe('loadParquet: files that are not readable Parquet', () => {
  it('rejects a truncated file and random bytes with a ParquetError; other tables untouched', async () => {
    engine.exec(`CREATE TABLE keep AS SELECT range::VARCHAR AS v FROM range(5)`);
    const whole = await readFile(files.snappy);
    const cut = join(dir, 'cut.parquet');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const random = join(dir, 'random.parquet');
    let seed = 12345;
    const noise = new Uint8Array(50_000).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    await writeFile(random, noise);
    const tiny = join(dir, 'tiny.parquet');
    await writeFile(tiny, 'PAR1');

    for (const path of [cut, random, tiny]) {
      const blob = await openAsBlob(path);
      for (const attempt of [
        () => loadParquet(engine, blob, 'bad', {}),
        () => parquetColumns(blob),
        () => parquetPreview(blob, 10),
      ]) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ParquetError);
        expect((err as Error).message).toMatch(/^This file is not a readable Parquet file \(.+\)\. Re-export it, or save it as CSV\.$/);
      }
    }
    const named = new File([await readFile(cut)], 'sales.parquet');
    await expect(parquetColumns(named)).rejects.toThrow(/^“sales\.parquet” is not a readable Parquet file \(.*cut short.*\)/);
    expect(engine.rows(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'bad'`)).toEqual([]);
    expect(engine.rows(`SELECT v FROM keep ORDER BY v`)).toEqual(['0', '1', '2', '3', '4'].map((v) => ({ v })));
    engine.exec(`DROP TABLE keep`);
  });

  it('rejects a file whose footer is intact but whose pages are garbage', async () => {
    const whole = new Uint8Array(await readFile(files.gzip));
    // Overwrite the data pages (not the footer): hyparquet must fail to decode them.
    const broken = whole.slice();
    const footerLen = new DataView(whole.buffer, whole.byteOffset).getUint32(whole.length - 8, true);
    for (let i = 4; i < whole.length - footerLen - 8; i++) broken[i] = (i * 7919) & 0xff;
    const path = join(dir, 'garbage-pages.parquet');
    await writeFile(path, broken);
    const blob = await openAsBlob(path);
    expect(await parquetColumns(blob)).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    const err = await loadParquet(engine, blob, 'garbage', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParquetError);
    expect((err as Error).message).toMatch(/is not a readable Parquet file/);
    engine.exec(`DROP TABLE IF EXISTS garbage`);
  });
});

describe('values as text', () => {
  it('writes every Parquet type DuckDB exports as the text DuckDB itself would show', async () => {
    const path = join(dir, 'types.parquet');
    await native.run(
      `COPY (SELECT * FROM (VALUES
         (1, (-128)::TINYINT, 32767::SMALLINT, (-2147483648)::INTEGER, 9007199254740993::BIGINT, 18446744073709551615::UBIGINT,
          0.1::FLOAT, 0.1::DOUBLE, 1e-7::DOUBLE, 1.5e23::DOUBLE, 0.000001::DOUBLE,
          -12.3::DECIMAL(4,1), -0.005::DECIMAL(18,3), 12345678901234567890.1234567891::DECIMAL(38,10),
          DATE '1997-01-01', DATE '1900-02-28', TIMESTAMP '1998-06-30 23:59:59', TIMESTAMP '1969-12-31 12:00:00.25',
          TIMESTAMP_MS '2001-02-03 04:05:06.789', TIMESTAMPTZ '2020-01-01 00:00:00+00', TIME '13:14:15',
          true, 'Zoë “quoted”, 漢字', '\\xDE\\xAD'::BLOB, [1, 2], {'a': 1, 'b': 'x'}, {'p': 1.25::DECIMAL(5,2)}),
         (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, NULL, NULL, NULL, NULL, NULL, NULL)
       ) t(id, i8, i16, i32, i64, u64, f32, f64, tiny, huge, micro, d41, d183, d3810, d1, d2, ts1, ts2, tsms, tstz, tm, b, s,
           bl, lst, st, sd))
       TO '${path}' (FORMAT parquet)`,
    );
    const blob = await openAsBlob(path);
    await loadParquet(engine, blob, 'types', {});
    const rows = engine.rows<Record<string, string | null>>(`SELECT * FROM types ORDER BY id`);
    expect(rows[0]).toEqual({
      id: '1',
      i8: '-128',
      i16: '32767',
      i32: '-2147483648',
      i64: '9007199254740993',
      u64: '18446744073709551615',
      f32: '0.1',
      f64: '0.1',
      tiny: '1e-7',
      huge: '1.5e+23',
      micro: '0.000001',
      d41: '-12.3',
      d183: '-0.005',
      d3810: '12345678901234567890.1234567891',
      d1: '1997-01-01',
      d2: '1900-02-28',
      ts1: '1998-06-30 23:59:59',
      ts2: '1969-12-31 12:00:00.25',
      tsms: '2001-02-03 04:05:06.789',
      tstz: '2020-01-01 00:00:00',
      tm: '13:14:15',
      b: 'true',
      s: 'Zoë “quoted”, 漢字',
      bl: expect.any(String),
      lst: '[1,2]',
      st: '{"a":1,"b":"x"}',
      sd: '{"p":1.25}',
    });
    expect(Object.entries(rows[1]).filter(([k, v]) => k !== 'id' && v !== null)).toEqual([]);
    // Every text reads back in DuckDB as the original value.
    const back = engine.one(
      `SELECT i64::BIGINT = 9007199254740993 AS big, d3810::DECIMAL(38,10) = 12345678901234567890.1234567891 AS dec,
              ts2::TIMESTAMP = TIMESTAMP '1969-12-31 12:00:00.25' AS ts, tiny::DOUBLE = 1e-7 AS tiny
       FROM types WHERE id = '1'`,
    );
    expect(back).toEqual({ big: true, dec: true, ts: true, tiny: true });
    engine.exec(`DROP TABLE types`);
  });

  it('formats floats, decimals and dates exactly', () => {
    expect(formatFloat(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatFloat(1e20)).toBe('100000000000000000000');
    expect(formatFloat(123456789.125)).toBe('123456789.125');
    expect(formatFloat(0.000001)).toBe('0.000001');
    expect(formatFloat(-2.5e-6)).toBe('-0.0000025');
    expect(formatFloat(1e21)).toBe('1e+21');
    expect(formatFloat(Math.fround(3.14), true)).toBe('3.14');
    expect(formatFloat(NaN)).toBe('NaN');
    expect(formatDecimal(1177n, 2)).toBe('11.77');
    expect(formatDecimal(-5, 3)).toBe('-0.005');
    expect(formatDecimal(0, 2)).toBe('0.00');
    expect(formatDecimal(new Uint8Array([0xff, 0xfe]), 1)).toBe('-0.2');
    expect(formatDecimal(12, 0)).toBe('12');
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(-1)).toBe('1969-12-31');
    expect(formatDate(10_956)).toBe('1999-12-31');
    expect(formatDate(11_016)).toBe('2000-02-29');
    expect(tableColumnNames(['a', 'A', '', 'a'])).toEqual(['a', 'A_2', 'column3', 'a_3']);
  });
});

/** A Blob that records the size of every slice read from it. */
function spyBlob(blob: Blob, sizes: number[]): Blob {
  return new Proxy(blob, {
    get(target, prop) {
      if (prop === 'slice') {
        return (start?: number, end?: number) => {
          const s = target.slice(start, end);
          sizes.push(s.size);
          return s;
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('Workspace: Parquet with its own types (parquet-wasm), as the worker loads it', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace(engine, { parquetWasm: PARQUET_WASM });
  });

  for (const variant of ['snappy', 'zstd', 'gzip', 'double'] as const) {
    it(`stages the ${variant} file typed and gives the README's figures`, async () => {
      const blob = await openAsBlob(files[variant]);
      const progress: number[] = [];
      const opened = await ws.open([{ file: blob, name: `cdnow.${variant}.parquet` }], (p) => progress.push(p.rowsLoaded));
      expect(opened.rows).toBe(CDNOW.rows);
      expect(opened.files[0].reader).toBe('parquet-wasm');
      expect(progress.at(-1)).toBe(CDNOW.rows);
      expect(progress.length).toBeGreaterThan(1);
      const staged = engine.rows<{ column_type: string }>(`SELECT column_type FROM (DESCRIBE staging_${opened.id}) WHERE column_name <> 'file_no'`);
      // Not text: dates stay DATE, counts integers, money DECIMAL (or DOUBLE when the file says so).
      expect(staged.map((c) => c.column_type)).toEqual(['VARCHAR', 'DATE', 'INTEGER', variant === 'double' ? 'DOUBLE' : 'DECIMAL(10,2)']);
      expect(opened.preview[0]).toEqual(['00001', '1997-01-01', '1', variant === 'double' ? '11.77' : '11.77']);
      expect(opened.guess).toMatchObject({ customer: 'customer_id', date: 'date', amount: 'dollar_value' });
      expect(opened.dateFormat).toBe('iso');
      const q = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: opened.decimalMark });
      expect({ rows: q.rowsUsed, customers: q.customers, revenue: q.revenue, first: q.firstOrder, last: q.lastOrder }).toEqual({
        rows: CDNOW.rows, customers: CDNOW.customers, revenue: `${CDNOW.revenue}00`, first: CDNOW.first, last: CDNOW.last,
      });
      expect(q.exclusions.every((e) => e.rows === 0)).toBe(true);
    });
  }

  it('reads timestamps as their calendar day, integer ids as text, six-decimal money rounded at 4', async () => {
    const path = join(dir, 'typed.parquet');
    await native.run(
      `COPY (SELECT * FROM (VALUES (CAST(7 AS BIGINT), TIMESTAMP '2024-03-01 23:59:59', CAST('10.000050' AS DECIMAL(18,6))),
                                   (CAST(7 AS BIGINT), TIMESTAMP '2024-03-05 00:00:00', CAST('-2.123449' AS DECIMAL(18,6))),
                                   (CAST(8 AS BIGINT), NULL, CAST('1' AS DECIMAL(18,6)))) t(customer, ordered_at, amount))
       TO '${path}' (FORMAT parquet)`,
    );
    const opened = await ws.open([{ file: await openAsBlob(path), name: 'typed.parquet' }]);
    expect(opened.guess).toMatchObject({ customer: 'customer', date: 'ordered_at', amount: 'amount' });
    const q = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    // 10.000050 → 10.0001 (half away from zero, as the same text in a CSV), −2.123449 → −2.1234; sum 7.8767.
    expect({ used: q.rowsUsed, customers: q.customers, revenue: q.revenue, first: q.firstOrder, last: q.lastOrder }).toEqual({
      used: 2, customers: 1, revenue: '7.8767', first: '2024-03-01', last: '2024-03-05',
    });
    expect(ws.excludedCsv('no-date').trim().split('\r\n')[1]).toBe('typed.parquet,3,no-date,8,,1.000000');
  });

  it('a Parquet file without rows gets the header-only message, and the data loaded before stays', async () => {
    const path = join(dir, 'empty.parquet');
    await native.run(`COPY (SELECT 'a' AS customer, DATE '2024-01-01' AS day, 1.5 AS amount WHERE false) TO '${path}' (FORMAT parquet)`);
    const before = await ws.open([{ file: await openAsBlob(files.snappy), name: 'cdnow.parquet' }]);
    const err = await ws.open([{ file: await openAsBlob(path), name: 'empty.parquet' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'user-error', code: 'header-only', file: 'empty.parquet' });
    const q = ws.analyze({ mapping: before.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(q.rowsUsed).toBe(CDNOW.rows);
  });

  it('appends a CSV to a Parquet file: the typed columns become text, every row is kept', async () => {
    const parquet = await openAsBlob(files.snappy);
    const csv = new Blob(['customer_id,date,number_of_cds,dollar_value\n99999,1998-07-01,2,10.50\n99999,not a date,1,3.00\n']);
    const opened = await ws.open([
      { file: parquet, name: 'cdnow.parquet' },
      { file: csv, name: 'more.csv' },
    ]);
    expect(opened.rows).toBe(CDNOW.rows + 2);
    const q = ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
    expect(q.rowsUsed).toBe(CDNOW.rows + 1);
    expect(q.customers).toBe(CDNOW.customers + 1);
    expect(q.revenue).toBe('2500326.1300');
    expect(q.exclusions.find((e) => e.reason === 'bad-date')?.rows).toBe(1);
    expect(ws.excludedCsv('bad-date').trim().split('\r\n')[1]).toBe('more.csv,3,bad-date,99999,not a date,3.00,1');
  });
});
