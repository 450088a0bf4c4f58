import { describe, expect, test } from 'vitest';
import { formatInt, formatMoney, formatNumber, formatPercent } from '../../../src/i18n/format';
import {
  decimalsForStep,
  EMPTY_FILL,
  finiteExtent,
  isActivationKey,
  sequentialColor,
  textColorOn,
} from '../../../src/charts/shared';

describe('format', () => {
  test.each([
    [formatInt(2345), '2,345'],
    [formatInt(2345.6), '2,346'],
    [formatInt(2345, 'nl'), '2.345'],
    [formatInt(0), '0'],
    [formatInt(NaN), '—'],
    [formatPercent(0.312), '31.2%'],
    [formatPercent(0.5), '50%'],
    [formatPercent(1.5), '150%'],
    [formatPercent(0.31249, 'en', 2), '31.25%'],
    [formatPercent(0.312, 'es'), '31,2\u00a0%'],
    [formatPercent(Infinity), '—'],
    [formatMoney(1234.5), '1,234.50'],
    [formatMoney(-0.004), '-0.00'],
    [formatMoney(1234.5, 'en', 'EUR'), '€1,234.50'],
    [formatMoney(1234.5, 'nl'), '1.234,50'],
    [formatNumber(12.345), '12.35'],
    [formatNumber(1500, 'en', 0), '1,500'],
  ])('%s = %s', (got, want) => {
    expect(got).toBe(want);
  });
});

describe('shared helpers', () => {
  test.each([
    [[3, 1, 2], [1, 3]],
    [[5, 5], [5, 5]],
    [[NaN, 4, Infinity], [4, 4]],
    [[], null],
    [[NaN], null],
  ])('finiteExtent(%j) = %j', (values, want) => {
    expect(finiteExtent(values as number[])).toEqual(want);
  });

  test('sequentialColor: ends of the domain map to the ends of the used ramp; degenerate domains to the middle', () => {
    const ramp = (t: number) => `t=${t.toFixed(3)}`;
    const c = sequentialColor([10, 20], ramp);
    expect(c(10)).toBe('t=0.150');
    expect(c(20)).toBe('t=0.900');
    expect(c(15)).toBe('t=0.525');
    expect(c(99)).toBe('t=0.900'); // clamped
    expect(sequentialColor([7, 7], ramp)(7)).toBe('t=0.525');
    expect(sequentialColor(null, ramp)(7)).toBe(EMPTY_FILL);
    expect(c(NaN)).toBe(EMPTY_FILL);
  });

  test.each([
    ['#ffffff', '#1a1a1a'],
    ['#f7fbff', '#1a1a1a'],
    ['#08306b', '#ffffff'],
    ['#000000', '#ffffff'],
  ])('text on %s is %s', (fill, want) => {
    expect(textColorOn(fill)).toBe(want);
  });

  test.each([
    [1, 0],
    [10, 0],
    [0.5, 1],
    [0.2, 1],
    [0.05, 2],
    [0, 0],
  ])('decimalsForStep(%d) = %d', (step, want) => {
    expect(decimalsForStep(step)).toBe(want);
  });

  test.each([
    ['Enter', true],
    [' ', true],
    ['Spacebar', true],
    ['Tab', false],
    ['a', false],
  ])('isActivationKey(%j) = %s', (key, want) => {
    expect(isActivationKey(key)).toBe(want);
  });
});
