import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@civic/shared/web/auth';
import { AreaCards } from '@civic/shared/web/area-cards';
import { NAV_ITEMS } from '../nav.ts';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <section>
      <h1>{t('dashboard.title', { organisation: me.provider?.name ?? '' })}</h1>
      <p className="portal-banner">{t('dashboard.intro')}</p>
      <AreaCards items={NAV_ITEMS} />
    </section>
  );
}
