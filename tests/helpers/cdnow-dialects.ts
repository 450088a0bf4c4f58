import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from './duckdb';

/** The CDNOW master file's rows as fields: customer id, YYYYMMDD, CDs, dollars (text as in the file). */
export function cdnowRows(): string[][] {
  const text = readFileSync(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'), 'latin1');
  return text
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/));
}

/** "1234.5" → "1.234,50": decimal comma with a dot every three digits. */
export function europeanAmount(dollars: string): string {
  const [whole, frac = ''] = dollars.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${grouped},${(frac + '00').slice(0, 2)}`;
}

const NOTES = ['café', 'crème brûlée', 'señor', 'Ålborg', ''];

/**
 * CDNOW rewritten as a Dutch spreadsheet would save it: semicolons, decimal comma with dot thousands,
 * dd/mm/yyyy dates, CRLF, Windows-1252 bytes (the notes column holds accented letters), header in Dutch.
 */
export function cdnowAsEuropeanCsv(): Buffer {
  const lines = ['Klant;Datum;Aantal;Bedrag;Opmerking'];
  cdnowRows().forEach(([id, d, cds, dollars], i) => {
    const date = `${d.slice(6, 8)}/${d.slice(4, 6)}/${d.slice(0, 4)}`;
    lines.push(`${id};${date};${cds};${europeanAmount(dollars)};${NOTES[i % NOTES.length]}`);
  });
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}
