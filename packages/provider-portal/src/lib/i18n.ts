import { createI18n } from '@civic/shared/web/i18n';
import fi from '../locales/fi.json';
import sv from '../locales/sv.json';
import en from '../locales/en.json';

const i18n = createI18n({ fi, sv, en });
export default i18n;
