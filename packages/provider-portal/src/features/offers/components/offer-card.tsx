import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PortalOffer } from '@civic/shared/queue';
import { useBackState } from '@civic/shared/web/back-link';
import { formatDate } from '@civic/shared/web/page';
import { languageName } from '@civic/shared/web/language-names';
import { awaitsProvider } from '../utils/offer-state.ts';
import { DeadlineLabel } from './deadline-label.tsx';
import { OfferStatusLabel } from './offer-status.tsx';
import { useNameOf } from './names.ts';

/**
 * Offers as cards: the client's name (the link), age and language, the unit, where the offer stands
 * and its deadline. `backLabel` names this page on the offer page's back link.
 */
export function OfferCards({ offers, backLabel }: { offers: readonly PortalOffer[]; backLabel: string }) {
  const back = useBackState(backLabel);
  return (
    <ul className="card-list offer-cards">
      {offers.map((offer) => (
        <OfferCard key={offer.id} offer={offer} back={back} />
      ))}
    </ul>
  );
}

function OfferCard({ offer, back }: { offer: PortalOffer; back: ReturnType<typeof useBackState> }) {
  const { t, i18n } = useTranslation('offers');
  const nameOf = useNameOf();
  const lang = i18n.language;
  return (
    <li className={`card offer-card${awaitsProvider(offer.status) ? ' offer-card-action' : ''}`}>
      <h3>
        <Link to={`/offers/${offer.id}`} state={back}>
          {offer.client.firstName} {offer.client.lastName}
        </Link>
      </h3>
      <p>
        {t('offers.ageLanguage', {
          age: offer.client.age,
          language: languageName(offer.client.language, lang),
        })}
      </p>
      <p>
        {offer.unit.name} · {nameOf(offer.serviceType.names)}
      </p>
      <p>
        <OfferStatusLabel status={offer.status} />
      </p>
      <DeadlineLabel offer={offer} />
      {offer.status === 'moved_in' ? (
        <p className="muted">{t('offers.ended.moved_in', { date: formatDate(offer.movedInOn, lang) })}</p>
      ) : (
        <p className="muted">
          {t('offers.intendedMoveIn', { date: formatDate(offer.intendedMoveIn, lang) })}
        </p>
      )}
    </li>
  );
}
