/**
 * The minimum-data check before a lifetime-value fit: too few customers, too few repeat buyers or too short a
 * calibration period give a reason (a code for the messages module) instead of a silent or absurd fit. A
 * 'refuse' problem stops the fit; a 'warn' problem lets it run and is shown beside it.
 */
export type MinimumDataCode = 'few-customers' | 'few-repeat-buyers' | 'short-calibration';

export interface MinimumDataProblem {
  code: MinimumDataCode;
  level: 'refuse' | 'warn';
  /** What the data has, and the limit it missed (customers, or weeks for the calibration). */
  value: number;
  limit: number;
}

/** Limits below which the fit is refused, and below which it runs with a warning. */
export const MIN_DATA = {
  customers: { refuse: 30, warn: 300 },
  repeatBuyers: { refuse: 10, warn: 100 },
  /** Weeks from the earliest first purchase to the calibration end. */
  calibrationWeeks: { refuse: 4, warn: 13 },
} as const;

/** The problems of a calibration summary (empty when the data is enough). */
export function minimumDataCheck(s: { customers: number; repeatCustomers: number; calibrationWeeks: number }): MinimumDataProblem[] {
  const out: MinimumDataProblem[] = [];
  const check = (code: MinimumDataCode, value: number, limits: { refuse: number; warn: number }) => {
    if (value < limits.refuse) out.push({ code, level: 'refuse', value, limit: limits.refuse });
    else if (value < limits.warn) out.push({ code, level: 'warn', value, limit: limits.warn });
  };
  check('few-customers', s.customers, MIN_DATA.customers);
  check('few-repeat-buyers', s.repeatCustomers, MIN_DATA.repeatBuyers);
  check('short-calibration', s.calibrationWeeks, MIN_DATA.calibrationWeeks);
  return out;
}
