import { useState } from 'react';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Pager } from '@civic/shared/web/pager';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useDashboard, useHistory } from '../../features/care/api/portal.ts';
import { HistoryTable } from '../../features/care/components/history-table.tsx';

/** The organisation's own reports: every update, confirmation and vacancy, newest first. */
export function HistoryPage() {
  const { t } = useTranslation();
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
        <HistoryTable
          items={data?.items ?? []}
          caption={t('history.caption', { count: data?.total ?? 0 })}
          showUnit
        />
      )}
      {data && <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={setPage} />}
    </section>
  );
}
