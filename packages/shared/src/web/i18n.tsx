import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
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

/** An app's own strings in one language, bundled or fetched when that language is first chosen. */
export type AppStrings = object | (() => Promise<{ default: object }>);

/**
 * A feature's strings, one loader per language (`() => import('./locales/sv.json')`). The file's
 * single top-level key is the namespace's name (`{ "queue": { … } }`), so keys stay unique across
 * the app and the translation checks can merge every file.
 */
export type FeatureStrings = Record<Language, () => Promise<{ default: object }>>;

/**
 * Feature strings found by the app's `import.meta.glob` over `features/<name>/locales/<lang>.json`: the
 * namespace is the feature's folder name, so a new feature's strings need no registration.
 */
export function featureStringsFrom(
  files: Record<string, () => Promise<unknown>>,
): Record<string, FeatureStrings> {
  const out: Record<string, Partial<FeatureStrings>> = {};
  for (const [file, load] of Object.entries(files)) {
    const m = /\/features\/([^/]+)\/locales\/([a-z]{2})\.json$/.exec(file);
    if (!m || !(LANGUAGES as readonly string[]).includes(m[2]!)) continue;
    (out[m[1]!] ??= {})[m[2] as Language] = load as () => Promise<{ default: object }>;
  }
  return out as Record<string, FeatureStrings>;
}

/**
 * One i18next instance per SPA: the app's own strings in the default namespace, falling back to
 * the strings both apps share (shell, login, roles, problem codes) in `common`.
 *
 * Finnish (the default and the fallback) is bundled; the app may pass the other languages as
 * loaders (`() => import('../locales/sv.json')`), so each page carries one language's strings
 * rather than three. `ready` resolves once the saved language is loaded: render after it, so a
 * Swedish user never sees Finnish first. Changing the language loads its strings before the switch.
 */
export function createI18n(
  appResources: Record<Language, AppStrings>,
  features: Record<string, FeatureStrings> = {},
): I18n & { ready: Promise<unknown> } {
  const instance = i18next.createInstance();
  const bundled = (l: Language) => typeof appResources[l] !== 'function';
  const backend: BackendModule = {
    type: 'backend',
    init: () => {},
    read(language, namespace, callback) {
      const load =
        namespace === 'translation'
          ? appResources[language as Language]
          : features[namespace]?.[language as Language];
      if (typeof load !== 'function') return callback(null, {});
      (load as () => Promise<{ default: object }>)().then(
        (m) => callback(null, m.default as never),
        (err: unknown) => callback(err as Error, false),
      );
    },
  };
  const ready = instance
    .use(backend)
    .use(initReactI18next)
    .init({
      resources: Object.fromEntries(
        LANGUAGES.map((l) => [
          l,
          {
            ...(bundled(l) ? { translation: appResources[l] } : {}),
            common: { ...COMMON[l], errors: PROBLEM_MESSAGES[l] },
          },
        ]),
      ),
      partialBundledLanguages: true,
      ns: ['translation', 'common'],
      defaultNS: 'translation',
      // A feature's page (`useTranslation('queue')`) also reaches the app's and the shared strings.
      fallbackNS: ['translation', 'common'],
      lng: savedLanguage(),
      fallbackLng: 'fi',
      interpolation: { escapeValue: false },
      // Bundled languages are ready at once (tests and the Finnish first render need no waiting).
      initAsync: false,
      react: { useSuspense: false },
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
  return Object.assign(instance, { ready });
}
