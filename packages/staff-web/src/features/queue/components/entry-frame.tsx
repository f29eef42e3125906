import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { isOpenEntry } from '@civic/shared/care-queue';
import type { QueueEntry } from '@civic/shared/queue';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, usePageTitle } from '@civic/shared/web/page';
import { useEntry } from '../api/get-entry.ts';
import { ClockLabel } from './clock-label.tsx';
import { fullName, useNameOf } from './names.ts';

/**
 * A page about one open queue entry: loads it, says whose it is and how its clock stands, and
 * leads back to the client. A closed entry cannot be changed, and the page says so.
 */
export function EntryFrame({
  entryId,
  title,
  children,
}: {
  entryId: string;
  title: string;
  children: (entry: QueueEntry) => ReactNode;
}) {
  const { t, i18n } = useTranslation('queue');
  const nameOf = useNameOf();
  const { data: entry, isPending, error } = useEntry(entryId);
  usePageTitle(title);
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !entry) return <ProblemNotice error={error} />;
  return (
    <section className="stack">
      <p>
        <Link to={`/care/clients/${entry.client.id}`}>← {fullName(entry.client)}</Link>
      </p>
      <h1>{title}</h1>
      <dl className="facts">
        <dt>{t('queue.table.client')}</dt>
        <dd>{fullName(entry.client)}</dd>
        <dt>{t('care.serviceType')}</dt>
        <dd>{nameOf(entry.serviceType.names)}</dd>
        <dt>{t('queue.urgency')}</dt>
        <dd>{t(`queue.urgencyClass.${entry.urgency}`)}</dd>
        <dt>{t('queue.entry.decisionDate')}</dt>
        <dd>{formatDate(entry.decisionDate, i18n.language)}</dd>
        {entry.position !== null && (
          <>
            <dt>{t('queue.entry.position')}</dt>
            <dd>{entry.position}</dd>
          </>
        )}
        <dt>{t('queue.table.clock')}</dt>
        <dd>
          <ClockLabel entry={entry} />
        </dd>
      </dl>
      {isOpenEntry(entry.status) ? (
        children(entry)
      ) : (
        <Notification
          type="info"
          label={t('queue.entry.notOpen', { status: t(`queue.status.${entry.status}`) })}
        />
      )}
    </section>
  );
}
