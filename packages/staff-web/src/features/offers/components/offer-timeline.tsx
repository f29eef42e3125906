import { useTranslation } from 'react-i18next';
import type { OfferEvent } from '@civic/shared/queue';
import { formatDate, formatDateTime } from '@civic/shared/web/page';

/** Every step of an offer, oldest first: when, what, who (and on which side), why. */
export function OfferTimeline({ events }: { events: readonly OfferEvent[] }) {
  const { t, i18n } = useTranslation('offers');
  const lang = i18n.language;
  return (
    <section aria-labelledby="offer-timeline" className="stack">
      <h2 id="offer-timeline">{t('offers.offer.timeline')}</h2>
      <ol className="offer-timeline">
        {events.map((e, i) => {
          const detail = e.detail as { rank?: unknown; score?: unknown; movedInOn?: unknown };
          return (
            <li key={`${e.at}-${i}`}>
              <strong>{t(`offers.offer.event.${e.kind}`, { defaultValue: e.kind })}</strong>
              <p>
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> ·{' '}
                {t('offers.offer.eventBy', { actor: e.actor, side: t(`offers.offer.side.${e.actorSide}`) })}
              </p>
              {e.reason && <p>{t('offers.offer.eventReason', { reason: e.reason })}</p>}
              {typeof detail.rank === 'number' && (
                <p className="muted">
                  {t('offers.offer.eventRank', { rank: detail.rank, score: detail.score ?? '–' })}
                </p>
              )}
              {typeof detail.movedInOn === 'string' && (
                <p className="muted">
                  {t('offers.offer.eventMovedIn', { date: formatDate(detail.movedInOn, lang) })}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
