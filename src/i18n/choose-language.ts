/**
 * Which registered language the app opens in: the page's `?lang=` when it names one, otherwise the first of the
 * browser's preferred languages (`navigator.languages`, most preferred first) whose primary subtag is registered
 * ("es-MX" → "es", "pt-PT" → "pt"), otherwise English.
 */
export function chooseLanguage(available: readonly string[], preferred: readonly string[], search = ''): string {
  const has = (code: string | null | undefined): code is string => !!code && available.includes(code);
  const wanted = new URLSearchParams(search).get('lang');
  if (has(wanted)) return wanted;
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (has(primary)) return primary;
  }
  return 'en';
}
