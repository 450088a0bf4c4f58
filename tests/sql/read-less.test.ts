import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, SHARED_DATA } from '../helpers/duckdb';
import { cdnowRows } from '../helpers/cdnow-dialects';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import { lit } from '../../src/sql/sql-text';
import type { ColumnMapping, DateFormat, DecimalMark } from '../../src/domain/settings';

// Issue 19, "Read less, once": before Analyze may read the mapped columns typed by DuckDB's CSV reader instead of
// staging them as text and typing them in SQL, the reader must give every value it accepts the value Cartera's
// rules give (README, Formats). This checks that premise, not a loader: cell by cell against values worked out by
// hand from the rules (as in typing.test.ts), and on the real data sets against today's loader (Workspace).

let engine: Engine;
let ws: Workspace;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
  ws = new Workspace(engine);
});

/** The reader's options for a date format and decimal mark (what a typed read at Analyze would pass). */
const READER_DATE: Record<DateFormat, string> = { iso: '%Y-%m-%d', dmy: '%d/%m/%Y', mdy: '%m/%d/%Y', 'ymd-compact': '%Y%m%d' };
const READER_MARK: Record<DecimalMark, string> = { point: '.', comma: ',' };

let fileSerial = 0;
/** One column of quoted cells read by DuckDB's reader as `type`; each cell's value as text, or 'rejected'. */
function readTyped(cells: string[], type: 'DATE' | 'DECIMAL(18,4)', options: string): (string | null)[] {
  const name = `read_less_${++fileSerial}.csv`;
  engine.db.registerFileText(name, 'v\n' + cells.map((c) => `"${c}"`).join('\n') + '\n');
  try {
    engine.exec(`DROP TABLE IF EXISTS rl_rejects; DROP TABLE IF EXISTS rl_scans;`);
    const read = engine.rows<{ i: number; v: string }>(
      `SELECT row_number() OVER () AS i, CAST(v AS VARCHAR) AS v FROM read_csv(${lit(name)}, delim = ',', quote = '"', escape = '"',
         header = true, auto_detect = false, columns = {'v': '${type}'}, ${options}, null_padding = false,
         store_rejects = true, rejects_table = 'rl_rejects', rejects_scan = 'rl_scans')`,
    );
    // The reader's line numbers count the header as line 1.
    const rejected = new Set(engine.rows<{ line: number }>(`SELECT line FROM rl_rejects`).map((r) => r.line - 2));
    const out: (string | null)[] = [];
    let k = 0;
    cells.forEach((_, i) => out.push(rejected.has(i) ? 'rejected' : read[k++].v));
    return out;
  } finally {
    engine.db.dropFile(name);
  }
}

/** The cells the reader accepts with a value other than the rule's: [text, the reader's value]. */
function disagreements(cases: [string, string | null][], got: (string | null)[]): [string, string | null][] {
  return cases.flatMap(([text, rule], i) => (got[i] !== 'rejected' && got[i] !== rule ? [[text, got[i]] as [string, string | null]] : []));
}

describe("DuckDB's typed reader against Cartera's typing rules, cell by cell", () => {
  // [format, text, the day Cartera's rule gives (README: four-digit years only, a time after the date ignored)].
  const dates: [DateFormat, string, string | null][] = [
    ['iso', '2024-03-05', '2024-03-05'],
    ['iso', '2024-3-5', '2024-03-05'],
    ['iso', ' 2024-03-05 ', '2024-03-05'],
    ['iso', '2024-03-05 10:00', '2024-03-05'],
    ['iso', '2024-03-05T10:00:00', '2024-03-05'],
    ['iso', '2024/03/05', '2024-03-05'],
    ['iso', '0999-12-31', '0999-12-31'],
    ['iso', '2024-02-30', null],
    ['iso', '02024-03-05', null],
    ['iso', '12024-03-05', null],
    ['iso', '+2024-03-05', null],
    ['iso', '24-03-05', null],
    ['dmy', '05/03/2024', '2024-03-05'],
    ['dmy', '5/3/2024', '2024-03-05'],
    ['dmy', '05-03-2024', '2024-03-05'],
    ['dmy', '05/03/2024 10:00', '2024-03-05'],
    ['dmy', '31/02/2024', null],
    ['dmy', '05/03/24', null],
    ['dmy', '05/03/999', null],
    ['mdy', '03/05/2024', '2024-03-05'],
    ['mdy', '13/05/2024', null],
    ['mdy', '03/05/24', null],
    ['ymd-compact', '20240305', '2024-03-05'],
    ['ymd-compact', '240305', null],
    ['ymd-compact', '2024035', null],
  ];
  // What the reader accepts with another day: a year of one to three digits (%Y takes them: 24 is the year 24),
  // and seven digits read as %Y%m%d. Rules a typed read would need: a read year below 1000 goes back to the SQL
  // rule (a genuine 0999 too: rare, and the rule gives it the same day); the compact format keeps the SQL rule,
  // since 2024035 is read as a real day of a four-digit year and the typed value cannot tell.
  const expectedDisagreements: Record<DateFormat, [string, string | null][]> = {
    iso: [['24-03-05', '0024-03-05']],
    dmy: [['05/03/24', '0024-03-05'], ['05/03/999', '0999-03-05']],
    mdy: [['03/05/24', '0024-03-05']],
    'ymd-compact': [['2024035', '2024-03-05']],
  };
  for (const format of ['iso', 'dmy', 'mdy', 'ymd-compact'] as const) {
    it(`dates, ${format}: the reader's only disagreements with the rule are the ones listed`, () => {
      const mine = dates.filter((c) => c[0] === format).map(([, text, rule]) => [text, rule] as [string, string | null]);
      const got = readTyped(mine.map((c) => c[0]), 'DATE', `dateformat = ${lit(READER_DATE[format])}`);
      expect(disagreements(mine, got)).toEqual(expectedDisagreements[format]);
      // Where the rule gives a day the reader does not take, the row would go to the SQL rule: a time after the
      // date, another separator. The typed read must keep those rows, not lose them.
      expect(got.some((v) => v === 'rejected')).toBe(true);
    });
  }

  // [mark, text, the amount Cartera's rule gives: README, Numbers (currency signs, thousands marks, (12.50)).]
  const amounts: [DecimalMark, string, string | null][] = [
    ['point', '12.5', '12.5000'],
    ['point', ' 12.5', '12.5000'],
    ['point', '-3', '-3.0000'],
    ['point', '+3', '3.0000'],
    ['point', '.5', '0.5000'],
    ['point', '5.', '5.0000'],
    ['point', '1e3', '1000.0000'],
    ['point', '12.34565', '12.3457'],
    ['point', '-12.34565', '-12.3457'],
    ['point', '0.00005', '0.0001'],
    ['point', '00012.5', '12.5000'],
    ['point', '99999999999999.9999', '99999999999999.9999'],
    ['point', '999999999999999', null],
    ['point', '1,234.56', '1234.5600'],
    ['point', '$5', '5.0000'],
    ['point', '(12.50)', '-12.5000'],
    ['point', '1 000', '1000.0000'],
    ['point', '1.2.3', null],
    ['point', 'n/a', null],
    ['comma', '12,5', '12.5000'],
    ['comma', '-3,00', '-3.0000'],
    ['comma', '7', '7.0000'],
    ['comma', '1.234,56', '1234.5600'],
    ['comma', '1.234', '1234.0000'],
    ['comma', '12.5', '125.0000'],
    ['comma', '(3,5)', '-3.5000'],
    ['comma', '€ 1.000,00', '1000.0000'],
    ['comma', '1,2,3', null],
  ];
  for (const mark of ['point', 'comma'] as const) {
    it(`amounts as DECIMAL(18,4), decimal ${mark}: every value the reader accepts is the rule's, the rest go back to the rule`, () => {
      const mine = amounts.filter((c) => c[0] === mark).map(([, text, rule]) => [text, rule] as [string, string | null]);
      const got = readTyped(mine.map((c) => c[0]), 'DECIMAL(18,4)', `decimal_separator = ${lit(READER_MARK[mark])}`);
      expect(disagreements(mine, got)).toEqual([]);
      // Thousands marks and currency signs are the rule's work: the reader refuses them.
      expect(got.filter((v) => v === 'rejected').length).toBeGreaterThan(0);
    });
  }
});

interface ReadLessCase {
  name: string;
  bytes: () => Uint8Array<ArrayBuffer>;
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  /** Every column of the file with the type the typed read gives it (mapped columns typed, the others text). */
  columns: [string, string][];
  /** The reader's options beyond the dialect. */
  options: string;
  /** The day of the date column as the typed read gives it. */
  day: string;
  /** From the data set's README (computed outside this project): rows, rows used, revenue. */
  figures: { rows: number; used: number; revenue: string };
}

const text = (path: string) => () => new Uint8Array(readFileSync(join(SHARED_DATA, path)));

/** The CDNOW master file as a comma-separated file with a header (the app reads the original on the chunked path). */
function cdnowCsv(): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(['customer_id,date,cds,dollars', ...cdnowRows().map((r) => r.join(','))].join('\n') + '\n');
}

const realCases: ReadLessCase[] = [
  {
    name: 'rfm_data_orders.csv',
    bytes: text('rfm_data_orders/rfm_data_orders.csv'),
    mapping: { customer: 'customer_id', order: null, date: 'order_date', amount: 'revenue', quantity: null, unitPrice: null, cost: null, profit: null },
    dateFormat: 'iso',
    columns: [['customer_id', 'VARCHAR'], ['order_date', 'DATE'], ['revenue', 'DECIMAL(18,4)'], ['first_name', 'VARCHAR'], ['last_name', 'VARCHAR'], ['email', 'VARCHAR']],
    options: `dateformat = '%Y-%m-%d', decimal_separator = '.'`,
    day: 'order_date',
    figures: { rows: 4_906, used: 4_906, revenue: '464158.0000' },
  },
  {
    name: 'online_retail_2010-12.csv',
    bytes: text('online_retail/online_retail_2010-12.csv'),
    mapping: { customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', amount: null, quantity: 'Quantity', unitPrice: 'UnitPrice', cost: null, profit: null },
    dateFormat: 'iso',
    columns: [['InvoiceNo', 'VARCHAR'], ['StockCode', 'VARCHAR'], ['Description', 'VARCHAR'], ['Quantity', 'DECIMAL(18,4)'], ['InvoiceDate', 'TIMESTAMP'], ['UnitPrice', 'DECIMAL(18,4)'], ['CustomerID', 'VARCHAR'], ['Country', 'VARCHAR']],
    options: `timestampformat = '%Y-%m-%d %H:%M:%S', decimal_separator = '.'`,
    day: 'CAST("InvoiceDate" AS DATE)',
    figures: { rows: 42_481, used: 42_481 - 15_631, revenue: '554604.0200' },
  },
  {
    name: 'CDNOW_master as CSV',
    bytes: cdnowCsv,
    mapping: { customer: 'customer_id', order: null, date: 'date', amount: 'dollars', quantity: null, unitPrice: null, cost: null, profit: null },
    dateFormat: 'ymd-compact',
    columns: [['customer_id', 'VARCHAR'], ['date', 'DATE'], ['cds', 'VARCHAR'], ['dollars', 'DECIMAL(18,4)']],
    options: `dateformat = '%Y%m%d', decimal_separator = '.'`,
    day: '"date"',
    figures: { rows: 69_659, used: 69_659, revenue: '2500315.6300' },
  },
];

describe('the real data sets: today\'s loader against one typed, projected read', () => {
  for (const c of realCases) {
    it(`${c.name}: the same rows used, customers, days and amounts, and the reader rejects nothing`, async () => {
      const bytes = c.bytes();
      await ws.open([{ file: new Blob([bytes]), name: c.name }]);
      const summary = ws.analyze({ mapping: c.mapping, dateFormat: c.dateFormat, decimalMark: 'point' });
      engine.exec(`CREATE OR REPLACE TABLE rl_today AS SELECT row_no, customer_id, order_date, amount FROM tx`);

      const name = `read_less_real_${++fileSerial}.csv`;
      engine.db.registerFileBuffer(name, bytes);
      const m = c.mapping;
      const q = (h: string) => `"${h}"`;
      const amount = m.amount ? q(m.amount) : `TRY_CAST(${q(m.quantity!)} * ${q(m.unitPrice!)} AS DECIMAL(18,4))`;
      try {
        engine.exec(`DROP TABLE IF EXISTS rl_rejects; DROP TABLE IF EXISTS rl_scans;
          CREATE OR REPLACE TABLE rl_typed AS
          SELECT row_number() OVER () + 1 AS row_no, nullif(trim(${q(m.customer!)}), '') AS customer_id, ${c.day} AS order_date, ${amount} AS amount
          FROM read_csv(${lit(name)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false,
            columns = {${c.columns.map(([h, t]) => `${lit(h)}: ${lit(t)}`).join(', ')}}, ${c.options}, null_padding = false,
            store_rejects = true, rejects_table = 'rl_rejects', rejects_scan = 'rl_scans')`);
      } finally {
        engine.db.dropFile(name);
      }
      expect(engine.one<{ n: number }>(`SELECT count(*) AS n FROM rl_rejects`)!.n).toBe(0);
      // The typed read's rows used are those with a customer, a day and an amount (the rule's definition).
      engine.exec(`CREATE OR REPLACE TABLE rl_typed_used AS SELECT * FROM rl_typed WHERE customer_id IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL`);
      const count = (t: string) => engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)!.n;
      expect([summary.rowsRead, summary.rowsUsed]).toEqual([c.figures.rows, c.figures.used]);
      expect([count('rl_typed'), count('rl_typed_used')]).toEqual([c.figures.rows, c.figures.used]);
      const differ = (a: string, b: string) => engine.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`)!.n;
      expect(differ('rl_today', 'rl_typed_used')).toBe(0);
      expect(differ('rl_typed_used', 'rl_today')).toBe(0);
      // DECIMAL both ways: the revenue is one exact sum.
      const revenue = engine.one<{ r: string }>(`SELECT CAST(sum(amount) AS VARCHAR) AS r FROM rl_typed_used`)!.r;
      expect([revenue, summary.revenue]).toEqual([c.figures.revenue, c.figures.revenue]);
    });
  }
});
