import { useTranslation } from 'react-i18next';

/** The name of a managed-list item (service type, need) in the UI language. */
export function useNameOf() {
  const { i18n } = useTranslation();
  const lang = i18n.language as 'fi' | 'sv' | 'en';
  return (names: { fi: string; sv: string; en: string }) => names[lang] ?? names.fi;
}
