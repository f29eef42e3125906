import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Keys and Care places are built in their own issues; until then the area says what will be here. */
export function AreaPlaceholder({ area }: { area: 'keys' | 'care' }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(`nav.${area}`)} – ${t('app.title')}`;
  }, [t, area]);
  return (
    <section>
      <h1>{t(`nav.${area}`)}</h1>
      <p>{t(`nav.${area}Description`)}</p>
      <p className="muted">{t('home.comingSoon')}</p>
    </section>
  );
}
