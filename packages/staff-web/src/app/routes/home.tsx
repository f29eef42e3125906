import { useEffect } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NAV_ITEMS } from '../nav.ts';
import { hasRole, useMe } from '@civic/shared/web/auth';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  const areas = NAV_ITEMS.filter((item) => hasRole(me, item.roles));
  return (
    <section>
      <h1>{t('home.greeting', { name: me.displayName })}</h1>
      <p>{t('home.intro')}</p>
      <ul className="card-list">
        {areas.map((a) => (
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
