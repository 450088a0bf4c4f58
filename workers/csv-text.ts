import { DataType, type Table } from 'apache-arrow';

/**
 * How a CSV export is written: `comma` (separator `,`, decimal point) or `semicolon` (separator `;`, decimal
 * comma: what spreadsheets in Spanish, Portuguese and Dutch open as numbers).
 */
export type ExportDialect = 'comma' | 'semicolon';
export const EXPORT_DIALECTS: readonly ExportDialect[] = ['comma', 'semicolon'];

/** Quotes a CSV field when it holds the separator, a quote or a line break. */
export function csvField(v: string, separator = ','): string {
  return v.includes(separator) || /["\r\n]/.test(v) ? '"' + v.replaceAll('"', '""') + '"' : v;
}

/** A plain number as text (a sign, digits, one decimal point or comma, an exponent): no spreadsheet runs it. */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`
 * (OWASP's advice against CSV injection); other text is unchanged, and so is a plain signed number (`-5.00`,
 * `+3`, `-1e3`: a rows-not-used amount as written stays a number).
 */
export function formulaSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) && !PLAIN_NUMBER.test(v) ? "'" + v : v;
}

/** A number's text in the dialect: the decimal point becomes a comma for `semicolon`. */
export function numberText(v: string, dialect: ExportDialect): string {
  return dialect === 'semicolon' ? v.replace('.', ',') : v;
}

/** Whether an Arrow column holds numbers (integers, floats, decimals). */
function isNumeric(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

/**
 * An Arrow table as CSV text: UTF-8, header, CRLF line ends; NULL as an empty field. Values are written with
 * String(), so queries cast exact decimals to VARCHAR first and name those columns in `numeric`: they, and the
 * columns Arrow types as numbers, are written as numbers in the dialect; every other column is text, guarded
 * against formulas.
 */
export function tableToCsv(table: Table, dialect: ExportDialect = 'comma', numeric: readonly string[] = []): string {
  const separator = dialect === 'semicolon' ? ';' : ',';
  const fields = table.schema.fields;
  const cols = fields.map((f) => table.getChild(f.name)!);
  const asNumber = fields.map((f) => numeric.includes(f.name) || isNumeric(f.type));
  const cell = (v: unknown, j: number) => {
    if (v == null) return '';
    const s = String(v);
    return csvField(asNumber[j] ? numberText(s, dialect) : formulaSafe(s), separator);
  };
  const lines: string[] = [fields.map((f) => csvField(f.name, separator)).join(separator)];
  for (let i = 0; i < table.numRows; i++) lines.push(cols.map((c, j) => cell(c.get(i), j)).join(separator));
  return lines.join('\r\n') + '\r\n';
}
