import { Link } from 'react-router';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { useMe } from '@civic/shared/web/auth';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, usePageTitle } from '@civic/shared/web/page';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { portalKeys, useConfirmCapacity, useDashboard } from '../../features/care/api/portal.ts';
import { Freshness, useNameOf } from '../../features/care/components/freshness.tsx';
import { AwaitingOffers } from '../../features/offers/components/awaiting-offers.tsx';
import { offerKeys } from '../../features/offers/api/query-keys.ts';

/**
 * Offers awaiting the unit's action first; then own units with their figures and freshness, stale
 * ones first in mind; open vacancies and their age.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  usePageTitle(t('app.title'));
  const { data, isPending, error } = useDashboard();
  // Figures, vacancies and offers changed by a colleague or the city's coordinators show at once.
  useLiveInvalidation(
    ['care.capacity', 'care.vacancies', 'care.offers'],
    [portalKeys.dashboard(), offerKeys.lists()],
  );
  const confirm = useConfirmCapacity();
  const nameOf = useNameOf();
  const stale = data?.units.filter((u) => u.stale) ?? [];
  return (
    <section className="stack">
      <h1>{me.provider?.name ?? data?.provider.name}</h1>
      <p className="portal-banner">{t('dashboard.intro')}</p>
      <ProblemNotice error={error ?? confirm.error} />
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      {stale.length > 0 && (
        <Notification type="alert" label={t('dashboard.staleTitle', { count: stale.length })}>
          {t('dashboard.staleHelp', { days: data?.staleAfterDays })}
        </Notification>
      )}
      <AwaitingOffers />
      {data && (
        <>
          <h2>{t('dashboard.unitsTitle')}</h2>
          <div className="button-row">
            <Link className="button-link primary" to="/bulk">
              {t('nav.bulk')}
            </Link>
            <Link className="button-link" to="/history">
              {t('nav.history')}
            </Link>
          </div>
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption>{t('dashboard.unitsCaption', { count: data.units.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('care.unit')}</th>
                  <th scope="col">{t('care.serviceType')}</th>
                  <th scope="col">{t('care.maxCapacity')}</th>
                  <th scope="col">{t('care.occupied')}</th>
                  <th scope="col">{t('care.reserved')}</th>
                  <th scope="col">{t('care.vacantAccepting')}</th>
                  <th scope="col">{t('care.confirmed')}</th>
                  <th scope="col">{t('care.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.units.flatMap((u) =>
                  u.capacity.map((c, i) => (
                    <tr key={`${u.id}-${c.serviceType.id}`} className={c.stale ? 'row-stale' : undefined}>
                      {i === 0 && (
                        <th scope="row" rowSpan={u.capacity.length}>
                          <Link to={`/units/${u.id}`}>{u.name}</Link>
                          {c.closedToAdmissions && <span className="muted"> · {t('care.closed')}</span>}
                        </th>
                      )}
                      <td>{nameOf(c.serviceType.names)}</td>
                      <td>{c.maxCapacity}</td>
                      <td>{c.occupied}</td>
                      <td>{c.reserved}</td>
                      <td>{c.vacantAccepting}</td>
                      <td>
                        <Freshness confirmedAt={c.confirmedAt} stale={c.stale} />
                      </td>
                      <td>
                        <Button
                          size={ButtonSize.Small}
                          variant={ButtonVariant.Secondary}
                          disabled={confirm.isPending}
                          aria-label={`${t('care.nothingChanged')}: ${u.name}, ${nameOf(c.serviceType.names)}`}
                          onClick={() =>
                            confirm.mutate({
                              unitId: u.id,
                              serviceTypeId: c.serviceType.id,
                              version: c.version,
                            })
                          }
                        >
                          {t('care.nothingChanged')}
                        </Button>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <h2>{t('dashboard.openVacancies', { count: data.openVacancies.length })}</h2>
          {data.openVacancies.length === 0 ? (
            <p>{t('dashboard.noVacancies')}</p>
          ) : (
            <ul className="card-list">
              {data.openVacancies.map((v) => (
                <li key={v.id} className="card">
                  <h3>
                    <Link to={`/units/${v.unit.id}`}>{v.unit.name}</Link>
                  </h3>
                  <p>{nameOf(v.serviceType.names)}</p>
                  <p>
                    {t('care.availableFrom')}: {formatDate(v.availableFrom, i18n.language)} ·{' '}
                    {t('care.ageDays', { count: v.ageDays })}
                  </p>
                  {v.status === 'offered' && <p>{t('care.vacancyStatus.offered')}</p>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
