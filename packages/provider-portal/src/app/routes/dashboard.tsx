import { useEffect } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '@civic/shared/web/auth';
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
      <ul className="card-list">
        {NAV_ITEMS.filter((item) => hasRole(me, item.roles)).map((a) => (
          <li key={a.to} className="card">
            <h2>
              <Link to={a.to}>{t(a.label)}</Link>
            </h2>
            <p>{t(`${a.label}Description`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
