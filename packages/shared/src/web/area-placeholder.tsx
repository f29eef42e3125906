import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** An area whose features are not built yet: its name, what it will hold, and that it is coming. */
export function AreaPlaceholder({ labelKey }: { labelKey: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(labelKey)} – ${t('app.title')}`;
  }, [t, labelKey]);
  return (
    <section>
      <h1>{t(labelKey)}</h1>
      <p>{t(`${labelKey}Description`)}</p>
      <p className="muted">{t('shell.comingSoon')}</p>
    </section>
  );
}
