/**
 * The UI language, a setting chosen at run time. A language is a `Messages` implementation plus the locale its
 * numbers and dates are formatted in; the registry holds the languages this build offers (English, Spanish,
 * Portuguese, Dutch) and any the hosting page supplies. `t` reads the current language's messages, so a component that shows `t.x` re-renders when
 * `setLanguage` changes it.
 */
import type { Messages } from './messages';
import { en } from './en';
import { es } from './es';
import { pt } from './pt';
import { nl } from './nl';
import { chooseLanguage } from './choose-language';

/** A language the UI can be shown in. */
export interface Language {
  /** Short code, as a URL (`?lang=`) or a saved setting holds it: 'en', 'es'. */
  code: string;
  /** The language's own name, for the selector: 'English', 'Español'. */
  name: string;
  /** BCP 47 locale that numbers, money and percentages are formatted in: 'en', 'es-ES'. */
  locale: string;
  /** How calendar days are shown: 'iso' (2024-03-31, as in the file) or Intl date options for `locale`. */
  dates: 'iso' | Intl.DateTimeFormatOptions;
  messages: Messages;
}

/** English: the reference language. Its locale is 'en', which is what every English figure was formatted in. */
export const english: Language = { code: 'en', name: 'English', locale: 'en', dates: 'iso', messages: en };

/** Spanish, Portuguese and Dutch show days as their analysts write them, day first: 31/03/2024 (es, pt), 31-03-2024 (nl). */
const dayFirst: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

/** The languages this build ships, in the selector's order. */
export const builtInLanguages: readonly Language[] = [
  english,
  { code: 'es', name: 'Español', locale: 'es-ES', dates: dayFirst, messages: es },
  { code: 'pt', name: 'Português (Brasil)', locale: 'pt-BR', dates: dayFirst, messages: pt },
  { code: 'nl', name: 'Nederlands', locale: 'nl-NL', dates: dayFirst, messages: nl },
];

let registered = $state.raw<readonly Language[]>(builtInLanguages);
let current = $state.raw<Language>(english);

/** Adds a language to the registry (replacing one with the same code). */
export function registerLanguage(language: Language): void {
  registered = [...registered.filter((l) => l.code !== language.code), language];
  if (current.code === language.code) current = language;
}

/** The registered languages, in registration order. */
export function languages(): readonly Language[] {
  return registered;
}

/** Makes `code` the UI language; false (and nothing changes) when no such language is registered. */
export function setLanguage(code: string): boolean {
  const next = registered.find((l) => l.code === code);
  if (!next) return false;
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next.code;
  return true;
}

/** The current language: its code is what a saved or shared setting holds. */
export function currentLanguage(): Language {
  return current;
}

/** The current language's formatting locale (BCP 47). */
export function currentLocale(): string {
  return current.locale;
}

/**
 * The current language's messages. Each property read goes to the current language, so reading `t.x` inside a
 * template or `$derived` subscribes to the language; a value copied out at start-up does not follow it.
 */
export const t: Messages = new Proxy({} as Messages, {
  get: (_, key) => Reflect.get(current.messages, key),
  has: (_, key) => Reflect.has(current.messages, key),
  ownKeys: () => Reflect.ownKeys(current.messages),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(current.messages, key);
    return d && { ...d, configurable: true };
  },
});

/**
 * A language supplied by the page that hosts Cartera, before the app starts: a function of the English messages
 * (so it can spread them and replace what it translates) returning the language.
 */
export type PageLanguage = (base: Messages) => Language;

/**
 * Registers the languages the hosting page put in `window.__carteraLanguages` (an array of `PageLanguage`),
 * then chooses the first language: the page's `?lang=` parameter if it names a registered one, else the
 * browser's preferred languages (`navigator.languages`), else English (see `chooseLanguage`). Returns the codes
 * registered from the page.
 */
export function languagesFromPage(page: {
  __carteraLanguages?: unknown;
  location?: { search: string };
  navigator?: { languages?: readonly string[]; language?: string };
}): string[] {
  const supplied = Array.isArray(page.__carteraLanguages) ? page.__carteraLanguages : [];
  const codes: string[] = [];
  for (const make of supplied) {
    if (typeof make !== 'function') continue;
    const language = (make as PageLanguage)(en);
    registerLanguage(language);
    codes.push(language.code);
  }
  const preferred = page.navigator?.languages ?? (page.navigator?.language ? [page.navigator.language] : []);
  setLanguage(chooseLanguage(registered.map((l) => l.code), preferred, page.location?.search ?? ''));
  return codes;
}
