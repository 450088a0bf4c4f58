import { describe, expect, it } from 'vitest';
import { detectDecimalMark, looksLikeNumber, parseAmount, typedDecimal } from '../../src/domain/numbers';
import type { DecimalMark } from '../../src/domain/settings';

describe('detectDecimalMark', () => {
  const cases: [string, string[], DecimalMark][] = [
    ['decimal comma with dot thousands', ['1.234,56', '12,50', '7,00'], 'comma'],
    ['plain decimal comma', ['12,5'], 'comma'],
    ['negative decimal comma', ['-3,00'], 'comma'],
    ['comma thousands and decimal point', ['1,234.56'], 'point'],
    ['plain decimal point', ['12.5', '3.39'], 'point'],
    ['several dot thousands groups mean comma', ['1.234.567'], 'comma'],
    ['several comma thousands groups mean point', ['1,234,567'], 'point'],
    ['1,234 alone is ambiguous: default point', ['1,234'], 'point'],
    ['1.234 alone is ambiguous: default point', ['1.234'], 'point'],
    ['ambiguous values follow the unambiguous ones', ['1,234', '5,678', '12,5'], 'comma'],
    ['majority wins', ['12,5', '3.25', '4.75'], 'point'],
    ['a tie is point', ['12,5', '3.25'], 'point'],
    ['integers only: point', ['12', '300', '-4'], 'point'],
    ['no values: point', [], 'point'],
    ['euro sign before, with a space', ['€ 12,50', '€ 1.000,00'], 'comma'],
    ['euro sign after', ['12,50 €', '3,99 €'], 'comma'],
    ['dollar sign', ['$1,234.56', '$7.10'], 'point'],
    ['space thousands with decimal comma', ['1 234,56'], 'comma'],
    ['0,123 is a decimal, not thousands', ['0,123'], 'comma'],
    ['four digits before the comma: decimal', ['1234,567'], 'comma'],
    ['text is ignored', ['n/a', 'abc', '12,5'], 'comma'],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(detectDecimalMark(values)).toBe(expected);
  });
});

describe('parseAmount', () => {
  const cases: [string, DecimalMark, number | null][] = [
    ['1.234,56', 'comma', 1234.56],
    ['12,5', 'comma', 12.5],
    ['-3,00', 'comma', -3],
    ['1,234.56', 'point', 1234.56],
    ['12.5', 'point', 12.5],
    ['1,234', 'point', 1234],
    ['1.234', 'comma', 1234],
    ['€ 12,50', 'comma', 12.5],
    ['12,50 €', 'comma', 12.5],
    ['$1,234.56', 'point', 1234.56],
    ['(12.50)', 'point', -12.5],
    ['17850.0', 'point', 17850],
    ['00001', 'point', 1],
    ['', 'point', null],
    ['abc', 'point', null],
    ['12,5,6', 'comma', null],
  ];
  it.each(cases)('%s with %s → %s', (value, mark, expected) => {
    expect(parseAmount(value, mark)).toBe(expected);
  });
});

describe('looksLikeNumber', () => {
  const cases: [string, boolean][] = [
    ['12', true],
    ['00001', true],
    ['11.77', true],
    ['1.234,56', true],
    ['1,234.56', true],
    ['-3,00', true],
    ['€ 12,50', true],
    ['(12.50)', true],
    ['17850.0', true],
    ['', false],
    ['abc', false],
    ['85123A', false],
    ['2010-12-01', false],
    ['12/03/2024', false],
    ['C536379', false],
    ['1.2.3,4,5', false],
  ];
  it.each(cases)('%s → %s', (value, expected) => {
    expect(looksLikeNumber(value)).toBe(expected);
  });
});

describe('typedDecimal: a number typed in a form', () => {
  it.each([
    ['2.50', 'point', '2.50'],
    ['2,50', 'point', '2.50'],
    ['1.234,50', 'point', '1234.50'],
    ['1.234,50', 'comma', '1234.50'],
    ['1,234.50', 'comma', '1234.50'],
    ['1 234,50', 'comma', '1234.50'],
    ['1.234.567', 'comma', '1234567'],
    ['1,234', 'point', '1234'],
    ['1,234', 'comma', '1.234'],
    ['0,125', 'point', '0.125'],
    ['-3', 'point', '-3'],
    ['+.5', 'point', '0.5'],
    ['€ 12,00', 'comma', '12.00'],
    ['1.2.3', 'point', null],
    ['12,34,56', 'point', null],
    ['1.234,5.6', 'point', null],
    ['abc', 'point', null],
    ['30%', 'point', null],
    ['', 'point', null],
  ] as const)('%j with %s data → %j', (text, mark, expected) => {
    expect(typedDecimal(text, mark)).toBe(expected);
  });
});
