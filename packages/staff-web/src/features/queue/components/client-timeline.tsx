import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '@civic/shared/queue';
import { formatDate, formatDateTime } from '@civic/shared/web/page';

type Event = ClientDetail['timeline'][number];

/** A priority change's before and after, a closing's reason: the details a reader asks about. */
function EventDetail({ event }: { event: Event }) {
  const { t, i18n } = useTranslation('queue');
  const d = event.detail;
  if (event.kind === 'priority_changed') {
    const from = d.from as { urgency?: string; priorityDate?: string | null } | undefined;
    const to = d.to as { urgency?: string; priorityDate?: string | null } | undefined;
    const parts: string[] = [];
    if (from?.urgency && to?.urgency && from.urgency !== to.urgency)
      parts.push(
        t('queue.timeline.urgencyChange', {
          from: t(`queue.urgencyClass.${from.urgency}`),
          to: t(`queue.urgencyClass.${to.urgency}`),
        }),
      );
    if (from?.priorityDate !== to?.priorityDate)
      parts.push(
        t('queue.timeline.dateChange', {
          from: formatDate(from?.priorityDate, i18n.language),
          to: formatDate(to?.priorityDate, i18n.language),
        }),
      );
    return parts.length ? <span className="block">{parts.join('; ')}</span> : null;
  }
  if (event.kind === 'closed' && typeof d.reason === 'string') {
    return <span className="block">{t(`queue.status.${d.reason}`)}</span>;
  }
  return null;
}

/** What happened to the client's entries and offers, newest first: who, when, why. */
export function ClientTimeline({ events }: { events: readonly Event[] }) {
  const { t, i18n } = useTranslation('queue');
  if (!events.length) return <p>{t('queue.timeline.none')}</p>;
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> –{' '}
          {t(`queue.event.${e.kind}`, { defaultValue: t('queue.event.other', { kind: e.kind }) })} – {e.actor}
          <EventDetail event={e} />
          {e.reason && (
            <span className="block muted">{t('queue.timeline.reason', { reason: e.reason })}</span>
          )}
          {e.offerId && (
            <span className="block">
              <Link to={`/care/offers/${e.offerId}`}>{t('queue.timeline.openOffer')}</Link>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
