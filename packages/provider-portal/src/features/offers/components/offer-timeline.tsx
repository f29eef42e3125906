import { useTranslation } from 'react-i18next';
import type { OfferEvent } from '@civic/shared/queue';
import { formatDateTime } from '@civic/shared/web/page';

/** Every step of the offer, oldest first: when, what, who (and on which side), and the unit's reasons and notes. */
export function OfferTimeline({ events }: { events: readonly OfferEvent[] }) {
  const { t, i18n } = useTranslation('offers');
  return (
    <section aria-labelledby="offer-timeline" className="offer-timeline">
      <h2 id="offer-timeline">{t('offers.timeline.title')}</h2>
      <ol className="timeline">
        {events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> –{' '}
            <strong>{t(`offers.timeline.kind.${e.kind}`, { defaultValue: e.kind })}</strong> – {e.actor} (
            {t(`offers.timeline.side.${e.actorSide}`)})
            {e.reason && (
              <span className="block pre-line">
                {/* A confirmation's text is a note to the coordinator; any other step's is its reason. */}
                {e.kind === 'provider_confirmed'
                  ? t('offers.timeline.note', { note: e.reason })
                  : t('offers.timeline.reason', { reason: e.reason })}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
