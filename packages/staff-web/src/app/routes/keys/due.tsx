import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { DueStatus } from '@civic/shared/keys';
import { useReport } from '../../../features/keys/api/report.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, usePageTitle } from '@civic/shared/web/page';

/** Overdue and due-soon agreements, kept apart: they need different actions. */
export function DuePage() {
  const { t } = useTranslation();
  usePageTitle(t('keys.home.due'));
  return (
    <section className="stack">
      <p>
        <Link to="/keys">← {t('nav.keys')}</Link>
      </p>
      <h1>{t('keys.home.due')}</h1>
      <DueList due="overdue" />
      <DueList due="due_soon" />
    </section>
  );
}

function DueList({ due }: { due: Exclude<DueStatus, 'on_time'> }) {
  const { t, i18n } = useTranslation();
  const { data, isPending, error } = useReport({
    due,
    sort: 'expectedReturnDate',
    order: 'asc',
    pageSize: 200,
    page: 1,
  });
  return (
    <section className="stack">
      <h2>{t(`keys.due.${due}`)}</h2>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : data?.items.length === 0 ? (
        <p>{t('keys.due.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('keys.report.total', { count: data?.total ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('keys.agreement.expectedReturn')}</th>
                <th scope="col">{t('keys.agreement.number')}</th>
                <th scope="col">{t('keys.agreement.site')}</th>
                <th scope="col">{t('keys.agreement.renter')}</th>
                <th scope="col">{t('keys.agreement.association')}</th>
                <th scope="col">{t('keys.return.keysOut')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.expectedReturnDate, i18n.language)}</td>
                  <td>
                    <Link to={`/keys/agreements/${r.id}`}>{r.number}</Link>
                  </td>
                  <td>{r.site.name}</td>
                  <td>{r.renter}</td>
                  <td>{r.association}</td>
                  <td>
                    {r.keys
                      .filter((k) => k.state === 'out')
                      .map((k) => k.code)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
