import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@civic/shared/web/auth';
import { AreaCards } from '@civic/shared/web/area-cards';
import { hasAnyRole } from '@civic/shared/roles';
import { NAV_ITEMS } from '../nav.ts';

// The care figures come after the greeting and the areas: their code loads beside the first page,
// not before it (the first page's budget).
const CareOverview = lazy(() =>
  import('../../features/care/components/care-overview.tsx').then((m) => ({ default: m.CareOverview })),
);

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
      {hasAnyRole(me.roles, ['admin', 'care_coordinator', 'care_viewer']) && (
        <Suspense fallback={null}>
          <CareOverview />
        </Suspense>
      )}
    </section>
  );
}
