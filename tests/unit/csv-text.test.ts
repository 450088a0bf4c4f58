import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { csvField, formulaSafe, numberText, tableToCsv } from '../../workers/csv-text';

describe('csvField', () => {
  it.each([
    ['plain', ',', 'plain'],
    ['a,b', ',', '"a,b"'],
    ['a,b', ';', 'a,b'],
    ['a;b', ';', '"a;b"'],
    ['a;b', ',', 'a;b'],
    ['say "hi"', ';', '"say ""hi"""'],
    ['two\nlines', ',', '"two\nlines"'],
  ])('%j with %j → %j', (v, sep, out) => expect(csvField(v, sep)).toBe(out));
});

describe('formulaSafe', () => {
  it.each([
    ['=HYPERLINK("http://example.com","x")', `'=HYPERLINK("http://example.com","x")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['a=b', 'a=b'],
    ['00017', '00017'],
    ['', ''],
    // Plain signed numbers are not formulas: a spreadsheet reads them as numbers either way.
    ['-5.00', '-5.00'],
    ['+3', '+3'],
    ['-1e3', '-1e3'],
    ['-12,50', '-12,50'],
    ['-.5', '-.5'],
    // … but anything more is guarded.
    ['-5.00+1', "'-5.00+1"],
    ['-1e3e3', "'-1e3e3"],
    ['- 5', "'- 5"],
    ['-', "'-"],
    ['+', "'+"],
    ['-5.0.0', "'-5.0.0"],
  ])('%j → %j', (v, out) => expect(formulaSafe(v)).toBe(out));
});

describe('numberText', () => {
  it.each([
    ['-5.00', 'comma', '-5.00'],
    ['-5.00', 'semicolon', '-5,00'],
    ['1234.5600', 'semicolon', '1234,5600'],
    ['42', 'semicolon', '42'],
  ] as const)('%s in %s → %s', (v, d, out) => expect(numberText(v, d)).toBe(out));
});

describe('tableToCsv', () => {
  const table = tableFromArrays({
    customer_id: ['=1+2', 'a;b', '1.5', '-3'],
    monetary: ['-5.0000', '1234.5600', '0.1000', '7.0000'],
    frequency: Int32Array.from([1, 2, 3, 4]),
    retention: Float64Array.from([0.25, 1, 0.5, 0]),
    segment: ['Champions', '@risk', 'x,y', 'Lost'],
  });

  it('comma dialect: text guarded and quoted on commas, the VARCHAR money column written as a number', () => {
    expect(tableToCsv(table, 'comma', ['monetary'])).toBe(
      'customer_id,monetary,frequency,retention,segment\r\n'
      + "'=1+2,-5.0000,1,0.25,Champions\r\n"
      + "a;b,1234.5600,2,1,'@risk\r\n"
      + '1.5,0.1000,3,0.5,"x,y"\r\n'
      + '-3,7.0000,4,0,Lost\r\n',
    );
  });

  it('semicolon dialect: decimal comma in number columns only, never in ids; quoted on semicolons', () => {
    expect(tableToCsv(table, 'semicolon', ['monetary'])).toBe(
      'customer_id;monetary;frequency;retention;segment\r\n'
      + "'=1+2;-5,0000;1;0,25;Champions\r\n"
      + `"a;b";1234,5600;2;1;'@risk\r\n`
      + '1.5;0,1000;3;0,5;x,y\r\n'
      + '-3;7,0000;4;0;Lost\r\n',
    );
  });

  it('a money column not named as a number is text, and a plain negative number in it is not guarded', () => {
    expect(tableToCsv(table).split('\r\n')[1]).toBe("'=1+2,-5.0000,1,0.25,Champions");
  });

  it('NULL is an empty field', () => {
    const t = tableFromArrays({ id: ['a', null as unknown as string], n: Float64Array.from([1, 2]) });
    expect(tableToCsv(t, 'semicolon')).toBe('id;n\r\na;1\r\n;2\r\n');
  });
});
