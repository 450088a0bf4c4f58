/**
 * Display formatting of numbers, money, percentages, sizes and calendar days, for the UI and the charts alike
 * (the figures themselves are computed in SQL). Built on Intl; every function takes a BCP 47 locale that
 * defaults to the current language's (locale.svelte.ts), so the text follows `setLanguage`. Formatters are
 * cached per (locale, options). Non-finite numbers show as "—".
 */
import { currentLanguage, currentLocale, type Language } from './locale.svelte';
import { roundedCents } from '../domain/decimal';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + '|' + JSON.stringify(options);
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** A whole number with grouping: 2345 → "2,345" (en), "2.345" (nl). Rounds half away from zero. */
export function formatInt(n: number, locale = currentLocale()): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A plain number with at most `maxDigits` decimals (axis ticks, cut points): 12.5 → "12.5", 1500 → "1,500". */
export function formatNumber(n: number, locale = currentLocale(), maxDigits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, { maximumFractionDigits: Math.max(0, Math.min(20, Math.round(maxDigits))) }).format(n);
}

/**
 * A number with exactly `digits` decimals and no grouping, as in a table column of averages: 12 → "12.0" (en),
 * "12,0" (es). Rounded as `toFixed` rounds, on the exact binary value (9.995 is stored just below, so "9.99"):
 * Intl would round the shortest decimal text instead, and English figures must not change.
 */
export function formatFixed(n: number, locale = currentLocale(), digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  return n.toFixed(digits).replace('.', decimalMark(locale));
}

/** The locale's decimal mark: "." (en), "," (es, nl). */
function decimalMark(locale: string): string {
  return numberFormat(locale, {}).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * A share (a fraction: 0.312 = 31.2 %) as a percentage: 0.312 → "31.2%" (en), "31,2 %" (es).
 * `digits` is the maximum number of decimals (default 1); trailing zeros are dropped.
 */
export function formatPercent(share: number, locale = currentLocale(), digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(share);
}

/**
 * A money amount with two decimals: 1234.5 → "1,234.50". With an ISO 4217 `currency` ("EUR") the locale's
 * currency format is used: "€1,234.50" (en), "1234,50 €" (es).
 */
export function formatMoney(n: number, locale = currentLocale(), currency?: string): string {
  if (!Number.isFinite(n)) return '—';
  const options: Intl.NumberFormatOptions = currency
    ? { style: 'currency', currency }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return numberFormat(locale, options).format(n);
}

/**
 * Exact decimal text "2500315.6300" → "2,500,315.63" (en), "2.500.315,63" (es) without going through a float:
 * rounded half up on the third decimal, the whole part grouped by Intl as a BigInt. Other text is returned as is.
 */
export function formatDecimalText(text: string, locale = currentLocale()): string {
  const r = roundedCents(text.trim());
  if (!r) return text;
  const w = numberFormat(locale, { maximumFractionDigits: 0 }).format(r.cents / 100n);
  return `${r.negative ? '-' : ''}${w}${decimalMark(locale)}${(r.cents % 100n).toString().padStart(2, '0')}`;
}

/** Bytes as B/KB/MB/GB (powers of 1024): one decimal under 10, none above: 5452595 → "5.2 MB". */
export function formatBytes(n: number, locale = currentLocale()): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const d = v < 10 ? 1 : 0;
  return `${numberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false }).format(v)} ${units[u]}`;
}

/**
 * A calendar day "2024-03-31" as the language shows days: 'iso' keeps the text (English does: the day as the
 * file gives it, unambiguous); Intl options format it in the locale ("31 mar 2024" in es-ES with
 * `{ dateStyle: 'medium' }`). The day is not shifted by any time zone. Other text is returned as is.
 */
export function formatDate(
  day: string,
  locale = currentLocale(),
  dates: Language['dates'] = currentLanguage().dates,
): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || dates === 'iso') return day;
  const options = { ...dates, timeZone: 'UTC' };
  const key = locale + '|' + JSON.stringify(options);
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
