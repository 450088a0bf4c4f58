import { describe, expect, it } from 'vitest';
import { fixedUnits, parseDecimal, roundedCents, unitsText } from '../../src/domain/decimal';

describe('exact decimals (src/domain/decimal.ts)', () => {
  it('parseDecimal reads typed text at its own scale, within the limits', () => {
    expect(parseDecimal('2.50')).toEqual({ units: 25n, scale: 1 });
    expect(parseDecimal(' -3 ')).toEqual({ units: -3n, scale: 0 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
    expect(parseDecimal('+1.')).toEqual({ units: 1n, scale: 0 });
    expect(parseDecimal('007.0100')).toEqual({ units: 701n, scale: 2 });
    for (const bad of ['', '.', '1,5', '1e3', '--1', 'abc', null, undefined]) expect(parseDecimal(bad)).toBeNull();
    expect(parseDecimal('1234567890123', { integerDigits: 12 })).toBeNull();
    expect(parseDecimal('123456789012', { integerDigits: 12 })).toEqual({ units: 123456789012n, scale: 0 });
    expect(parseDecimal('0.12345678901', { decimals: 10 })).toBeNull();
  });

  it('fixedUnits reads DuckDB\'s decimal text at a fixed scale and refuses anything else', () => {
    expect(fixedUnits('-12.3400', 4)).toBe(-123400n);
    expect(fixedUnits('7', 4)).toBe(70000n);
    expect(fixedUnits('0.5', 4)).toBe(5000n);
    expect(fixedUnits('-0.0001', 4)).toBe(-1n);
    for (const bad of ['+1', '.5', '7.', '1.23456', '', '1,5']) expect(() => fixedUnits(bad, 4), bad).toThrow();
    expect(fixedUnits('12', 0)).toBe(12n);
  });

  it('unitsText writes units back with the scale\'s places; sums of 0.1 and 0.2 are exactly 0.3', () => {
    expect(unitsText(-5000n, 4)).toBe('-0.5000');
    expect(unitsText(5811171890n, 4)).toBe('581117.1890');
    expect(unitsText(0n, 2)).toBe('0.00');
    expect(unitsText(42n, 0)).toBe('42');
    expect(unitsText(fixedUnits('0.1', 4) + fixedUnits('0.2', 4), 4)).toBe('0.3000');
  });

  it('roundedCents rounds half up on the third decimal, without a float', () => {
    expect(roundedCents('2500315.6300')).toEqual({ negative: false, cents: 250031563n });
    expect(roundedCents('2500315.635')).toEqual({ negative: false, cents: 250031564n });
    expect(roundedCents('2500315.6349')).toEqual({ negative: false, cents: 250031563n });
    // 9007199254740993.005 is not a double; the cents stay exact.
    expect(roundedCents('9007199254740993.005')).toEqual({ negative: false, cents: 900719925474099301n });
    expect(roundedCents('-0.5')).toEqual({ negative: true, cents: 50n });
    expect(roundedCents('12')).toEqual({ negative: false, cents: 1200n });
    for (const bad of ['+1', '1.', 'x', '']) expect(roundedCents(bad)).toBeNull();
  });
});
