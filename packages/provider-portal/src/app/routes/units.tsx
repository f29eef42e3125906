import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useDashboard } from '../../features/care/api/portal.ts';
import { Freshness, useNameOf } from '../../features/care/components/freshness.tsx';

/** The organisation's units: open one to update figures or report a vacancy. */
export function UnitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.units'));
  const { data, isPending, error } = useDashboard();
  const nameOf = useNameOf();
  return (
    <section className="stack">
      <h1>{t('nav.units')}</h1>
      <ProblemNotice error={error} />
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      <ul className="card-list">
        {data?.units.map((u) => (
          <li key={u.id} className="card">
            <h2>
              <Link to={`/units/${u.id}`}>{u.name}</Link>
            </h2>
            <p className="muted">{u.district}</p>
            {u.capacity.map((c) => (
              <p key={c.serviceType.id}>
                {nameOf(c.serviceType.names)}:{' '}
                {t('units.figures', { max: c.maxCapacity, occupied: c.occupied, vacant: c.vacantAccepting })}
              </p>
            ))}
            <p>{t('units.openVacancies', { count: u.openVacancies })}</p>
            <Freshness confirmedAt={u.confirmedAt} stale={u.stale} />
          </li>
        ))}
      </ul>
    </section>
  );
}
