import { useState } from 'react';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Pager } from '@civic/shared/web/pager';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';
import { useDashboard, useHistory } from '../../features/care/api/portal.ts';

/** The organisation's own reports: every update, confirmation and vacancy, newest first. */
export function HistoryPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.history'));
  const [unitId, setUnitId] = useState('');
  const [page, setPage] = useState(1);
  const { data: dash } = useDashboard();
  const { data, isPending, error } = useHistory(unitId, page);
  return (
    <section className="stack">
      <h1>{t('nav.history')}</h1>
      <NativeSelect
        id="history-unit"
        label={t('care.unit')}
        value={unitId}
        options={[
          { value: '', label: t('history.allUnits') },
          ...(dash?.units.map((u) => ({ value: u.id, label: u.name })) ?? []),
        ]}
        onChange={(v) => {
          setUnitId(v);
          setPage(1);
        }}
      />
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('history.caption', { count: data?.total ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('care.unit')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('care.maxCapacity')}</th>
                <th scope="col">{t('care.occupied')}</th>
                <th scope="col">{t('care.reserved')}</th>
                <th scope="col">{t('care.vacantAccepting')}</th>
                <th scope="col">{t('history.who')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((h, i) => (
                <tr key={i}>
                  <td>{formatDateTime(h.at, i18n.language)}</td>
                  <td>{h.unit.name}</td>
                  <td>{t(`history.kind.${h.kind}`)}</td>
                  <td>{h.maxCapacity}</td>
                  <td>{h.occupied}</td>
                  <td>{h.reserved}</td>
                  <td>{h.vacantAccepting}</td>
                  <td>{h.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={setPage} />}
    </section>
  );
}
