import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { dateExpr, numberExpr, strictDateExpr, strictNumberExpr, trimmedText } from '../../src/sql/transactions';
import { lit } from '../../src/sql/sql-text';
import type { DateFormat, DecimalMark } from '../../src/domain/settings';

// The typing expressions have a fast path (DuckDB's own casts) and a full rule; these cases are written by hand
// and cover both, and every case also checks that the fast expression equals the full rule.
let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await openNodeDuckDB());
});

function evalBoth(expr: (v: string) => string, strict: (v: string) => string, inputs: string[]) {
  const values = inputs.map((v) => `(${lit(v)})`).join(', ');
  return engine.rows<{ v: string; fast: string | null; strict: string | null }>(
    `SELECT v, CAST(${expr('v')} AS VARCHAR) AS fast, CAST(${strict('v')} AS VARCHAR) AS strict FROM (VALUES ${values}) t(v)`,
  );
}

describe('numberExpr', () => {
  const cases: [DecimalMark, string, string | null][] = [
    ['point', '3.28', '3.2800'],
    ['point', '-3', '-3.0000'],
    ['point', ' 12.5 ', '12.5000'],
    ['point', '1.23456', '1.2346'],
    ['point', '1e3', '1000.0000'],
    ['point', '.5', '0.5000'],
    ['point', '1,234.56', '1234.5600'],
    ['point', '$1,234.56', '1234.5600'],
    ['point', '(12.50)', '-12.5000'],
    ['point', '1 000', '1000.0000'],
    // DuckDB's digit separator: dropped, as README "Numbers" says.
    ['point', '1_000', '1000.0000'],
    ['point', '12.34565', '12.3457'],
    ['point', '-12.34565', '-12.3457'],
    ['point', '12.50 €', '12.5000'],
    ['point', '\u00a0\u00a07.10', '7.1000'],
    ['point', 'n/a', null],
    ['point', '', null],
    ['point', '1.2.3', null],
    ['comma', '12,5', '12.5000'],
    ['comma', '-3,00', '-3.0000'],
    ['comma', '1.234,56', '1234.5600'],
    ['comma', '1.234', '1234.0000'],
    ['comma', '€ 1.000,00', '1000.0000'],
    ['comma', '(3,5)', '-3.5000'],
    ['comma', '7', '7.0000'],
    ['comma', '1_000,5', '1000.5000'],
    ['comma', '1,2,3', null],
    ['comma', 'abc', null],
  ];
  for (const mark of ['point', 'comma'] as const) {
    it(`reads money text with a decimal ${mark}, fast path and full rule alike`, () => {
      const mine = cases.filter((c) => c[0] === mark);
      const rows = evalBoth((v) => numberExpr(v, mark), (v) => strictNumberExpr(v, mark), mine.map((c) => c[1]));
      expect(rows.map((r) => r.fast)).toEqual(mine.map((c) => c[2]));
      expect(rows.map((r) => r.fast)).toEqual(rows.map((r) => r.strict));
    });
  }
});

describe('dateExpr', () => {
  const cases: [DateFormat, string, string | null][] = [
    ['iso', '2020-01-05', '2020-01-05'],
    ['iso', '2020-1-5', '2020-01-05'],
    ['iso', '2020/01/05', '2020-01-05'],
    ['iso', '2020.01.05', '2020-01-05'],
    ['iso', ' 2020-01-05 ', '2020-01-05'],
    ['iso', '2020-01-05 10:11', '2020-01-05'],
    ['iso', '2020-01-05T10:11:12', '2020-01-05'],
    ['iso', '2020-01-05 23:59:59.999', '2020-01-05'],
    ['iso', '1997-02-29', null],
    ['iso', '20-01-05', null],
    ['iso', '02020-01-05', null],
    ['iso', ' 02020-01-05', null],
    ['iso', '12020-01-05', null],
    ['iso', '+2020-01-05', null],
    ['iso', '0999-12-31', '0999-12-31'],
    ['iso', '05/01/2020', null],
    ['iso', 'yesterday', null],
    ['dmy', '05/01/2020', '2020-01-05'],
    ['dmy', '5.1.2020', '2020-01-05'],
    ['dmy', '05/01/20', null],
    ['mdy', '01/05/2020 10:00', '2020-01-05'],
    ['ymd-compact', '20200105', '2020-01-05'],
  ];
  for (const format of ['iso', 'dmy', 'mdy', 'ymd-compact'] as const) {
    it(`reads ${format} dates, fast path and full rule alike`, () => {
      const mine = cases.filter((c) => c[0] === format);
      const rows = evalBoth((v) => dateExpr(v, format), (v) => strictDateExpr(v, format), mine.map((c) => c[1]));
      expect(rows.map((r) => r.fast)).toEqual(mine.map((c) => c[2]));
      expect(rows.map((r) => r.fast)).toEqual(rows.map((r) => r.strict));
    });
  }
});

describe('trimmedText', () => {
  it('drops leading and trailing spaces, and empty or blank text becomes NULL, as nullif(trim(v), \'\') does', () => {
    const cases: [string, string | null][] = [
      ['C123', 'C123'],
      [' C123', 'C123'],
      ['C123  ', 'C123'],
      ['  C 123  ', 'C 123'],
      ['', null],
      ['   ', null],
      ['\tC123', '\tC123'], // trim removes spaces only (DuckDB), tabs stay — the same for both
      ['a-much-longer-customer-identifier ', 'a-much-longer-customer-identifier'],
    ];
    const rows = evalBoth(trimmedText, (v) => `nullif(trim(${v}), '')`, cases.map((c) => c[0]));
    expect(rows.map((r) => r.fast)).toEqual(cases.map((c) => c[1]));
    expect(rows.map((r) => r.fast)).toEqual(rows.map((r) => r.strict));
  });
});
