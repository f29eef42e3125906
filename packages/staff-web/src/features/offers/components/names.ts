import { useTranslation } from 'react-i18next';
import type { Names } from '@civic/shared/care';

/** The name of a managed-list item (service type, tag) in the UI language. */
export function useNameOf() {
  const { i18n } = useTranslation();
  const lang = i18n.language as keyof Names;
  return (names: Names) => names[lang] ?? names.fi;
}
