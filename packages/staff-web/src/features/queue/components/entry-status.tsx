import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@civic/shared/queue';
import { formatDateTime } from '@civic/shared/web/page';

/** An entry's status, its live offer (linking to the offer) and the flags a coordinator acts on. */
export function EntryStatus({ entry }: { entry: QueueEntry }) {
  const { t, i18n } = useTranslation('queue');
  return (
    <>
      {t(`queue.status.${entry.status}`)}
      {entry.status === 'interim' && entry.interimUnit && (
        <span className="block muted">{entry.interimUnit.name}</span>
      )}
      {entry.liveOffer && (
        <span className="block">
          <Link to={`/care/offers/${entry.liveOffer.id}`}>
            {t('queue.offerTo', { unit: entry.liveOffer.unit.name })}
          </Link>
          <span className="block muted">
            {t(`queue.offerStatus.${entry.liveOffer.status}`)}
            {entry.liveOffer.status !== 'accepted' &&
              `, ${t('queue.answerBy', { time: formatDateTime(entry.liveOffer.responseDueAt, i18n.language) })}`}
          </span>
        </span>
      )}
      {entry.needsReassessment && <strong className="block">{t('queue.needsReassessment')}</strong>}
      {entry.refusalCount > 0 && (
        <span className="block muted">{t('queue.refusals', { count: entry.refusalCount })}</span>
      )}
    </>
  );
}
