import { Link, useSearchParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Pager } from '@civic/shared/web/pager';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { MIN_SEARCH_LENGTH, useClientSearch } from '../../../features/queue/api/search-clients.ts';
import { ClientResults } from '../../../features/queue/components/client-results.tsx';
import { ClientSearchForm } from '../../../features/queue/components/client-search-form.tsx';

const PAGE_SIZE = 20;

/** Clients by name or identity code, waiting or not; the words are in the address. */
export function ClientSearchPage() {
  const { t } = useTranslation('queue');
  usePageTitle(t('queue.search.title'));
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const searching = q.length >= MIN_SEARCH_LENGTH;
  const { data, isPending, error } = useClientSearch(q, page, PAGE_SIZE);
  return (
    <section className="stack">
      <p>
        <Link to="/care/queue">← {t('queue.title')}</Link>
      </p>
      <h1>{t('queue.search.title')}</h1>
      {/* A new search (another address) starts the form afresh with its words. */}
      <ClientSearchForm key={q} initial={q} />
      <ProblemNotice error={error} />
      {searching &&
        (isPending ? (
          <LoadingSpinner small loadingText={t('shell.loading')} />
        ) : data?.total === 0 ? (
          <div className="empty-state" role="status">
            <p>{t('queue.search.none', { q })}</p>
            <Link className="button-link primary" to="/care/clients/new">
              {t('queue.addClient')}
            </Link>
          </div>
        ) : (
          data && (
            <>
              <ClientResults
                items={data.items}
                caption={t('queue.search.caption', { count: data.total, q })}
              />
              <Pager
                page={page}
                total={data.total}
                pageSize={PAGE_SIZE}
                onPage={(p) => setParams({ q, page: String(p) }, { replace: true })}
              />
            </>
          )
        ))}
    </section>
  );
}
