import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Units and user management arrive with the care-places issue; until then the area says so. */
export function AreaPlaceholder({ area }: { area: 'units' | 'users' }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(`nav.${area}`)} – ${t('app.title')}`;
  }, [t, area]);
  return (
    <section>
      <h1>{t(`nav.${area}`)}</h1>
      <p>{t(`nav.${area}Description`)}</p>
      <p className="muted">{t('dashboard.comingSoon')}</p>
    </section>
  );
}
