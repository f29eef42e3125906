import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../common.ts';
import { PROBLEM_MESSAGES } from '../problem-messages.ts';
import fi from './locales/fi.json';
import sv from './locales/sv.json';
import en from './locales/en.json';

const COMMON = { fi, sv, en };
export const LANGUAGE_STORAGE_KEY = 'civic.language';

function savedLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANGUAGE_STORAGE_KEY) : null;
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'fi';
}

/**
 * One i18next instance per SPA: the app's own strings in the default namespace, falling back to
 * the strings both apps share (shell, login, roles, problem codes) in `common`.
 */
export function createI18n(appResources: Record<Language, object>): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(
      LANGUAGES.map((l) => [
        l,
        { translation: appResources[l], common: { ...COMMON[l], errors: PROBLEM_MESSAGES[l] } },
      ]),
    ),
    ns: ['translation', 'common'],
    defaultNS: 'translation',
    fallbackNS: 'common',
    lng: savedLanguage(),
    fallbackLng: 'fi',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const apply = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  apply(instance.language);
  instance.on('languageChanged', (lng) => {
    apply(lng);
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  });
  return instance;
}
