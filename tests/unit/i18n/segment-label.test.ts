import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../../../src/i18n/locale.svelte';
import { segmentLabel } from '../../../src/i18n/segment-label';
import { RFM_PRESET, RF_GRID_PRESET } from '../../../src/domain/segment-presets';
import { OTHERS } from '../../../src/domain/segment-rules';
import { en } from '../../../src/i18n/en';

afterEach(() => {
  setLanguage('en');
});

describe('segmentLabel', () => {
  test('a preset name is shown in the current language; English shows it as it is', () => {
    expect(segmentLabel('Champions')).toBe('Champions');
    setLanguage('es');
    expect(segmentLabel('Champions')).toBe('Campeones');
    expect(segmentLabel("Can't Lose Them")).toBe('No se pueden perder');
    expect(segmentLabel('Others')).toBe('Otros');
    setLanguage('nl');
    expect(segmentLabel('At Risk')).toBe('Risicoklanten');
    setLanguage('pt');
    expect(segmentLabel('Lost')).toBe('Perdidos');
  });

  test('a name the user typed is shown as typed, whatever the language', () => {
    setLanguage('es');
    expect(segmentLabel('VIP Madrid')).toBe('VIP Madrid');
    expect(segmentLabel('champions')).toBe('champions');
    expect(segmentLabel('toString')).toBe('toString');
  });

  test('every preset segment name, and Others, has an English entry (so each language can label it)', () => {
    const names = new Set([...RFM_PRESET, ...RF_GRID_PRESET].map((r) => r.name).concat(OTHERS));
    expect([...names].sort()).toEqual(Object.keys(en.segmentNames).sort());
  });
});
