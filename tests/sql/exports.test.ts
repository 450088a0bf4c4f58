import { beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { openNodeDuckDB, PARQUET_WASM } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { presetRules } from '../../src/domain/segment-presets';
import { zeroCostModel } from '../../src/domain/settings';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

const FIXTURES = join(new URL('.', import.meta.url).pathname, '..', 'fixtures');
const settings: ScoringSettings = {
  analysisDate: null, monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null, segmentRules: presetRules('rfm'),
  costModel: zeroCostModel(),
};
let ws: Workspace;

beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: await openAsBlob(join(FIXTURES, 'hostile-ids.csv')), name: 'hostile-ids.csv' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
  ws.score(settings);
});

/** The export's lines, without the header, keyed by their first field as written (quoted or not). */
function lines(bytes: Uint8Array): string[] {
  return new TextDecoder().decode(bytes).split('\r\n').slice(1, -1).sort();
}

describe('customers.csv of tests/fixtures/hostile-ids.csv (ids a spreadsheet would run, amounts that must stay numbers)', () => {
  // By hand: one customer per id; +1+1 bought 30.00 and returned 5.00 (monetary 25, frequency 1); the analysis
  // date is 2024-02-04, the day after the last order.
  /** The first four fields as written (a quoted field keeps its quotes): a field ends at the separator outside quotes. */
  const idAndMoney = (l: string, sep: string) => {
    const fields: string[] = [];
    let start = 0;
    let quoted = false;
    for (let i = 0; i <= l.length; i++) {
      if (l[i] === '"') quoted = !quoted;
      else if (!quoted && (l[i] === sep || i === l.length)) { fields.push(l.slice(start, i)); start = i + 1; }
    }
    return fields.slice(0, 4);
  };

  it('comma: formula-like ids get a leading quote, markup stays as written, monetary is a plain number', () => {
    expect(lines(ws.exportCsv({ kind: 'all' })).map((l) => idAndMoney(l, ','))).toEqual([
      [`"'=HYPERLINK(""http://example.com"",""x"")"`, '29', '1', '20.5000'],
      ["'+1+1", '27', '1', '25.0000'],
      ["'-2+3", '2', '1', '1234.5600'],
      ["'@SUM(A1)", '3', '1', '7.2500'],
      ['<img src=x onerror=alert(1)>', '30', '1', '10.0000'],
      ['C100', '1', '1', '3.0000'],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  });

  it('semicolon: the same cells with a decimal comma in monetary only', () => {
    expect(lines(ws.exportCsv({ kind: 'all' }, undefined, {}, 'semicolon')).map((l) => idAndMoney(l, ';'))).toEqual([
      [`"'=HYPERLINK(""http://example.com"",""x"")"`, '29', '1', '20,5000'],
      ["'+1+1", '27', '1', '25,0000'],
      ["'-2+3", '2', '1', '1234,5600'],
      ["'@SUM(A1)", '3', '1', '7,2500'],
      ['<img src=x onerror=alert(1)>', '30', '1', '10,0000'],
      ['C100', '1', '1', '3,0000'],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  });
});

describe('segments and profit by segment as files, from the same tables as the views (hostile-ids.csv by hand)', () => {
  // Monetary 3, 7.25, 10, 20.5, 25, 1234.56: cut points (type 7) 7.25, 10, 20.5, 25, so M = 4 for +1+1 (25) and
  // 5 for -2+3 (1234.56). "Top" is M 4–5; "Never" (R 1, F 5, M 1) holds nobody (every frequency is 1); the rest
  // are "Others". Margin 30 %, 2.00 per order (+1+1 has two orders: a return and a purchase), adequate level 5.
  const rules = [{ name: 'Top', r: [1, 5], f: [1, 5], m: [4, 5] }, { name: 'Never', r: [1, 1], f: [5, 5], m: [1, 1] }] as ScoringSettings['segmentRules'];
  beforeAll(() => {
    ws.score({ ...settings, segmentRules: rules, costModel: { ...zeroCostModel(), marginPct: '30', costPerOrder: '2', adequateLevel: '5' } });
  });
  const text = (b: Uint8Array) => new TextDecoder().decode(b).split('\r\n').slice(0, -1);

  it('segments.csv: exact revenue and mean monetary, shares and means, a row of zeros for the empty segment', () => {
    expect(text(ws.exportReport('segments', 'csv'))).toEqual([
      'segment,segment_label,customers,pct_customers,revenue,pct_revenue,avg_recency,avg_frequency,avg_monetary',
      // Top: 25 + 1234.56 of 1300.31; recency (27 + 2) / 2.
      'Top,Top,2,33.3333333333,1259.5600,96.8661319224,14.5,1,629.7800',
      'Never,Never,0,0,0.0000,0,,,',
      // Others: 10 + 20.5 + 7.25 + 3 = 40.75, mean 10.1875; recency (30 + 29 + 3 + 1) / 4.
      'Others,Others,4,66.6666666667,40.7500,3.1338680776,15.75,1,10.1875',
    ]);
    expect(text(ws.exportReport('segments', 'csv', 'semicolon'))).toEqual([
      'segment;segment_label;customers;pct_customers;revenue;pct_revenue;avg_recency;avg_frequency;avg_monetary',
      'Top;Top;2;33,3333333333;1259,5600;96,8661319224;14,5;1;629,7800',
      'Never;Never;0;0;0,0000;0;;;',
      'Others;Others;4;66,6666666667;40,7500;3,1338680776;15,75;1;10,1875',
    ]);
  });

  it('profit-by-segment.csv: margins, costs and profits summed exactly; profit per customer rounded half away from zero', () => {
    expect(text(ws.exportReport('profit-by-segment', 'csv'))).toEqual([
      'segment,segment_label,customers,revenue,gross_margin,cost_to_serve,profit,profit_per_customer,below_adequate,pct_below_adequate',
      // Top: margins 7.5 + 370.368, costs 4 + 2; only +1+1 (profit 3.5) is below 5.
      'Top,Top,2,1259.5600,377.8680,6.0000,371.8680,185.9340,1,50',
      'Never,Never,0,0.0000,0.0000,0.0000,0.0000,,0,',
      // Others: margins 3 + 6.15 + 2.175 + 0.9, costs 4 × 2, profits 1 + 4.15 + 0.175 − 1.1 = 4.225 → 1.05625 each.
      'Others,Others,4,40.7500,12.2250,8.0000,4.2250,1.0563,4,100',
    ]);
    expect(text(ws.exportReport('profit-by-segment', 'csv', 'semicolon'))[3]).toBe('Others;Others;4;40,7500;12,2250;8,0000;4,2250;1,0563;4;100');
  });

  it('both tables keep the stable segment name and add the label given (Spanish by hand; a name without one is its own)', () => {
    const labels = { Top: 'Los mejores', Others: 'Otros' };
    expect(text(ws.exportReport('segments', 'csv', 'comma', labels)).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'segment,segment_label,customers', 'Top,Los mejores,2', 'Never,Never,0', 'Others,Otros,4',
    ]);
    expect(text(ws.exportReport('profit-by-segment', 'csv', 'semicolon', labels))[1]).toBe('Top;Los mejores;2;1259,5600;377,8680;6,0000;371,8680;185,9340;1;50');
  });

  it('Parquet: the same rows, money as DECIMAL(18,4)', async () => {
    const bytes = ws.exportReport('profit-by-segment', 'parquet');
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const profit = parquetMetadata(file).schema.find((c) => c.name === 'profit')!;
    expect([profit.type, profit.converted_type, profit.precision, profit.scale]).toEqual(['INT64', 'DECIMAL', 18, 4]);
    // hyparquet reads a DECIMAL as a float (unscaled × 10⁻⁴): compared at the column's 4 decimals.
    const fixed = (v: unknown) => (v == null ? null : Number(v).toFixed(4));
    const rows = await parquetReadObjects({ file });
    expect(rows.map((r) => [r.segment, r.customers, fixed(r.profit), fixed(r.profit_per_customer), r.below_adequate])).toEqual([
      ['Top', 2, '371.8680', '185.9340', 1], ['Never', 0, '0.0000', null, 0], ['Others', 4, '4.2250', '1.0563', 4],
    ]);
    const b = ws.exportReport('segments', 'parquet');
    const seg = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
    expect(seg.map((r) => [r.segment, r.customers, fixed(r.revenue), fixed(r.avg_monetary)])).toEqual([
      ['Top', 2, '1259.5600', '629.7800'], ['Never', 0, '0.0000', null], ['Others', 4, '40.7500', '10.1875'],
    ]);
  });
});

describe('transactions.csv: the rows used, to open again', () => {
  it('each used row as written in the file, ids guarded, amounts numbers in either dialect (no order id or cost: the file had none)', () => {
    const expected = [
      'customer_id,order_date,amount',
      '<img src=x onerror=alert(1)>,2024-01-05,10.0000',
      `"'=HYPERLINK(""http://example.com"",""x"")",2024-01-06,20.5000`,
      "'+1+1,2024-01-07,-5.0000",
      "'+1+1,2024-01-08,30.0000",
      "'@SUM(A1),2024-02-01,7.2500",
      "'-2+3,2024-02-02,1234.5600",
      'C100,2024-02-03,3.0000',
    ];
    expect(new TextDecoder().decode(ws.transactionsCsv()).split('\r\n').slice(0, -1)).toEqual(expected);
    expect(new TextDecoder().decode(ws.transactionsCsv('semicolon')).split('\r\n')[3]).toBe("'+1+1;2024-01-07;-5,0000");
  });
});
