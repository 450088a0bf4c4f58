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
