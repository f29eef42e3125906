import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@civic/shared/web/auth';
import { AreaCards } from '@civic/shared/web/area-cards';
import { NAV_ITEMS } from '../nav.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <section>
      <h1>{t('home.greeting', { name: me.displayName })}</h1>
      <p>{t('home.intro')}</p>
      <AreaCards items={NAV_ITEMS} />
    </section>
  );
}
