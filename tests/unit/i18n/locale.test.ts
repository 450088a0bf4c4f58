import { afterEach, describe, expect, test } from 'vitest';
import type { Messages } from '../../../src/i18n/messages';
import { en } from '../../../src/i18n/en';
import { t } from '../../../src/i18n/messages';
import {
  currentLanguage,
  currentLocale,
  english,
  languages,
  languagesFromPage,
  registerLanguage,
  setLanguage,
  type Language,
} from '../../../src/i18n/locale.svelte';

// A second language as a file would write it: typed `Messages`, so a non-literal string type-checks.
const prueba: Messages = {
  ...en,
  appName: 'Cartera (prueba)',
  charts: { ...en.charts, treemap: { ...en.charts.treemap, title: 'Segmentos de clientes' } },
  rfm: { ...en.rfm, customers: (n: string) => `${n} clientes` },
};
const stub: Language = { code: 'xx', name: 'Prueba', locale: 'es-ES', dates: { dateStyle: 'medium', timeZone: 'UTC' }, messages: prueba };

afterEach(() => {
  setLanguage('en');
});

describe('locale', () => {
  test('the build ships English, Spanish, Portuguese and Dutch; English is current at start', () => {
    expect(languages().map((l) => [l.code, l.locale])).toEqual([['en', 'en'], ['es', 'es-ES'], ['pt', 'pt-BR'], ['nl', 'nl-NL']]);
    expect(currentLanguage().code).toBe('en');
    expect(currentLocale()).toBe('en');
    expect(t.appName).toBe('Cartera');
  });

  test('a registered language becomes current with setLanguage; t and the locale follow it, and back', () => {
    registerLanguage(stub);
    expect(languages().map((l) => l.code)).toEqual(['en', 'es', 'pt', 'nl', 'xx']);
    expect(setLanguage('xx')).toBe(true);
    expect(currentLanguage().code).toBe('xx');
    expect(currentLocale()).toBe('es-ES');
    expect(t.appName).toBe('Cartera (prueba)');
    expect(t.charts.treemap.title).toBe('Segmentos de clientes');
    expect(t.rfm.customers('23.570')).toBe('23.570 clientes');
    // What the stub did not translate is English (it spread en).
    expect(t.tagline).toBe(en.tagline);
    expect(setLanguage('en')).toBe(true);
    expect(t.appName).toBe('Cartera');
    expect(t.rfm.customers('5')).toBe('5 customers');
  });

  test('an unknown code changes nothing', () => {
    expect(setLanguage('zz')).toBe(false);
    expect(currentLanguage()).toBe(english);
  });

  test('languages from the hosting page are built on English and chosen by ?lang=', () => {
    const page = {
      __carteraLanguages: [(base: Messages): Language => ({ ...stub, code: 'yy', messages: { ...base, appName: 'Cartera (yy)' } }), 'not a function'],
      location: { search: '?lang=yy' },
    };
    expect(languagesFromPage(page)).toEqual(['yy']);
    expect(currentLanguage().code).toBe('yy');
    expect(t.appName).toBe('Cartera (yy)');
    expect(t.cancel).toBe('Cancel');
  });

  test('a page without languages or ?lang= keeps English', () => {
    expect(languagesFromPage({ location: { search: '' } })).toEqual([]);
    expect(currentLanguage().code).toBe('en');
  });

  test('the browser\'s languages choose the first language, and ?lang= overrides them', () => {
    languagesFromPage({ location: { search: '' }, navigator: { languages: ['fr-FR', 'nl-BE', 'en'] } });
    expect(currentLanguage().code).toBe('nl');
    expect(t.analyze).toBe('Analyseren');
    languagesFromPage({ location: { search: '?lang=pt' }, navigator: { languages: ['es-ES'] } });
    expect(currentLanguage().code).toBe('pt');
    languagesFromPage({ location: { search: '' }, navigator: { language: 'es-MX' } });
    expect(currentLocale()).toBe('es-ES');
    languagesFromPage({ location: { search: '' }, navigator: { languages: ['de-DE'] } });
    expect(currentLanguage().code).toBe('en');
  });
});
