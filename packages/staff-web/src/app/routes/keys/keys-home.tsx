import { useState } from 'react';
import { Link } from 'react-router';
import { LoadingSpinner, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole } from '@civic/shared/roles';
import { useMe } from '@civic/shared/web/auth';
import { useSites } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';

const STAFF_LINKS = [
  { to: '/keys/report', label: 'keys.home.report', description: 'keys.home.reportDescription' },
  { to: '/keys/due', label: 'keys.home.due', description: 'keys.home.dueDescription' },
  { to: '/keys/lost', label: 'keys.home.lost', description: 'keys.home.lostDescription' },
  { to: '/keys/sites', label: 'keys.home.inventory', description: 'keys.home.inventoryDescription' },
  { to: '/keys/templates', label: 'keys.home.templates', description: 'keys.home.templatesDescription' },
] as const;

/** Start: my sites with Lend and Return; key staff also get the report and registers. */
export function KeysHome() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('nav.keys'));
  const staff = hasAnyRole(me.roles, ['admin', 'key_coordinator']);
  const [q, setQ] = useState('');
  const { data: sites, isPending, error } = useSites(q || undefined);
  return (
    <section className="stack">
      <h1>{t('nav.keys')}</h1>
      {staff && (
        <nav aria-label={t('keys.home.staffNav')}>
          <ul className="card-list">
            {STAFF_LINKS.map((l) => (
              <li key={l.to} className="card">
                <h2>
                  <Link to={l.to}>{t(l.label)}</Link>
                </h2>
                <p>{t(l.description)}</p>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2>{staff ? t('keys.home.lendAtSite') : t('keys.home.mySites')}</h2>
      <TextInput
        id="site-search"
        type="search"
        label={t('keys.home.searchSites')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : sites?.length === 0 ? (
        <p>{t('keys.home.noSites')}</p>
      ) : (
        <ul className="card-list site-cards">
          {sites?.map((site) => (
            <li key={site.id} className="card">
              <h3>{site.name}</h3>
              <p className="muted">{site.address}</p>
              <p>
                {t('keys.home.keyCounts', { available: site.keyCounts.available, lent: site.keyCounts.lent })}
              </p>
              <div className="button-row">
                <Link
                  className="button-link primary"
                  to={`/keys/sites/${site.id}/lend`}
                  aria-label={`${t('keys.home.lend')}: ${site.name}`}
                >
                  {t('keys.home.lend')}
                </Link>
                <Link
                  className="button-link"
                  to={`/keys/sites/${site.id}/return`}
                  aria-label={`${t('keys.home.return')}: ${site.name}`}
                >
                  {t('keys.home.return')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
