/**
 * Languages a care unit may give care in, offered as a list (never typed as codes), most common in
 * Helsinki first. A unit may still hold another ISO 639-1 code set through the API: it is shown by
 * name too.
 */
export const CARE_LANGUAGES = [
  'fi',
  'sv',
  'en',
  'ru',
  'et',
  'so',
  'ar',
  'fa',
  'ku',
  'zh',
  'vi',
  'es',
  'se',
] as const;

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);

/** A language's name in the UI language: `sv` is "ruotsi" in Finnish, "svenska" in Swedish. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([locale(uiLanguage)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A unit's languages by name, in the UI language's way of listing (`suomi ja ruotsi`). */
export function languageList(codes: readonly string[], uiLanguage: string): string {
  if (codes.length === 0) return '–';
  return new Intl.ListFormat(locale(uiLanguage), { type: 'conjunction' }).format(
    codes.map((c) => languageName(c, uiLanguage)),
  );
}
