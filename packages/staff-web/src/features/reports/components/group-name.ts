import { useTranslation } from 'react-i18next';
import { formatMonth } from './format-month.ts';

/** A group's name in the chosen language: own/purchased and months in words, service types by name. */
export function useGroupName() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language as 'fi' | 'sv' | 'en';
  return (row: { key: string; label: string; names?: { fi: string; sv: string; en: string } | null }) => {
    if (row.key === 'own' || row.key === 'purchased') return t(`care.kind.${row.key}`);
    if (/^\d{4}-\d{2}$/.test(row.key)) return formatMonth(row.key, lang);
    if (/^\d{4}-\d{4}$/.test(row.key)) return row.key.replace('-', '–'); // a season
    return row.names?.[lang] ?? row.label;
  };
}
