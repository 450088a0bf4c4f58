import { describe, expect, it } from 'vitest';
import { addDays, dateOddities, detectDateFormat, looksLikeDate, monthsBefore, parseDate, type DateDetection } from '../../src/domain/dates';
import type { DateFormat } from '../../src/domain/settings';

describe('detectDateFormat', () => {
  const cases: [string, string[], DateDetection][] = [
    ['ISO days', ['2024-03-31', '2024-01-05'], { format: 'iso', ambiguous: false, candidates: ['iso'], hasTime: false }],
    ['ISO with slashes', ['2024/03/31'], { format: 'iso', ambiguous: false, candidates: ['iso'], hasTime: false }],
    ['ISO with dots', ['2024.03.31'], { format: 'iso', ambiguous: false, candidates: ['iso'], hasTime: false }],
    ['ISO with time (online retail)', ['2010-12-01 08:26:00', '2010-12-01 08:28'], { format: 'iso', ambiguous: false, candidates: ['iso'], hasTime: true }],
    ['ISO with T time', ['2024-03-31T08:26:00'], { format: 'iso', ambiguous: false, candidates: ['iso'], hasTime: true }],
    ['compact (CDNOW)', ['19970101', '19970112', '19980630'], { format: 'ymd-compact', ambiguous: false, candidates: ['ymd-compact'], hasTime: false }],
    ['day first', ['31/03/2024', '01/02/2024'], { format: 'dmy', ambiguous: false, candidates: ['dmy'], hasTime: false }],
    ['month first', ['03/31/2024', '01/02/2024'], { format: 'mdy', ambiguous: false, candidates: ['mdy'], hasTime: false }],
    ['day first with dots and time', ['31.03.2024 08:26', '1.4.2024'], { format: 'dmy', ambiguous: false, candidates: ['dmy'], hasTime: true }],
    ['day first with dashes', ['13-01-2024'], { format: 'dmy', ambiguous: false, candidates: ['dmy'], hasTime: false }],
    ['all days ≤ 12: ambiguous', ['01/02/2024', '12/11/2023', '3/4/2024'], { format: null, ambiguous: true, candidates: ['dmy', 'mdy'], hasTime: false }],
    ['empty values are ignored', ['', '31/03/2024', '  '], { format: 'dmy', ambiguous: false, candidates: ['dmy'], hasTime: false }],
    ['no values', ['', ' '], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['one invalid date rejects the format', ['2024-02-30', '2024-03-01'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['mixed orders fit none', ['31/03/2024', '03/31/2024'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['two-digit years are not supported', ['31/03/24'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['mixed separators in one value', ['31/03-2024'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['numbers are not dates', ['11.77', '536365', '17850.0'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['8-digit ids outside plausible years', ['10000101', '99991231'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['text', ['Brion Stark'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['bad time', ['2024-03-31 25:00'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
    ['leap day', ['2024-02-29', '2000-02-29'], { format: 'iso', ambiguous: false, candidates: ['iso'], hasTime: false }],
    ['not a leap year', ['1900-02-29'], { format: null, ambiguous: false, candidates: [], hasTime: false }],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(detectDateFormat(values)).toEqual(expected);
  });
});

describe('parseDate', () => {
  const cases: [string, DateFormat, string | null][] = [
    ['2024-03-31', 'iso', '2024-03-31'],
    ['2024/3/5', 'iso', '2024-03-05'],
    ['2010-12-01 08:26:00', 'iso', '2010-12-01'],
    ['2024-03-31T08:26:00.123', 'iso', '2024-03-31'],
    ['19970101', 'ymd-compact', '1997-01-01'],
    [' 19970101 ', 'ymd-compact', '1997-01-01'],
    ['31/03/2024', 'dmy', '2024-03-31'],
    ['31.03.2024 08:26', 'dmy', '2024-03-31'],
    ['03/31/2024', 'mdy', '2024-03-31'],
    ['01/02/2024', 'dmy', '2024-02-01'],
    ['01/02/2024', 'mdy', '2024-01-02'],
    ['2024-02-30', 'iso', null],
    ['2023-02-29', 'iso', null],
    ['20240230', 'ymd-compact', null],
    ['31/03/2024', 'mdy', null],
    ['31/03/24', 'dmy', null],
    ['2024-03-31', 'dmy', null],
    ['2024-03-31', 'ymd-compact', null],
    ['20240331', 'iso', null],
    ['', 'iso', null],
    ['yesterday', 'iso', null],
    ['2024-13-01', 'iso', null],
    ['0000-01-01', 'iso', null],
  ];
  it.each(cases)('%s as %s → %s', (value, format, expected) => {
    expect(parseDate(value, format)).toBe(expected);
  });
});

describe('looksLikeDate', () => {
  const cases: [string, boolean][] = [
    ['2024-03-31', true],
    ['2010-12-01 08:26:00', true],
    ['19970101', true],
    ['31/03/2024', true],
    ['03/31/2024', true],
    ['2024-02-30', false],
    ['00001', false],
    ['11.77', false],
    ['date', false],
    ['', false],
  ];
  it.each(cases)('%s → %s', (value, expected) => {
    expect(looksLikeDate(value)).toBe(expected);
  });
});

describe('dateOddities', () => {
  it('says when the first order is before 1950 or the last after today', () => {
    expect(dateOddities('1901-01-01', '2199-12-31', '2026-12-05')).toEqual([
      { code: 'far-past', date: '1901-01-01' },
      { code: 'future', date: '2199-12-31' },
    ]);
    expect(dateOddities('1950-01-01', '2026-12-05', '2026-12-05')).toEqual([]);
    expect(dateOddities(null, null, '2026-12-05')).toEqual([]);
  });
});

describe('monthsBefore and addDays (the comparison date and calibration end defaults)', () => {
  it.each([
    ['2017-12-31', 3, '2017-09-30'],
    ['1998-07-01', 3, '1998-04-01'],
    ['2024-05-31', 3, '2024-02-29'],
    ['2023-05-31', 3, '2023-02-28'],
    ['2024-02-15', 3, '2023-11-15'],
    ['2024-01-31', 1, '2023-12-31'],
    ['2024-03-31', 13, '2023-02-28'],
  ])('%s minus %i months is %s', (from, n, want) => {
    expect(monthsBefore(from, n)).toBe(want);
  });
  it.each([
    ['1998-07-01', -1, '1998-06-30'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-12-31', 1, '2024-01-01'],
  ])('%s plus %i days is %s', (from, n, want) => {
    expect(addDays(from, n)).toBe(want);
  });
  it('rejects what is not an ISO day', () => {
    expect(() => monthsBefore('31/12/2017', 3)).toThrow();
    expect(() => addDays('2017-13-45', 1)).toThrow();
  });
});
