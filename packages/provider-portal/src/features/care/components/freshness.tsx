import { StatusLabel } from 'hds-react';
import { useTranslation } from 'react-i18next';

/** "Confirmed 3 days ago", standing out when the figures are stale. */
export function Freshness({ confirmedAt, stale }: { confirmedAt: string | null; stale: boolean }) {
  const { t } = useTranslation();
  if (!confirmedAt) return <StatusLabel type="error">{t('care.neverConfirmed')}</StatusLabel>;
  const hours = (Date.now() - new Date(confirmedAt).getTime()) / 3_600_000;
  const text =
    hours < 1
      ? t('care.confirmedNow')
      : hours < 48
        ? t('care.confirmedHours', { count: Math.floor(hours) })
        : t('care.confirmedDays', { count: Math.floor(hours / 24) });
  return stale ? (
    <StatusLabel type="alert">{`${t('care.stale')}: ${text}`}</StatusLabel>
  ) : (
    <span className="muted">{text}</span>
  );
}

/** The name of a managed-list item in the UI language. */
export function useNameOf() {
  const { i18n } = useTranslation();
  const lang = (i18n.language as 'fi' | 'sv' | 'en') ?? 'fi';
  return (names: { fi: string; sv: string; en: string }) => names[lang] ?? names.fi;
}
