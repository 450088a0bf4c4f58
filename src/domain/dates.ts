/**
 * Date formats of a date column: which of the supported day orders every value fits, and a reading of one
 * value to an ISO day that mirrors the SQL one (`dateExpr` in src/sql/transactions.ts).
 */
import type { DateFormat } from './settings';

/** What the values of a date column say about their format. */
export interface DateDetection {
  /** The one format every value fits; null when none fits, or when day and month order is ambiguous. */
  format: DateFormat | null;
  /** Both dmy and mdy fit (every day value is 12 or less): the user chooses. */
  ambiguous: boolean;
  /** Every format under which each non-empty value is a real calendar date. */
  candidates: DateFormat[];
  /** At least one value carries a time of day after the date. */
  hasTime: boolean;
}

const FORMATS: DateFormat[] = ['iso', 'ymd-compact', 'dmy', 'mdy'];

/** A time of day after the date: ` 08:26`, ` 08:26:00`, `T08:26:00`, optionally with a fraction of a second. */
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);

/** Years a compact `YYYYMMDD` value must fall in to count as a date when detecting (8-digit ids are not dates). */
const COMPACT_YEARS: [number, number] = [1800, 2200];

interface Parts {
  year: number;
  month: number;
  day: number;
  time: boolean;
}

/** True for a real calendar day (Gregorian, leap years included); year 0 is not a year. */
function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** True for a valid time of day from the captured hour, minute and second (second optional). */
function isRealTime(h: string | undefined, m: string | undefined, s: string | undefined): boolean {
  if (h === undefined) return true;
  return Number(h) < 24 && Number(m) < 60 && (s === undefined || Number(s) < 60);
}

/** Splits a value into year, month and day under a format, or null when it does not fit or is not a real day. */
function partsOf(value: string, format: DateFormat): Parts | null {
  const v = value.trim();
  let year: number;
  let month: number;
  let day: number;
  let time = false;
  if (format === 'ymd-compact') {
    const m = COMPACT.exec(v);
    if (!m) return null;
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    const m = (format === 'iso' ? ISO : DAY_MONTH).exec(v);
    if (!m || !isRealTime(m[5], m[6], m[7])) return null;
    time = m[5] !== undefined;
    if (format === 'iso') [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
    else if (format === 'dmy') [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
    else [month, day, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  }
  return isRealDay(year, month, day) ? { year, month, day, time } : null;
}

/** Like partsOf, but a compact value only counts when its year is plausible (detection, not reading). */
function detectParts(value: string, format: DateFormat): Parts | null {
  const p = partsOf(value, format);
  if (p && format === 'ymd-compact' && (p.year < COMPACT_YEARS[0] || p.year > COMPACT_YEARS[1])) return null;
  return p;
}

/** The ISO day (`YYYY-MM-DD`) a value stands for under a format, or null (four-digit years only; time ignored). */
export function parseDate(value: string, format: DateFormat): string | null {
  const p = partsOf(value, format);
  if (!p) return null;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

/** True when the value is a date under at least one supported format. */
export function looksLikeDate(value: string): boolean {
  return FORMATS.some((f) => detectParts(value, f) !== null);
}

/**
 * The formats a column's values fit (empty values ignored): the format when exactly one fits,
 * `ambiguous` when both day-first and month-first fit (then format is null and the user chooses).
 */
export function detectDateFormat(values: string[]): DateDetection {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return { format: null, ambiguous: false, candidates: [], hasTime: false };
  const candidates: DateFormat[] = [];
  let hasTime = false;
  for (const format of FORMATS) {
    const parts = [];
    for (const v of filled) {
      const p = detectParts(v, format);
      if (!p) break;
      parts.push(p);
    }
    if (parts.length < filled.length) continue;
    candidates.push(format);
    if (parts.some((p) => p.time)) hasTime = true;
  }
  const ambiguous = candidates.includes('dmy') && candidates.includes('mdy');
  return { format: candidates.length === 1 ? candidates[0] : null, ambiguous, candidates, hasTime };
}

/** Before this day, an order date is taken as odd (a typo, or a date read in the wrong format). */
const FAR_PAST = '1950-01-01';

/**
 * What is odd about the span of order dates (ISO texts), to say under the summary: a first order before 1950, a
 * last order after `today` (ISO).
 */
export function dateOddities(first: string | null, last: string | null, today: string): { code: 'far-past' | 'future'; date: string }[] {
  const out: { code: 'far-past' | 'future'; date: string }[] = [];
  if (first && first < FAR_PAST) out.push({ code: 'far-past', date: first });
  if (last && last > today) out.push({ code: 'future', date: last });
  return out;
}

/** Days in a month of a year (month 1–12), in the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` calendar months earlier, or that month's last day when the day does not exist there
 * (2017-12-31 → 2017-09-30; Date.setMonth would roll over to 2017-10-01). The comparison date's default.
 */
export function monthsBefore(isoDay: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m || !Number.isInteger(months)) throw new Error(`Not an ISO day or month count: ${isoDay}, ${months}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO day moved by a whole number of days (the calibration end's default: the day before the analysis date). */
export function addDays(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(t) || !Number.isInteger(days)) throw new Error(`Not an ISO day or day count: ${isoDay}, ${days}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
