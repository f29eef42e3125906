import { createI18n } from '@civic/shared/web/i18n';
import fi from '../locales/fi.json';

// Finnish is bundled; Swedish and English are fetched when chosen (or saved from an earlier visit).
const i18n = createI18n({
  fi,
  sv: () => import('../locales/sv.json'),
  en: () => import('../locales/en.json'),
});
export default i18n;
