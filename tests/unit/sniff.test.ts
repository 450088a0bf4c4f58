import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../helpers/duckdb';
import { parseRows, sniffCsv, SniffError, type CsvDialect } from '../../workers/ingest/sniff';

/** The first 64 KB of a shared data file, decoded as UTF-8 (the files are ASCII). */
function head(path: string): string {
  return new TextDecoder().decode(readFileSync(join(SHARED_DATA, path)).subarray(0, 64 * 1024));
}

describe('sniffCsv: dialects', () => {
  const cases: [string, string, Omit<CsvDialect, 'preamble'>][] = [
    ['comma', 'customer,date,amount\n1,2024-01-02,3.50\n2,2024-01-03,4.00\n', { delimiter: ',', quote: '"', header: true, columns: ['customer', 'date', 'amount'] }],
    ['semicolon', 'customer;date;amount\n1;2024-01-02;3.50\n2;2024-01-03;4.00\n', { delimiter: ';', quote: '"', header: true, columns: ['customer', 'date', 'amount'] }],
    ['tab', 'customer\tdate\tamount\n1\t2024-01-02\t3.50\n2\t2024-01-03\t4.00\n', { delimiter: '\t', quote: '"', header: true, columns: ['customer', 'date', 'amount'] }],
    ['pipe', 'customer|date|amount\n1|2024-01-02|3.50\n2|2024-01-03|4.00\n', { delimiter: '|', quote: '"', header: true, columns: ['customer', 'date', 'amount'] }],
    [
      'semicolon with decimal commas and dot thousands',
      'cliente;fecha;importe\nA1;31/03/2024;1.234,56\nA2;01/04/2024;12,50\nA3;02/04/2024;-3,00\n',
      { delimiter: ';', quote: '"', header: true, columns: ['cliente', 'fecha', 'importe'] },
    ],
    [
      'runs of spaces, leading spaces (CDNOW style)',
      ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1  11.77\r\n 00002 19970112  1  12.00\r\n',
      { delimiter: 'whitespace', quote: null, header: true, columns: ['customer_id', 'date', 'number_of_cds', 'dollar_value'] },
    ],
    [
      'runs of spaces without a header',
      ' 00001 19970101  1  11.77\r\n 00002 19970112  1  12.00\r\n 00002 19970112  5  77.00\r\n',
      { delimiter: 'whitespace', quote: null, header: false, columns: ['column1', 'column2', 'column3', 'column4'] },
    ],
    [
      'comma without a header',
      '00001,19970101,1,11.77\n00002,19970112,1,12.00\n',
      { delimiter: ',', quote: '"', header: false, columns: ['column1', 'column2', 'column3', 'column4'] },
    ],
    [
      'quoted fields with commas, quotes and newlines',
      'id,note,amount\n1,"a, b",2.5\n2,"say ""hi""",3\n3,"two\nlines, really",4\n4,plain,5\n',
      { delimiter: ',', quote: '"', header: true, columns: ['id', 'note', 'amount'] },
    ],
    [
      'CRLF line ends',
      'customer,date,amount\r\n1,2024-01-02,3\r\n2,2024-01-03,4\r\n',
      { delimiter: ',', quote: '"', header: true, columns: ['customer', 'date', 'amount'] },
    ],
    [
      'byte-order mark and padded names',
      '\uFEFF Customer , Date ,Amount\n1,2024-01-02,3\n',
      { delimiter: ',', quote: '"', header: true, columns: ['Customer', 'Date', 'Amount'] },
    ],
    [
      'empty and duplicate names made unique',
      'amount,,amount,Amount,column2\n1,2,3,4,5\n6,7,8,9,10\n',
      { delimiter: ',', quote: '"', header: true, columns: ['amount', 'column2_2', 'amount_2', 'Amount_3', 'column2'] },
    ],
    [
      'all-text columns: the first row is taken as a header',
      'name,colour\nann,red\nbob,blue\n',
      { delimiter: ',', quote: '"', header: true, columns: ['name', 'colour'] },
    ],
    [
      'stray inch marks mean quotes are plain text',
      'item,size,amount\npizza,12" large,9.50\npizza,10" small,7.50\n',
      { delimiter: ',', quote: null, header: true, columns: ['item', 'size', 'amount'] },
    ],
    [
      'a single data row without header',
      '17,2024-01-02,3.5\n',
      { delimiter: ',', quote: '"', header: false, columns: ['column1', 'column2', 'column3'] },
    ],
    [
      'blank lines are skipped',
      'customer,date,amount\n\n1,2024-01-02,3\n\n2,2024-01-03,4\n\n',
      { delimiter: ',', quote: '"', header: true, columns: ['customer', 'date', 'amount'] },
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(sniffCsv(text, true)).toEqual({ preamble: 0, ...expected });
  });

  it('ignores a cut last line when the sample is not the whole file', () => {
    // Complete: the cut line "3;2024-01-0" would be a row with fewer fields; incomplete: it is dropped.
    const text = 'a;b;c\n1;2024-01-02;3\n2;2024-01-03;4\n3;2024-0';
    expect(sniffCsv(text, false)).toEqual({ preamble: 0, delimiter: ';', quote: '"', header: true, columns: ['a', 'b', 'c'] });
    expect(parseRows(text, sniffCsv(text, false), 10, false)).toEqual([
      ['1', '2024-01-02', '3'],
      ['2', '2024-01-03', '4'],
    ]);
  });

  it('a cut quoted field at the end of a sample is not counted', () => {
    const text = 'id,note\n1,"x"\n2,"y"\n3,"a long note, cut';
    expect(parseRows(text, sniffCsv(text, false), 10, false)).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });
});

describe('sniffCsv: errors', () => {
  const cases: [string, string, RegExp][] = [
    ['empty text', '', /empty/],
    ['only blank lines', '\r\n\r\n  \n', /empty/],
    ['only a byte-order mark', '\uFEFF', /empty/],
    ['a header without rows', 'customer,date,amount\r\n', /has a header but no data rows/],
    ['a whitespace header without rows', ' customer_id  date number_of_cds  dollar_value\r\n', /has a header but no data rows/],
    ['NUL bytes', 'PK\u0003\u0004\u0000\u0000abc,def\n', /does not look like a text \(CSV\) file/],
    [
      'binary garbage',
      Array.from({ length: 2048 }, (_, i) => String.fromCharCode(((i * 7919) % 255) + 1)).join(''),
      /does not look like a text \(CSV\) file/,
    ],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    let error: unknown;
    try {
      sniffCsv(text, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SniffError);
    expect((error as SniffError).message).toMatch(message);
  });
});

describe('parseRows', () => {
  it('splits quoted fields with separators, escaped quotes and newlines', () => {
    const text = 'id,note,amount\r\n1,"a, b",2.5\r\n2,"say ""hi""",3\r\n3,"two\r\nlines",4\r\n';
    const dialect = sniffCsv(text, true);
    expect(parseRows(text, dialect, 10)).toEqual([
      ['1', 'a, b', '2.5'],
      ['2', 'say "hi"', '3'],
      ['3', 'two\r\nlines', '4'],
    ]);
  });

  it('keeps the first row when there is no header, and stops at the limit', () => {
    const text = '1;x\n2;y\n3;z\n';
    const dialect: CsvDialect = { delimiter: ';', quote: '"', header: false, columns: ['column1', 'column2'], preamble: 0 };
    expect(parseRows(text, dialect, 2)).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });

  it('splits the whitespace dialect on runs of spaces after trimming', () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1  11.77\r\n';
    expect(parseRows(text, sniffCsv(text, true), 10)).toEqual([['00001', '19970101', '1', '11.77']]);
  });

  it('keeps quote marks as text when the dialect has no quote', () => {
    const dialect: CsvDialect = { delimiter: ',', quote: null, header: true, columns: ['a', 'b'], preamble: 0 };
    expect(parseRows('a,b\n"x,y\n', dialect, 5)).toEqual([['"x', 'y']]);
  });
});

describe('the start of the real files', () => {
  it('CDNOW: runs of spaces, header, four columns', () => {
    const text = head('cdnow/CDNOW_master.txt');
    const dialect = sniffCsv(text, false);
    expect(dialect).toEqual({ preamble: 0,
      delimiter: 'whitespace',
      quote: null,
      header: true,
      columns: ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
    });
    const rows = parseRows(text, dialect, 3, false);
    expect(rows).toEqual([
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '1', '12.00'],
      ['00002', '19970112', '5', '77.00'],
    ]);
  });

  it('CDNOW without its header line: judged as data', () => {
    const text = head('cdnow/CDNOW_master.txt').replace(/^[^\n]*\n/, '');
    expect(sniffCsv(text, false)).toEqual({
      preamble: 0,
      delimiter: 'whitespace',
      quote: null,
      header: false,
      columns: ['column1', 'column2', 'column3', 'column4'],
    });
  });

  it('online retail: comma, quoted descriptions, eight columns', () => {
    const text = head('online_retail/online_retail_2010-12.csv');
    const dialect = sniffCsv(text, false);
    expect(dialect).toEqual({
      preamble: 0,
      delimiter: ',',
      quote: '"',
      header: true,
      columns: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
    });
    const rows = parseRows(text, dialect, 1000, false);
    expect(rows[0]).toEqual(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6', '2010-12-01 08:26:00', '2.55', '17850.0', 'United Kingdom']);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    // A description that holds a comma inside quotes stays one field.
    expect(rows.some((r) => r[2].includes(','))).toBe(true);
  });

  it('rfm_data_orders: every field quoted but the amount', () => {
    const text = head('rfm_data_orders/rfm_data_orders.csv');
    const dialect = sniffCsv(text, false);
    expect(dialect).toEqual({
      preamble: 0,
      delimiter: ',',
      quote: '"',
      header: true,
      columns: ['customer_id', 'order_date', 'revenue', 'first_name', 'last_name', 'email'],
    });
    expect(parseRows(text, dialect, 1, false)).toEqual([['Brion Stark', '2004-12-20', '32', 'Brion', 'Stark', 'brion_stark@rfmail.com']]);
  });
});

describe('sniffCsv: a preamble above the table', () => {
  it.each([
    ['a title line', 'Sales report\ncustomer,date,amount\nA,2024-01-01,1\nB,2024-01-02,2\n', 1],
    ['a title and an export date padded with separators, and a blank line', 'Report;;\nExported 2024-07-01;;\n\ncustomer;date;amount\nA;2024-01-01;1\nB;2024-01-02;2\n', 2],
    ['no preamble', 'customer,date,amount\nA,2024-01-01,1\n', 0],
  ])('%s', (_name, text, preamble) => {
    const d = sniffCsv(text, true);
    expect(d.preamble).toBe(preamble);
    expect(d.columns).toEqual(['customer', 'date', 'amount']);
    expect(parseRows(text, d, 5)[0]).toEqual(['A', '2024-01-01', '1']);
  });
});
