import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../helpers/duckdb';
import { guessMapping, roleOfHeader } from '../../src/domain/detect-columns';
import { emptyMapping, type ColumnMapping, type Role } from '../../src/domain/settings';
import { parseRows, sniffCsv } from '../../workers/ingest/sniff';
import { detectDateFormat } from '../../src/domain/dates';
import { detectDecimalMark } from '../../src/domain/numbers';
import { cdnowAsEuropeanCsv } from '../helpers/cdnow-dialects';

/** A mapping with the given roles set and every other role null. */
function mapping(roles: Partial<ColumnMapping>): ColumnMapping {
  return { ...emptyMapping(), ...roles };
}

/** Header and rows of a small semicolon- or comma-separated text. */
function table(text: string): [string[], string[][]] {
  const dialect = sniffCsv(text, true);
  return [dialect.columns, parseRows(text, dialect, 500)];
}

describe('guessMapping: real and typical headers', () => {
  const cases: [string, string, ColumnMapping][] = [
    [
      'CDNOW',
      'customer_id,date,number_of_cds,dollar_value\n00001,19970101,1,11.77\n00002,19970112,1,12.00\n00002,19970112,5,77.00\n',
      mapping({ customer: 'customer_id', date: 'date', quantity: 'number_of_cds', amount: 'dollar_value' }),
    ],
    [
      'online retail (no amount column: quantity × unit price)',
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n' +
        '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n' +
        '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n' +
        'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n' +
        '536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom\n',
      mapping({ customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', quantity: 'Quantity', unitPrice: 'UnitPrice' }),
    ],
    [
      'rfm_data_orders',
      '"customer_id","order_date","revenue","first_name","last_name","email"\n' +
        '"Brion Stark","2004-12-20",32,"Brion","Stark","brion_stark@rfmail.com"\n' +
        '"Ethyl Botsford","2005-05-02",36,"Ethyl","Botsford","ethyl_botsford@rfmail.com"\n',
      mapping({ customer: 'customer_id', date: 'order_date', amount: 'revenue' }),
    ],
    [
      'Spanish',
      'cliente;fecha;importe;coste\nC001;31/03/2024;1.234,56;800,00\nC002;01/04/2024;12,50;7,25\n',
      mapping({ customer: 'cliente', date: 'fecha', amount: 'importe', cost: 'coste' }),
    ],
    [
      'Portuguese',
      'cliente;data;valor;custo\n0042;31/03/2024;99,90;40,00\n0043;02/04/2024;15,00;5,10\n',
      mapping({ customer: 'cliente', date: 'data', amount: 'valor', cost: 'custo' }),
    ],
    [
      'Dutch',
      'klant;datum;bedrag;kosten\nK1;31-03-2024;€ 12,50;€ 3,10\nK2;01-04-2024;€ 1.200,00;€ 800,00\n',
      mapping({ customer: 'klant', date: 'datum', amount: 'bedrag', cost: 'kosten' }),
    ],
    [
      'Dutch, CDNOW rewrite (capitalised, a notes column)',
      'Klant;Datum;Aantal;Bedrag;Opmerking\n00001;01/01/1997;1;11,77;café\n00002;12/01/1997;1;12,00;crème brûlée\n',
      mapping({ customer: 'Klant', date: 'Datum', quantity: 'Aantal', amount: 'Bedrag' }),
    ],
    [
      'accents, spaces and profit',
      'Código Cliente;Número Pedido;Fecha Pedido;Precio;Cantidad;Beneficio\nX1;P-1;2024-03-31;2,50;3;1,10\nX2;P-2;2024-04-01;1,00;1;0,20\n',
      mapping({ customer: 'Código Cliente', order: 'Número Pedido', date: 'Fecha Pedido', unitPrice: 'Precio', quantity: 'Cantidad', profit: 'Beneficio' }),
    ],
    [
      'Portuguese unit price and quantity, nota fiscal',
      'id_cliente,nota,data,preço,quantidade\n7,NF1,2024-03-31,10.00,2\n8,NF2,2024-04-01,5.50,1\n',
      mapping({ customer: 'id_cliente', order: 'nota', date: 'data', unitPrice: 'preço', quantity: 'quantidade' }),
    ],
    [
      'English compounds: customer name and customer id, order date, total price',
      'Customer Name,CustomerId,OrderNumber,Order Date,Total\nAnn,17,1001,03/31/2024,12.50\nBob,18,1002,04/01/2024,7.25\n',
      mapping({ customer: 'CustomerId', order: 'OrderNumber', date: 'Order Date', amount: 'Total' }),
    ],
    [
      'Dutch compounds: klantnummer, factuurnummer, factuurdatum, omzet',
      'klantnummer;factuurnummer;factuurdatum;omzet\n1001;F-1;31-03-2024;12,50\n1002;F-2;01-04-2024;7,25\n',
      mapping({ customer: 'klantnummer', order: 'factuurnummer', date: 'factuurdatum', amount: 'omzet' }),
    ],
    [
      'a known date name whose values are not dates is not the date',
      'customer,date,amount,when\nA,soon,1.50,2024-03-31\nB,later,2.50,2024-04-01\n',
      mapping({ customer: 'customer', date: 'when', amount: 'amount' }),
    ],
    [
      'headerless CDNOW judged by the values',
      '00001,19970101,1,11.77\n00002,19970112,1,12.00\n00002,19970112,5,77.00\n00003,19970102,2,20.76\n00003,19970330,2,20.76\n',
      mapping({ customer: 'column1', date: 'column2', amount: 'column4' }),
    ],
    [
      'unknown names judged by the values',
      'who,when,how much\nann,2024-03-31,12.50\nbob,2024-04-01,7.25\nann,2024-04-02,3.10\n',
      mapping({ customer: 'who', date: 'when', amount: 'how much' }),
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const [columns, rows] = table(text);
    expect(guessMapping(columns, rows)).toEqual(expected);
  });

  it('never maps one column to two roles', () => {
    const [columns, rows] = table('total,price\n12.50,2.50\n7.25,1.25\n');
    const m = guessMapping(columns, rows);
    const used = Object.values(m).filter((c) => c !== null);
    expect(new Set(used).size).toBe(used.length);
    expect(m).toEqual(mapping({ amount: 'total', unitPrice: 'price' }));
  });

  it('works from the names alone when there are no rows', () => {
    expect(guessMapping(['Klant', 'Datum', 'Bedrag'], [])).toEqual(mapping({ customer: 'Klant', date: 'Datum', amount: 'Bedrag' }));
  });
});

describe('guessMapping: the start of the real files', () => {
  const files: [string, ColumnMapping][] = [
    ['cdnow/CDNOW_master.txt', mapping({ customer: 'customer_id', date: 'date', quantity: 'number_of_cds', amount: 'dollar_value' })],
    [
      'online_retail/online_retail_2010-12.csv',
      mapping({ customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', quantity: 'Quantity', unitPrice: 'UnitPrice' }),
    ],
    ['rfm_data_orders/rfm_data_orders.csv', mapping({ customer: 'customer_id', date: 'order_date', amount: 'revenue' })],
  ];
  it.each(files)('%s', (path, expected) => {
    const text = new TextDecoder().decode(readFileSync(join(SHARED_DATA, path)).subarray(0, 64 * 1024));
    const dialect = sniffCsv(text, false);
    expect(guessMapping(dialect.columns, parseRows(text, dialect, 500, false))).toEqual(expected);
  });
});

describe('the whole detection on CDNOW as a Dutch spreadsheet saves it', () => {
  it('finds semicolons, the header, the roles, dd/mm/yyyy and the decimal comma', () => {
    const text = new TextDecoder('windows-1252').decode(cdnowAsEuropeanCsv().subarray(0, 64 * 1024));
    const dialect = sniffCsv(text, false);
    expect(dialect).toEqual({ delimiter: ';', quote: '"', header: true, columns: ['Klant', 'Datum', 'Aantal', 'Bedrag', 'Opmerking'], preamble: 0 });
    const rows = parseRows(text, dialect, 500, false);
    expect(rows.slice(0, 2)).toEqual([
      ['00001', '01/01/1997', '1', '11,77', 'café'],
      ['00002', '12/01/1997', '1', '12,00', 'crème brûlée'],
    ]);
    const m = guessMapping(dialect.columns, rows);
    expect(m).toEqual(mapping({ customer: 'Klant', date: 'Datum', quantity: 'Aantal', amount: 'Bedrag' }));
    expect(detectDateFormat(rows.map((r) => r[1])).format).toBe('dmy');
    expect(detectDecimalMark(rows.map((r) => r[3]))).toBe('comma');
  });
});

describe('roleOfHeader', () => {
  const cases: [string, Role | null][] = [
    ['customer_id', 'customer'],
    ['CustomerID', 'customer'],
    ['Código Cliente', 'customer'],
    ['klantnummer', 'customer'],
    ['InvoiceNo', 'order'],
    ['factuur', 'order'],
    ['InvoiceDate', 'date'],
    ['fecha', 'date'],
    ['besteldatum', 'date'],
    ['dollar_value', 'amount'],
    ['omzet', 'amount'],
    ['number_of_cds', 'quantity'],
    ['preço', 'unitPrice'],
    ['kostprijs', 'cost'],
    ['winst', 'profit'],
    ['StockCode', null],
    ['Description', null],
    ['00001', null],
  ];
  it.each(cases)('%s → %s', (name, role) => {
    expect(roleOfHeader(name)).toBe(role);
  });
});
