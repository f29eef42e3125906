import { createI18n, featureStringsFrom } from '@civic/shared/web/i18n';
import fi from '../locales/fi.json';

// Finnish is bundled; Swedish and English are fetched when chosen (or saved from an earlier visit).
// A feature's own strings (`features/<name>/locales/*.json`) load with its pages, in the chosen
// language only: `lazyPage(…, () => i18n.loadNamespaces('<name>'))`, `useTranslation('<name>')`.
const i18n = createI18n(
  {
    fi,
    sv: () => import('../locales/sv.json'),
    en: () => import('../locales/en.json'),
  },
  featureStringsFrom(import.meta.glob('../features/*/locales/*.json')),
);
export default i18n;
