/**
 * Number formatting for the charts: every function takes a BCP 47 locale (default 'en') so the labels follow
 * the UI language. Formatters are cached per (locale, options).
 */

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + '|' + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** A whole number with grouping: 2345 → "2,345" (en), "2.345" (es, nl). Rounds half away from zero. */
export function formatInt(n: number, locale = 'en'): string {
  if (!Number.isFinite(n)) return '—';
  return formatter(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * A share (a fraction: 0.312 = 31.2 %) as a percentage: 0.312 → "31.2%" (en), "31,2 %" (es).
 * `digits` is the maximum number of decimals (default 1); trailing zeros are dropped.
 */
export function formatPercent(share: number, locale = 'en', digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return formatter(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(share);
}

/**
 * A money amount with two decimals: 1234.5 → "1,234.50". With an ISO 4217 `currency` ("EUR") the locale's
 * currency format is used: "€1,234.50" (en), "1234,50 €" (es).
 */
export function formatMoney(n: number, locale = 'en', currency?: string): string {
  if (!Number.isFinite(n)) return '—';
  const options: Intl.NumberFormatOptions = currency
    ? { style: 'currency', currency }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return formatter(locale, options).format(n);
}

/** A plain number with at most `maxDigits` decimals (axis ticks, cut points): 12.5 → "12.5", 1500 → "1,500". */
export function formatNumber(n: number, locale = 'en', maxDigits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return formatter(locale, { maximumFractionDigits: Math.max(0, Math.min(20, Math.round(maxDigits))) }).format(n);
}
