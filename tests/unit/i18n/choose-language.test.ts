import { describe, expect, test } from 'vitest';
import { chooseLanguage } from '../../../src/i18n/choose-language';

const shipped = ['en', 'es', 'pt', 'nl'];

describe('chooseLanguage', () => {
  test.each([
    { preferred: ['es-ES', 'en'], search: '', want: 'es', why: 'the first preferred language, by its primary subtag' },
    { preferred: ['es-MX'], search: '', want: 'es', why: 'a regional variant of a shipped language' },
    { preferred: ['pt-PT', 'pt'], search: '', want: 'pt', why: 'European Portuguese gets the Portuguese text' },
    { preferred: ['NL_be'], search: '', want: 'nl', why: 'case and an underscore do not matter' },
    { preferred: ['fr-FR', 'de', 'nl-NL', 'es'], search: '', want: 'nl', why: 'unsupported languages are skipped, in order' },
    { preferred: ['en-GB', 'es'], search: '', want: 'en', why: 'English first stays English' },
    { preferred: ['fr-FR', 'de-DE'], search: '', want: 'en', why: 'nothing supported: English' },
    { preferred: [], search: '', want: 'en', why: 'no preference: English' },
    { preferred: ['es-ES'], search: '?lang=nl', want: 'nl', why: '?lang= overrides the browser' },
    { preferred: ['es-ES'], search: '?x=1&lang=pt', want: 'pt', why: '?lang= among other parameters' },
    { preferred: ['es-ES'], search: '?lang=fr', want: 'es', why: 'an unknown ?lang= is ignored' },
    { preferred: ['es-ES'], search: '?lang=', want: 'es', why: 'an empty ?lang= is ignored' },
  ])('$why', ({ preferred, search, want }) => {
    expect(chooseLanguage(shipped, preferred, search)).toBe(want);
  });

  test('a language the hosting page registered can be chosen too', () => {
    expect(chooseLanguage([...shipped, 'xx'], ['xx-YY'])).toBe('xx');
  });
});
