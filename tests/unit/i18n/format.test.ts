import { afterEach, describe, expect, test } from 'vitest';
import { formatBytes, formatDate, formatDecimalText, formatFixed, formatInt, formatMoney, formatNumber, formatPercent } from '../../../src/i18n/format';
import { en } from '../../../src/i18n/en';
import { registerLanguage, setLanguage } from '../../../src/i18n/locale.svelte';

afterEach(() => {
  setLanguage('en');
});

// Expected strings follow CLDR's conventions: en groups with "," and marks decimals with "."; es-ES and nl-NL the
// other way round; es-ES does not group a four-digit number (2345) and puts a no-break space before "%".
describe('formatting, English (the default language)', () => {
  test.each([
    ['formatInt', formatInt(69659), '69,659'],
    ['formatInt rounds', formatInt(2.5), '3'],
    ['formatNumber', formatNumber(1234.5678), '1,234.57'],
    ['formatPercent', formatPercent(0.0555), '5.6%'],
    ['formatFixed keeps the zero', formatFixed(12), '12.0'],
    ['formatFixed, no grouping', formatFixed(1234.56), '1234.6'],
    ['formatFixed, two digits', formatFixed(9.995, undefined, 2), '9.99'],
    ['formatMoney', formatMoney(13990.93), '13,990.93'],
    ['formatMoney, negative', formatMoney(-0.5), '-0.50'],
    ['formatDecimalText', formatDecimalText('2500315.6300'), '2,500,315.63'],
    ['formatDecimalText, half up on the third decimal', formatDecimalText('12.345'), '12.35'],
    ['formatDecimalText, below half', formatDecimalText('12.3449'), '12.34'],
    ['formatDecimalText, carry into the whole part', formatDecimalText('999.995'), '1,000.00'],
    ['formatDecimalText, negative', formatDecimalText('-1234.5'), '-1,234.50'],
    ['formatDecimalText, not a decimal', formatDecimalText('n/a'), 'n/a'],
    ['formatDecimalText, beyond a float', formatDecimalText('123456789012345678.91'), '123,456,789,012,345,678.91'],
    ['formatBytes, bytes', formatBytes(512), '512 B'],
    ['formatBytes, one decimal under 10', formatBytes(1536), '1.5 KB'],
    ['formatBytes, none from 10', formatBytes(200 * 1024), '200 KB'],
    ['formatBytes, MB', formatBytes(5.2 * 1024 * 1024), '5.2 MB'],
    ['formatDate keeps the ISO day', formatDate('2024-03-31'), '2024-03-31'],
  ])('%s', (_, got, want) => {
    expect(got).toBe(want);
  });
});

describe('formatting in another locale', () => {
  test.each([
    ['es-ES groups from five digits', formatInt(23570, 'es-ES'), '23.570'],
    ['es-ES, four digits', formatInt(2345, 'es-ES'), '2345'],
    ['nl-NL', formatInt(2345, 'nl-NL'), '2.345'],
    ['nl-NL money', formatMoney(-1234.5, 'nl-NL'), '-1.234,50'],
    ['es-ES percent', formatPercent(0.312, 'es-ES'), '31,2\u00a0%'],
    ['nl-NL percent', formatPercent(0.312, 'nl-NL'), '31,2%'],
    ['nl-NL number', formatNumber(12.5, 'nl-NL'), '12,5'],
    ['es-ES fixed', formatFixed(31.25, 'es-ES'), '31,3'],
    ['nl-NL exact decimal', formatDecimalText('2500315.6300', 'nl-NL'), '2.500.315,63'],
    ['es-ES exact decimal', formatDecimalText('1234.5', 'es-ES'), '1234,50'],
    ['nl-NL bytes', formatBytes(1536, 'nl-NL'), '1,5 KB'],
    ['es-ES date', formatDate('2024-03-31', 'es-ES', { day: 'numeric', month: 'numeric', year: 'numeric' }), '31/3/2024'],
    ['nl-NL date, month spelled', formatDate('2024-01-01', 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }), '1 januari 2024'],
  ])('%s', (_, got, want) => {
    expect(got).toBe(want);
  });

  test('without a locale, the current language’s is used', () => {
    registerLanguage({
      code: 'xx', name: 'Prueba', locale: 'es-ES', dates: { day: 'numeric', month: 'numeric', year: 'numeric' }, messages: { ...en },
    });
    setLanguage('xx');
    expect(formatInt(23570)).toBe('23.570');
    expect(formatMoney(13990.93)).toBe('13.990,93');
    expect(formatDate('2024-03-31')).toBe('31/3/2024');
    setLanguage('en');
    expect(formatInt(23570)).toBe('23,570');
    expect(formatDate('2024-03-31')).toBe('2024-03-31');
  });
});
