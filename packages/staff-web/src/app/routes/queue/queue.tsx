import { Link } from 'react-router';
import { Button, LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@civic/shared/common';
import { Pager } from '@civic/shared/web/pager';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { exportQueue, useQueue } from '../../../features/queue/api/get-queue.ts';
import { queueKeys } from '../../../features/queue/api/query-keys.ts';
import { ClientSearchForm } from '../../../features/queue/components/client-search-form.tsx';
import { ExportButtons } from '../../../features/queue/components/export-buttons.tsx';
import { QueueFilters } from '../../../features/queue/components/queue-filters.tsx';
import { QueueTable } from '../../../features/queue/components/queue-table.tsx';
import { QUEUE_PAGE_SIZE, useQueueQuery } from '../../../features/queue/components/use-queue-query.ts';

/** The care queue in order (urgency class, then queue date), filtered in the address. */
export function QueuePage() {
  const { t, i18n } = useTranslation('queue');
  usePageTitle(t('queue.title'));
  const { query, update, filtered, clear } = useQueueQuery();
  const { data, isPending, isFetching, error } = useQueue(query);
  // Entries added, moved, offered or closed and clients changed by anyone show without reloading.
  useLiveInvalidation(['care.queue', 'care.offers'], [queueKeys.lists()]);
  const lang = i18n.language as Language;
  return (
    <section className="stack">
      <h1>{t('queue.title')}</h1>
      <nav className="button-row" aria-label={t('queue.actions')}>
        <Link className="button-link primary" to="/care/clients/new">
          {t('queue.addClient')}
        </Link>
        <Link className="button-link" to="/care/queue/import">
          {t('queue.import.title')}
        </Link>
        <Link className="button-link" to="/care">
          {t('care.board.title')}
        </Link>
      </nav>
      <ClientSearchForm />
      <QueueFilters query={query} update={update} filtered={filtered} clear={clear} />
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : data?.total === 0 ? (
        <div className="empty-state" role="status">
          <p>{t(filtered ? 'queue.noneMatching' : 'queue.none')}</p>
          {filtered && <Button onClick={clear}>{t('queue.filters.clear')}</Button>}
        </div>
      ) : (
        data && (
          <>
            <ExportButtons
              label={t('queue.exportTitle')}
              downloads={(['csv', 'xlsx'] as const).map((format) => ({
                format,
                label: t(`queue.exportAs.${format}`),
                download: () => exportQueue(query, format, lang),
              }))}
            />
            <div aria-busy={isFetching}>
              <QueueTable
                items={data.items}
                caption={t('queue.caption', {
                  count: data.total,
                  page: query.page ?? 1,
                  pages: Math.max(1, Math.ceil(data.total / QUEUE_PAGE_SIZE)),
                })}
              />
            </div>
            <Pager
              page={query.page ?? 1}
              total={data.total}
              pageSize={QUEUE_PAGE_SIZE}
              onPage={(page) => update({ page })}
            />
          </>
        )
      )}
    </section>
  );
}
