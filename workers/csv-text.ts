import type { Table } from 'apache-arrow';

/** Quotes a CSV field when it holds a comma, a quote or a line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? '"' + v.replaceAll('"', '""') + '"' : v;
}

/**
 * An Arrow table as CSV text: UTF-8, comma, header, CRLF line ends; NULL as an empty field.
 * Values are written with String(), so queries cast exact decimals to VARCHAR first.
 */
export function tableToCsv(table: Table): string {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((n) => table.getChild(n)!);
  const lines: string[] = [names.map(csvField).join(',')];
  for (let i = 0; i < table.numRows; i++) {
    lines.push(cols.map((c) => { const v = c.get(i); return v == null ? '' : csvField(String(v)); }).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
