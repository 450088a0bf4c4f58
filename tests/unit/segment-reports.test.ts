import { describe, expect, it } from 'vitest';
import { decimalUnits, segmentNames, unitsText } from '../../src/domain/segment-reports';

describe('exact decimal sums of the segment reports', () => {
  it('reads decimal text as units of 0.0001 and writes them back as DuckDB prints a DECIMAL(38,4)', () => {
    expect(decimalUnits('12')).toBe(120000n);
    expect(decimalUnits('-0.5')).toBe(-5000n);
    expect(decimalUnits('581117.1890')).toBe(5811171890n);
    expect(decimalUnits('-0.0001')).toBe(-1n);
    expect(unitsText(-5000n)).toBe('-0.5000');
    expect(unitsText(-1n)).toBe('-0.0001');
    expect(unitsText(0n)).toBe('0.0000');
    expect(unitsText(5811171890n)).toBe('581117.1890');
    // 0.1 + 0.2 is exactly 0.3 here (3000 units), unlike binary floats.
    expect(unitsText(decimalUnits('0.1') + decimalUnits('0.2'))).toBe('0.3000');
  });

  it('refuses what is not a 4-place decimal rather than guess', () => {
    for (const bad of ['1.23456', '1e3', '', '+1', '1,5', 'NaN']) expect(() => decimalUnits(bad), bad).toThrow();
  });

  it('orders segments by their first rule; Others last unless a rule carries that name', () => {
    const r = (name: string) => ({ name, r: [1, 5] as [number, number], f: [1, 5] as [number, number], m: [1, 5] as [number, number] });
    expect(segmentNames([r('A'), r('B'), r('A')])).toEqual(['A', 'B', 'Others']);
    expect(segmentNames([r('B'), r('Others'), r('A')])).toEqual(['B', 'Others', 'A']);
    expect(segmentNames([])).toEqual(['Others']);
  });
});
