import { Link, useSearchParams } from 'react-router';
import { Checkbox, LoadingSpinner, StatusLabel, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole } from '@civic/shared/roles';
import { useMe } from '@civic/shared/web/auth';
import { useBackState } from '@civic/shared/web/back-link';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';
import { useUnits } from '../../../features/care/api/care.ts';

/** Every unit with its places and how fresh its figures are; stale ones can be listed alone. */
export function CareUnitsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('care.units.title'));
  const me = useMe();
  const back = useBackState('care.units.title');
  // The search lives in the address, so the back link from a unit returns to the same list.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const staleOnly = params.get('stale') === 'true';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const { data, isPending, error } = useUnits({
    q: q || undefined,
    stale: staleOnly || undefined,
    pageSize: 200,
  });
  return (
    <section className="stack">
      <p>
        <Link to="/care">← {t('care.board.title')}</Link>
      </p>
      <h1>{t('care.units.title')}</h1>
      {hasAnyRole(me.roles, ['admin', 'care_coordinator']) && (
        <p>
          <Link className="button-link primary" to="/care/units/new">
            {t('care.units.add')}
          </Link>
        </p>
      )}
      <div className="button-row">
        <TextInput
          id="units-search"
          type="search"
          label={t('care.units.search')}
          value={q}
          onChange={(e) => set('q', e.target.value)}
        />
        <Checkbox
          id="units-stale"
          label={t('care.units.staleOnly')}
          checked={staleOnly}
          onChange={(e) => set('stale', e.target.checked ? 'true' : null)}
        />
      </div>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('care.units.caption', { count: data?.total ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('care.unit')}</th>
                <th scope="col">{t('care.provider')}</th>
                <th scope="col">{t('care.district')}</th>
                <th scope="col">{t('care.places')}</th>
                <th scope="col">{t('care.occupied')}</th>
                <th scope="col">{t('care.vacant')}</th>
                <th scope="col">{t('care.confirmed')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/care/units/${u.id}`} state={back}>
                      {u.name}
                    </Link>
                  </td>
                  <td>{u.provider.name}</td>
                  <td>{u.district}</td>
                  <td>{u.capacity.reduce((s, c) => s + c.maxCapacity, 0)}</td>
                  <td>{u.capacity.reduce((s, c) => s + c.occupied, 0)}</td>
                  <td>{u.capacity.reduce((s, c) => s + c.vacantAccepting, 0)}</td>
                  <td>
                    {u.stale ? (
                      <StatusLabel type="alert">{formatDateTime(u.confirmedAt, i18n.language)}</StatusLabel>
                    ) : (
                      formatDateTime(u.confirmedAt, i18n.language)
                    )}
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
