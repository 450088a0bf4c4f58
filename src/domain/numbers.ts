/**
 * How amounts are written in a file: the decimal mark, and a text-to-number reading that mirrors the SQL one
 * (`numberExpr` in src/sql/transactions.ts) for previews and tests.
 */
import type { DecimalMark } from './settings';

/** Currency signs and spaces (including no-break spaces) that may surround or split a number. */
const NOISE = /[\s€$£¥\u00a0\u202f]/g;

/** A number written with optional thousands groups (`.` `,` or none) and an optional decimal part (`.` or `,`). */
const NUMBER_SHAPE = /^[+-]?(?:\d+(?:[.,]\d{3})*(?:[.,]\d+)?|[.,]\d+)$/;

/** Strips currency signs and spaces, and turns `(12.50)` into `-12.50`. */
function clean(value: string): string {
  let v = value.replace(NOISE, '');
  if (/^\(.*\)$/.test(v)) v = '-' + v.slice(1, -1);
  return v;
}

/** True when the text reads as a number under either decimal mark (currency signs and spaces allowed). */
export function looksLikeNumber(value: string): boolean {
  const v = clean(value);
  return v !== '' && NUMBER_SHAPE.test(v);
}

/** The decimal mark one value shows unambiguously, or null (no mark, or `1,234` / `1.234` alone). */
function markOf(value: string): DecimalMark | null {
  const v = clean(value).replace(/^[+-]/, '');
  if (!NUMBER_SHAPE.test(v)) return null;
  const lastPoint = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  if (lastPoint >= 0 && lastComma >= 0) return lastComma > lastPoint ? 'comma' : 'point';
  const mark = lastPoint >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return null;
  const parts = v.split(mark);
  const own: DecimalMark = mark === '.' ? 'point' : 'comma';
  const other: DecimalMark = mark === '.' ? 'comma' : 'point';
  // The mark appears twice or more: it groups thousands, so the decimal mark is the other one.
  if (parts.length > 2) return other;
  const [whole, frac] = parts;
  // `1,234` or `12.345`: a thousands group or three decimals; the value alone cannot tell.
  if (frac.length === 3 && whole.length >= 1 && whole.length <= 3 && whole !== '0' && whole !== '') return null;
  return own;
}

/**
 * The decimal mark of a column of amounts: the majority of the values that show it unambiguously
 * (`1.234,56`, `12,5` → comma; `1,234.56`, `12.5` → point); point on a tie or when none do.
 */
export function detectDecimalMark(values: string[]): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const value of values) {
    const mark = markOf(value);
    if (mark === 'comma') comma++;
    else if (mark === 'point') point++;
  }
  return comma > point ? 'comma' : 'point';
}

/** The number a text stands for under a decimal mark (thousands marks dropped), or null when it does not read. */
export function parseAmount(value: string, mark: DecimalMark): number | null {
  let v = clean(value);
  v = mark === 'comma' ? v.replaceAll('.', '').replace(',', '.') : v.replaceAll(',', '');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(v)) return null;
  return Number(v);
}

/**
 * A number a person typed in a form (a cost, a percentage), as plain decimal text with a point ("1234.50"), or
 * null when it does not read. Thousands marks and spaces are dropped: when both `.` and `,` appear, the last
 * one is the decimal mark (`1.234,50` and `1,234.50` are both 1234.50); one kind repeated groups thousands
 * (`1.234.567`); a single `,` is a decimal comma unless it is followed by exactly three digits and the data's
 * decimal mark is the point (`1,234` with point data is 1234; with comma data it is 1.234).
 */
export function typedDecimal(text: string, dataMark: DecimalMark = 'point'): string | null {
  let v = text.replace(NOISE, '');
  if (v === '') return null;
  if (!/^[+-]?[\d.,]+$/.test(v)) return null;
  const sign = /^[+-]/.test(v) ? v[0] : '';
  v = v.replace(/^[+-]/, '');
  const points = v.split('.').length - 1;
  const commas = v.split(',').length - 1;
  let decimal: '.' | ',' | null;
  if (points && commas) decimal = v.lastIndexOf(',') > v.lastIndexOf('.') ? ',' : '.';
  else if (points > 1) decimal = null;
  else if (commas > 1) decimal = null;
  else if (commas === 1) decimal = /,\d{3}$/.test(v) && dataMark === 'point' && !/^0,/.test(v) ? null : ',';
  else decimal = points === 1 ? '.' : null;
  const thousands = decimal === ',' ? '.' : decimal === '.' ? ',' : points > 1 ? '.' : ',';
  // Thousands marks must group threes: `1.2.3` is not a number.
  const [whole, frac = ''] = decimal ? [v.slice(0, v.lastIndexOf(decimal)), v.slice(v.lastIndexOf(decimal) + 1)] : [v];
  if (whole.includes(thousands) && !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})+$`).test(whole)) return null;
  if (decimal && frac.includes(thousands)) return null;
  const digits = whole.replaceAll(thousands, '');
  if (!/^\d*$/.test(digits) || !/^\d*$/.test(frac) || (digits === '' && frac === '')) return null;
  return `${sign === '-' ? '-' : ''}${digits || '0'}${frac ? '.' + frac : ''}`;
}
