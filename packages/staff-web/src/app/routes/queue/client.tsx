import { Link, useParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { isOpenEntry } from '@civic/shared/care-queue';
import { BackLink } from '@civic/shared/web/back-link';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useClient } from '../../../features/queue/api/get-client.ts';
import { AccessLog } from '../../../features/queue/components/access-log.tsx';
import { ClientFacts } from '../../../features/queue/components/client-facts.tsx';
import { ClientOffers } from '../../../features/queue/components/client-offers.tsx';
import { ClientTimeline } from '../../../features/queue/components/client-timeline.tsx';
import { EntryCard } from '../../../features/queue/components/entry-card.tsx';
import { fullName } from '../../../features/queue/components/names.ts';

/** One client: personal data, queue entries with their clocks and fitting places, offers, history, access log. */
export function ClientPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('queue');
  const { data, isPending, error } = useClient(id);
  usePageTitle(data ? fullName(data.client) : t('queue.client.title'));
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !data) return <ProblemNotice error={error} />;
  const { client, entries, offers, timeline } = data;
  const open = entries.filter((e) => isOpenEntry(e.status));
  const closed = entries.filter((e) => !isOpenEntry(e.status));
  return (
    <section className="stack">
      <BackLink fallback={{ to: '/care/queue', label: 'queue:queue.title' }} />
      <h1>{fullName(client)}</h1>
      <nav className="button-row" aria-label={t('queue.client.actions')}>
        <Link className="button-link" to={`/care/clients/${client.id}/edit`}>
          {t('queue.client.edit')}
        </Link>
        {!client.deceasedOn && (
          <Link className="button-link primary" to={`/care/clients/${client.id}/entries/new`}>
            {t('queue.entry.add')}
          </Link>
        )}
      </nav>
      <ClientFacts client={client} />

      <h2>{t('queue.client.entries')}</h2>
      {entries.length === 0 && <p>{t('queue.client.noEntries')}</p>}
      {open.map((e) => (
        <EntryCard key={e.id} entry={e} />
      ))}
      {closed.length > 0 && (
        <details>
          <summary className="queue-filters-summary">
            {t('queue.client.closedEntries', { count: closed.length })}
          </summary>
          <div className="stack">
            {closed.map((e) => (
              <EntryCard key={e.id} entry={e} />
            ))}
          </div>
        </details>
      )}

      <h2>{t('queue.offers.title')}</h2>
      <ClientOffers offers={offers} />

      <h2>{t('queue.timeline.title')}</h2>
      <ClientTimeline events={timeline} />

      <h2>{t('queue.accessLog.title')}</h2>
      <AccessLog clientId={client.id} />
    </section>
  );
}
